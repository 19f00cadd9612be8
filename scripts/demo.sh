#!/usr/bin/env bash
# Charter's main job end to end on the bundled examples: record a decision, approve it, gate a
# project with planted secrets and a critically vulnerable dependency, waive findings with an
# expiry, record the verdicts, sign the ledger, prove one entry offline as an auditor would,
# show tampering being caught, then reject an unapproved base image, attest the fixed service's
# passing verdict and admit it for deploy while a tampered attestation is denied.
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

step "14. Images: a Dockerfile on an unapproved, unpinned base and a floating deployment are rejected"
cp -r "$root/examples/service" service
(cd service && git init -q && git add . && git -c user.name=Dev -c user.email=dev@example.com -c commit.gpgsign=false commit -q -m "service v1.4")
run cat service/Dockerfile
set +e
run "$charter" scan images service
status=$?
set -e
echo "(charter scan images exited $status: unapproved base, no digest, latest, root, curl | sh, and the deployment's image)"
[ "$status" -eq 1 ]

step "15. Fixed: the approved distroless base pinned by digest, a non-root user, a pinned deployment"
cp "$root/examples/service-fix/Dockerfile" service/Dockerfile
cp "$root/examples/service-fix/deployment.yaml" service/deploy/deployment.yaml
(cd service && git add . && git -c user.name=Dev -c user.email=dev@example.com -c commit.gpgsign=false commit -q -m "service: approved base, pinned, non-root")
run "$charter" scan images service
commit=$(git -C service rev-parse HEAD)

step "16. CI checks the fixed commit, records the verdict and signs it as an in-toto attestation"
artifact="sha256:$(printf 'service image 1.4' | sha256sum | cut -d' ' -f1)"
CHARTER_ACTOR=ci@example.com run "$charter" check service --attest service.intoto.json --subject "service-1.4.tar=$artifact"
python3 -c 'import base64,json,sys; e=json.load(open(sys.argv[1])); s=json.loads(base64.b64decode(e["payload"])); print(json.dumps({"payloadType": e["payloadType"], "subject": s["subject"], "predicateType": s["predicateType"], "verdict": s["predicate"]["verdict"], "ledgerIndex": s["predicate"]["ledger"]["entry"]["index"]}, indent=2))' service.intoto.json

step "17. The deploy pipeline admits it: signature, subject, passing verdict, age and ledger proof, offline"
"$charter" key export --format pem > auditor/ledger.pem
run "$charter" verify --attestation service.intoto.json --subject "gitCommit:$commit" --key auditor/ledger.pem --max-age 1h
run "$charter" verify --attestation service.intoto.json --subject "$artifact" --key auditor/ledger.pem
CHARTER_ACTOR=deploy@example.com run "$charter" check service --require-attestation service.intoto.json --no-record

step "18. A tampered attestation (verdict flipped after signing) is denied"
python3 -c 'import base64,json,sys; e=json.load(open(sys.argv[1])); p=base64.b64decode(e["payload"]).replace(b"\"verdict\":\"pass\"", b"\"verdict\":\"PASS\""); e["payload"]=base64.b64encode(p).decode(); json.dump(e, open(sys.argv[2], "w"))' service.intoto.json tampered.intoto.json
set +e
run "$charter" verify --attestation tampered.intoto.json --subject "gitCommit:$commit" --key auditor/ledger.pem
status=$?
set -e
echo "(charter verify exited $status: denied)"
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
  service/              the images example, fixed and committed (its git repository)
  service.intoto.json   the signed verdict (in-toto Statement v1 in a DSSE envelope) that \`charter verify\` admits
  tampered.intoto.json  the same attestation with its verdict altered, which \`charter verify\` denies
EOT
