#!/usr/bin/env bash
# Charter's main job end to end on the bundled example: record a decision, approve it, sign
# the ledger, prove one entry offline as an auditor would, then show tampering being caught.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
charter="$root/.build/debug/charter"
out="$root/demo-output"
rm -rf "$out"
mkdir -p "$out/auditor"
cd "$out"
export CHARTER_HOME="$out/.charter"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "1. Create the store and the ledger's signing key"
CHARTER_ACTOR=platform-admin@example.com run "$charter" init --origin example.com/charter-demo

step "2. Alice imports a decision memo she wrote"
cp "$root/examples/decisions/DM-002-ledger-storage.md" .
CHARTER_ACTOR=alice@example.com run "$charter" decision import DM-002-ledger-storage.md

step "3. Alice cannot approve her own decision"
CHARTER_ACTOR=alice@example.com "$charter" decision approve DM-002 && exit 1 || echo "(refused, exit $?)"

step "4. Bob, the required approver, approves it"
CHARTER_ACTOR=bob@example.com run "$charter" decision approve DM-002 --reason "reviewed the options and the risks"
run "$charter" decision list

step "5. Sign a checkpoint of the ledger"
run "$charter" ledger checkpoint --output auditor/checkpoint.txt
run "$charter" ledger list

step "6. Hand an auditor one entry (the approval), its proof, the checkpoint and the public key"
approval=$("$charter" ledger list --kind decision.approved --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["index"])')
"$charter" ledger show "$approval" --json > auditor/entry.json
"$charter" ledger proof inclusion "$approval" > auditor/proof.json
"$charter" key export > auditor/ledger.pub
cat auditor/proof.json

step "7. The auditor verifies it offline, with no database"
run "$charter" ledger verify-proof --entry auditor/entry.json --proof auditor/proof.json \
  --checkpoint auditor/checkpoint.txt --key auditor/ledger.pub

step "8. The whole ledger verifies"
run "$charter" ledger verify

step "9. Someone edits a copy of the database behind Charter's back"
mkdir -p tampered
cp -r .charter/keys tampered/
sqlite3 .charter/charter.db ".backup 'tampered/charter.db'"
run sqlite3 tampered/charter.db "UPDATE ledger_entry SET actor = 'mallory@example.com' WHERE idx = $approval"
set +e
CHARTER_HOME="$out/tampered" "$charter" ledger verify
status=$?
set -e
echo "(ledger verify exited $status)"
[ "$status" -eq 1 ]

step "Done"
cat <<EOT
Results are in $out:
  .charter/charter.db   the store (ledger, checkpoints, decision records)
  .charter/keys/        the signing key (mode 600) and its public key
  auditor/              entry.json, proof.json, checkpoint.txt, ledger.pub: what an auditor verifies offline
  tampered/charter.db   the altered copy that \`ledger verify\` rejects
EOT
