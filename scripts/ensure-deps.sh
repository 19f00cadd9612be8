#!/usr/bin/env bash
# Installs what building and testing Charter needs when it is missing: the SQLite library and
# command-line shell, Vectorscan (the secret scanner's multi-pattern engine) and pkg-config,
# xmllint (JUnit schema checks), zlib (advisory archives), and the Python packages the tests that
# check Charter against independent implementations and published schemas use.
# Uses apt-get as root, sudo otherwise, and says what to do when neither works.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "ensure-deps: Swift 6 is not on PATH (looked in \$PATH and /opt/swift/usr/bin); install it from swift.org, then re-run." >&2
  exit 2
fi

missing=()
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -f /usr/include/hs/hs.h ] || missing+=(libvectorscan-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)

if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ensure-deps: need ${missing[*]} but cannot install them (not root and no sudo); install them with your package manager and re-run." >&2
    exit 2
  fi
fi

# module:package — the import name and the PyPI name, where they differ.
for pair in cryptography jsonschema packaging cvss univers yaml:PyYAML securesystemslib; do
  module=${pair%%:*}
  package=${pair#*:}
  if ! python3 -c "import $module" >/dev/null 2>&1; then
    echo "ensure-deps: installing Python's $package package (used by cross-check tests)"
    python3 -m pip install --quiet "$package" >/dev/null 2>&1 \
      || python3 -m pip install --quiet --user "$package" >/dev/null 2>&1 \
      || python3 -m pip install --quiet --break-system-packages "$package" >/dev/null 2>&1 \
      || echo "ensure-deps: could not install $package; install it with pip, or the tests that need it fail under CI=true" >&2
  fi
done
