#!/usr/bin/env bash
# npm ci, unless node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "node modules: up to date"
else
  npm ci --no-audit --no-fund --loglevel=error
fi
