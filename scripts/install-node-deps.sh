#!/usr/bin/env bash
# Installs the npm dependencies at the versions package-lock.json pins, unless node_modules already
# matches it. `npm install` rather than `npm ci`: npm 11 leaves node-llama-cpp's optional binaries for
# other platforms (Windows, macOS, riscv64) out of the lock file and then `npm ci` refuses it as out of sync.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "node modules: up to date"
else
  npm install --no-audit --no-fund --loglevel=error
fi
