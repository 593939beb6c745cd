#!/usr/bin/env bash
# The README's main-job command: installs and builds on first use, then runs the lean-author CLI.
#   bash scripts/lean-author.sh generate "RSI mean reversion on AAPL and MSFT with a 5% stop"
#   bash scripts/lean-author.sh validate path/to/main.py
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && bash scripts/install-node-deps.sh >&2 && { [[ -f dist/cli.js && dist/cli.js -nt package.json ]] || npm run --silent build >&2; })
exec node "$root/dist/cli.js" "$@"
