"""Shared test fixtures: the repository's built CLI, the SmolLM2 model and llama.cpp through node-llama-cpp.

Everything here is real: the tests run the built ``lean-author`` (``npm run build``), the SmolLM2-135M-Instruct
GGUF (``bash scripts/fetch-model.sh``) and node-llama-cpp from the repository's node_modules. When one is
missing the test is skipped locally with the command that provides it, and fails under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CLI = REPO_ROOT / "dist" / "cli.js"
SMOLLM2 = REPO_ROOT / ".cache" / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
LLAMA_GREEDY = Path(__file__).parent / "tools" / "llama_greedy.mjs"


def require(condition: bool, missing: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing} (CI=true: nothing is skipped)")
    pytest.skip(missing)


@pytest.fixture(scope="session")
def built_cli() -> Path:
    require(CLI.is_file(), "run `npm run build` in the repository root first")
    return CLI


@pytest.fixture(scope="session")
def smollm2() -> Path:
    require(SMOLLM2.is_file(), "run `bash scripts/fetch-model.sh` in the repository root first")
    return SMOLLM2


@pytest.fixture(scope="session")
def llama_cpp() -> Path:
    require((REPO_ROOT / "node_modules" / "node-llama-cpp").is_dir(), "run `npm ci` in the repository root first")
    return LLAMA_GREEDY


def llama_greedy(tmp_path: Path, request: dict) -> list[list[int]]:
    """llama.cpp's greedy tokens for the request (see tests/tools/llama_greedy.mjs)."""
    request_file = tmp_path / f"greedy-{len(list(tmp_path.glob('greedy-*')))}.json"
    request_file.write_text(json.dumps(request))
    run = subprocess.run(
        ["node", str(LLAMA_GREEDY), str(request_file)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=600
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["outputs"]
