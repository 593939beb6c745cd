#!/usr/bin/env bash
# The README's test command: installs everything the tests need on a fresh machine, then runs every tier.
#   bash scripts/test.sh            all tiers
#   bash scripts/test.sh unit       only the named tiers (unit, integration, python, e2e); type check, lint and build always run
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
bash scripts/install-node-deps.sh
bash scripts/fetch-editor.sh
bash scripts/fetch-model.sh >/dev/null
bash scripts/setup-training.sh >/dev/null
npm test -- "$@"
