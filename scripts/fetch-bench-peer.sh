#!/usr/bin/env bash
# Installs the model-server bench's peer, llama-cpp-python[server] from PyPI, into the git-ignored
# virtual environment .cache/bench-peer/venv. PyPI ships it as an sdist: pip compiles llama.cpp here
# (a CPU build; about 6 minutes on two cores). `npm run bench -- server` uses it when it is there and
# skips just this peer when it is not. Prints the venv's python on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
venv="$root/.cache/bench-peer/venv"
stamp="$venv/.installed-llama-cpp-python-$VERSION"
if [[ -f "$stamp" ]]; then
  echo "fetch-bench-peer: llama-cpp-python $VERSION already in .cache/bench-peer/venv" >&2
  echo "$venv/bin/python"
  exit 0
fi
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv"
echo "fetch-bench-peer: building llama-cpp-python[server] $VERSION from source (several minutes)" >&2
# A CPU-only build tuned for this machine; no GPU backends, no tests or examples.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=ON -DGGML_CUDA=OFF -DGGML_VULKAN=OFF -DGGML_METAL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "llama-cpp-python[server]==$VERSION" >&2
"$venv/bin/python" -c 'import llama_cpp.server.app' >&2
touch "$stamp"
echo "fetch-bench-peer: installed llama-cpp-python $VERSION" >&2
echo "$venv/bin/python"
