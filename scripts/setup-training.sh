#!/usr/bin/env bash
# Sets up the training subproject's Python environment in training/.venv (git-ignored): torch,
# transformers, peft, trl, gguf, ... from PyPI at the versions of training/constraints.txt, plus pytest
# and ruff; bitsandbytes (4-bit QLoRA) only where an NVIDIA GPU is. Reinstalls only when pyproject.toml
# or the constraints change. Prints the environment's python on its last line.
#   bash scripts/setup-training.sh
# The PyPI torch wheel for Linux bundles CUDA libraries, so the first install downloads about 3 GB.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/training/.venv"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3
extras="dev"
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then extras="dev,gpu"; fi
stamp="$venv/.installed"
want="$(cat "$root/training/pyproject.toml" "$root/training/constraints.txt" | sha256sum | cut -c1-16) $extras"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "training environment: up to date" >&2
else
  echo "training environment: installing into $venv (extras: $extras)" >&2
  [[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$root/training/constraints.txt" -e "$root/training[$extras]" >&2
  echo "$want" >"$stamp"
fi
echo "$venv/bin/python"
