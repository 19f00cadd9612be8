#!/usr/bin/env bash
# Charter's main job end to end on the bundled examples: record a decision, approve it, gate a
# project with planted secrets and a critically vulnerable dependency, waive findings with an
# expiry, record the verdicts, sign the ledger, prove one entry offline as an auditor would, then
# show tampering being caught.
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

step "5. Load the offline vulnerability database (OSV advisories)"
run "$charter" db import "$root/examples/advisories" --source demo-advisories
run "$charter" db status

step "6. The gates fail: planted secrets, and a dependency with a critical vulnerability"
cp -r "$root/examples/webapp" webapp
printf 'version: 1\ngates:\n  secrets: true\n  deps:\n    fail-on: critical\n' > webapp/charter.yml
run cat webapp/charter.yml
export CHARTER_FINGERPRINT_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
set +e
CHARTER_ACTOR=ci@example.com run "$charter" check webapp --format sarif --output webapp.sarif
CHARTER_ACTOR=ci@example.com "$charter" check webapp
status=$?
set -e
echo "(charter check exited $status: the gates failed and the verdict is in the ledger)"
[ "$status" -eq 1 ]

step "7. Which dependency versions are vulnerable, and which version fixes them"
set +e
run "$charter" scan deps webapp --fail-on critical
set -e

step "8. Carol waives the test fixture's webhook and the PyYAML advisory, each approved by Bob with an expiry"
(cd webapp && CHARTER_ACTOR=carol@example.com run "$charter" waiver add --rule slack-incoming-webhook-url \
  --path "tests/fixtures/**" --reason "Fixture URL points at a deleted workspace; replacing it in WEB-88" \
  --approver bob@example.com --expires 14d)
(cd webapp && CHARTER_ACTOR=carol@example.com run "$charter" waiver add --rule GHSA-6757-jp84-gxfx \
  --path requirements.txt --reason "We only load our own config with safe_load; upgrading to 5.3.1 in WEB-91" \
  --approver bob@example.com --expires 7d)
run cat webapp/charter.yml
set +e
CHARTER_ACTOR=ci@example.com run "$charter" check webapp
status=$?
set -e
echo "(still exit $status: the waived findings pass, the two real tokens still fail)"
run "$charter" ledger list --kind gate.verdict

step "9. Sign a checkpoint of the ledger"
run "$charter" ledger checkpoint --output auditor/checkpoint.txt
run "$charter" ledger list

step "10. Hand an auditor one entry (the approval), its proof, the checkpoint and the public key"
approval=$("$charter" ledger list --kind decision.approved --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["index"])')
"$charter" ledger show "$approval" --json > auditor/entry.json
"$charter" ledger proof inclusion "$approval" > auditor/proof.json
"$charter" key export > auditor/ledger.pub
cat auditor/proof.json

step "11. The auditor verifies it offline, with no database"
run "$charter" ledger verify-proof --entry auditor/entry.json --proof auditor/proof.json \
  --checkpoint auditor/checkpoint.txt --key auditor/ledger.pub

step "12. The whole ledger verifies"
run "$charter" ledger verify

step "13. Someone edits a copy of the database behind Charter's back"
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
  .charter/charter.db   the store (ledger, checkpoints, decision records, gate verdicts, waivers)
  .charter/advisories.db  the offline vulnerability database (OSV advisories)
  webapp/               the example project with its charter.yml (now holding waivers W-001 and W-002)
  webapp.sarif          both gates' findings as SARIF 2.1.0 (redacted: no secret values)
  .charter/keys/        the signing key (mode 600) and its public key
  auditor/              entry.json, proof.json, checkpoint.txt, ledger.pub: what an auditor verifies offline
  tampered/charter.db   the altered copy that \`ledger verify\` rejects
EOT
