"""Runs the product's ``lean-author`` command line (the built ``dist/cli.js`` of this repository, or any command
given) for the stages that need the product itself: the composed records, what the product makes of a prompt, and
the validator.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# training/lean_training/lean_author.py -> the repository root.
REPO_ROOT = Path(__file__).resolve().parents[2]

# How many files one `lean-author validate` call checks: keeps the command line far below ARG_MAX.
_VALIDATE_BATCH = 400


def default_command() -> list[str]:
    return ["node", str(REPO_ROOT / "dist" / "cli.js")]


def resolve_command(command: str | None) -> list[str]:
    """The command as an argument list; ``None`` means ``node <repo>/dist/cli.js``, which must have been built."""
    if command is None or not command.strip():
        argv = default_command()
        if not Path(argv[1]).is_file():
            raise ValueError(
                f"{argv[1]} does not exist: build the product first with `npm run build` in {REPO_ROOT}, "
                "or pass `--lean_author 'node /path/to/dist/cli.js'`."
            )
        return argv
    return shlex.split(command)


class LeanAuthor:
    """One ``lean-author`` command line; every call is a separate process."""

    def __init__(self, command: str | None = None):
        self.argv = resolve_command(command)

    def run(self, *args: str, stdin: str | None = None, ok_codes: tuple[int, ...] = (0,)) -> str:
        try:
            done = subprocess.run(
                [*self.argv, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", check=False
            )
        except FileNotFoundError as error:
            raise ValueError(
                f"Cannot run {shlex.join(self.argv)} ({error}). Install Node.js 20 or later, or pass the command with "
                "`--lean_author`."
            ) from error
        if done.returncode not in ok_codes:
            message = done.stderr.strip() or f"exit code {done.returncode}"
            raise ValueError(f"`{shlex.join([*self.argv, *args[:3]])} ...` failed: {message}")
        return done.stdout

    def version(self) -> str:
        return self.run("--version").strip()

    def system_prompt(self) -> str:
        return self.run("dataset", "--system-prompt").rstrip("\n")

    def held_out(self) -> dict[str, Any]:
        """The wordings and signal numbers the composed records hold out for test (``{variants, params}``)."""
        return json.loads(self.run("dataset", "--held-out"))

    def composed_records(self, *, count: int, seed: int) -> list[dict[str, Any]]:
        """``count`` requests drawn from the composer: each a prompt phrased from the request and the code the
        offline generator writes for that prompt (``lean-author dataset --composed``); declined draws are left out."""
        args = ["dataset", "--composed", str(count), "--seed", str(seed)]
        return [json.loads(line) for line in self.run(*args).splitlines() if line.strip()]

    def read_prompts(self, prompts: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
        """``{id: reading}`` for ``(id, prompt)`` pairs: the reader's family and spec and the zero-example messages."""
        lines = "".join(json.dumps({"id": pid, "prompt": prompt}) + "\n" for pid, prompt in prompts)
        if not lines:
            return {}
        out = self.run("dataset", "--read-prompts", "-", stdin=lines)
        readings = [json.loads(line) for line in out.splitlines() if line.strip()]
        return {reading["id"]: reading for reading in readings}

    def validate(self, files: Sequence[Path]) -> dict[Path, list[dict[str, Any]]]:
        """The validator's diagnostics for each file (an empty list when clean)."""
        result: dict[Path, list[dict[str, Any]]] = {Path(f): [] for f in files}
        for start in range(0, len(files), _VALIDATE_BATCH):
            batch = [str(f) for f in files[start : start + _VALIDATE_BATCH]]
            # Exit code 1 is the validator reporting errors, which are read from stdout.
            for row in json.loads(self.run("validate", "--json", *batch, ok_codes=(0, 1)) or "[]"):
                result[Path(row["file"])].append(row)
        return result

    def validate_sources(self, sources: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
        """Validates code held in memory (``{key: code}``), each as the ``main.py`` of its own project folder, where
        the product writes generated code (some rules apply to ``main.py`` only)."""
        with tempfile.TemporaryDirectory(prefix="lean-validate-") as tmp:
            paths: dict[str, Path] = {}
            for i, (key, code) in enumerate(sources.items()):
                path = Path(tmp) / f"{i:06d}" / "main.py"
                path.parent.mkdir()
                path.write_text(code, encoding="utf-8")
                paths[key] = path
            diagnostics = self.validate(list(paths.values()))
            return {key: diagnostics[path] for key, path in paths.items()}
