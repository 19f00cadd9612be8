#!/usr/bin/env python3
"""Independent check of a Charter ledger entry, written from the specifications only.

Verifies, with no Charter code: the C2SP signed-note signature of a checkpoint (Ed25519 via
the `cryptography` package), the tlog-checkpoint body, and the RFC 9162 inclusion proof of the
entry's RFC 8785 bytes. Exit 0 when everything verifies, 1 when a check fails.

    python3 Tests/Interop/verify_entry.py --entry entry.json --proof proof.json \
        --checkpoint checkpoint.txt --key ledger.pub
"""
import argparse
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def fail(message):
    print(f"NOT VERIFIED: {message}")
    sys.exit(1)


def parse_vkey(text):
    name, key_id, material = text.strip().split("+", 2)  # base64 may contain "+"
    raw = base64.b64decode(material)
    if raw[0] != 0x01 or len(raw) != 33:
        fail("not an Ed25519 vkey")
    public = raw[1:]
    expected = hashlib.sha256(name.encode() + b"\n" + b"\x01" + public).digest()[:4]
    if expected.hex() != key_id:
        fail("vkey id does not match its key")
    return name, int(key_id, 16), public


def verify_note(note, name, key_id, public):
    if not note.endswith("\n"):
        fail("note does not end in a newline")
    split = note.rindex("\n\n")
    text, signatures = note[: split + 1], note[split + 2 :]
    for line in signatures.splitlines():
        dash, signer, blob = line.split(" ")
        raw = base64.b64decode(blob)
        if dash != "\u2014" or signer != name or int.from_bytes(raw[:4], "big") != key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(raw[4:], text.encode())
            return text
        except InvalidSignature:
            fail("checkpoint signature does not verify")
    fail("checkpoint is not signed by the given key")


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, path, root):
    # RFC 9162 section 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--entry", "--proof", "--checkpoint", "--key"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()

    name, key_id, public = parse_vkey(open(args.key).read())
    text = verify_note(open(args.checkpoint).read(), name, key_id, public)
    origin, size, root = text.splitlines()[:3]
    size, root = int(size), base64.b64decode(root)

    entry = json.load(open(args.entry))
    # RFC 8785 for entries of strings, integers, booleans and nested objects.
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    leaf = hashlib.sha256(b"\x00" + canonical).digest()

    proof = json.load(open(args.proof))
    if proof["treeSize"] != size or proof["index"] != entry["index"]:
        fail("proof does not match the entry and checkpoint")
    path = [base64.b64decode(h) for h in proof["hashes"]]
    if not verify_inclusion(entry["index"], size, leaf, path, root):
        fail("inclusion proof does not lead to the checkpoint root")
    print(f"ok: entry {entry['index']} is in {origin} at size {size}")


if __name__ == "__main__":
    main()
