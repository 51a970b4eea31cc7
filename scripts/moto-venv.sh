#!/usr/bin/env bash
# The S3-compatible server of the shared store's tests: moto's server (in memory, on loopback),
# in a virtualenv of its own at target/moto-venv (or $1), so that neither the system's Python nor
# the user's is touched. The tests find target/moto-venv/bin/moto_server, or the server named by
# LLAMACLOUD_MOTO_SERVER. A no-op when the pinned version is already installed there.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-target/moto-venv}"
version="5.2.6"
if [ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c "import moto, sys; sys.exit(moto.__version__ != '$version')" 2>/dev/null; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$version"
