"""The one argument parser every stage uses: dataclass fields become flags, ``--config FILE.yaml`` sets
defaults, and flags given on the command line override the file.

TRL's ``TrlParser`` does exactly this (it is transformers' ``HfArgumentParser`` plus the YAML file), so
the stages use it rather than a hand-written parser.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any


def make_stage_parser(*config_types: type, prog: str | None = None, description: str | None = None) -> Any:
    try:
        from trl import TrlParser
    except ImportError as error:
        raise SystemExit(
            f"The training packages are missing ({error}). Install them: bash scripts/setup-training.sh in the "
            "repository, or pip install -e training (see training/README.md)."
        ) from error

    install_problem_hook()
    return TrlParser(dataclass_types=list(config_types), prog=prog, description=description)


def parse_stage_args(parser: Any, argv: Sequence[str] | None = None) -> tuple[Any, ...]:
    """Parses ``argv`` (``sys.argv[1:]`` when None) into one instance per config type.

    Unknown flags and unknown keys in the YAML file are errors, so a typo never silently falls back to a
    default.
    """
    return tuple(
        parser.parse_args_and_config(args=list(argv) if argv is not None else None, fail_with_unknown_args=True)
    )


def problem_line(error: BaseException) -> str:
    """One line for VS Code's ``$lean-training-python`` problem matcher: where the error was raised and why.

    Format: ``lean-training: FILE:LINE: TYPE: MESSAGE`` (the innermost frame of the traceback).
    """
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "<unknown>:1"
    message = " ".join(str(error).split())
    return f"lean-training: {where}: {type(error).__name__}: {message}"


def install_problem_hook() -> None:
    """Makes an uncaught exception end with a problem line after the usual traceback."""
    previous = sys.excepthook

    def hook(kind, value, tb):  # noqa: ANN001 - sys.excepthook's signature
        previous(kind, value, tb)
        if isinstance(value, Exception):
            print(problem_line(value), file=sys.stderr)

    sys.excepthook = hook
