#!/usr/bin/env bash
# The Azure Blob Storage emulator of the shared store's tests: Azurite (npm `azurite`, in memory,
# on loopback), installed under target/azurite (or $1) so that no global npm package is touched.
# The tests find target/azurite/node_modules/.bin/azurite-blob, or the program named by
# LLAMACLOUD_AZURITE. A no-op when the pinned version is already installed there.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-target/azurite}"
version="3.37.0"
installed="$prefix/node_modules/azurite/package.json"
if [ -x "$prefix/node_modules/.bin/azurite-blob" ] && [ -f "$installed" ] &&
  node -e "process.exit(require(process.argv[1]).version === '$version' ? 0 : 1)" "$(realpath "$installed")" 2>/dev/null; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --silent "azurite@$version"
