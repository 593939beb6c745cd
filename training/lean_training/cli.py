"""The one argument parser every stage uses: dataclass fields become flags, ``--config FILE.yaml`` sets
defaults, and flags given on the command line override the file.

TRL's ``TrlParser`` does exactly this (it is transformers' ``HfArgumentParser`` plus the YAML file), so
the stages use it rather than a hand-written parser.

``run_stage`` is every stage's ``if __name__ == "__main__":`` block: parse, run ``main``, and end the same
way for every stage (exit 2 with a problem line on a ValueError, 130 on Ctrl-C).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
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


def run_stage(
    name: str, make_parser: Callable[[], Any], main: Callable[..., Any], argv: Sequence[str] | None = None
) -> None:
    """Runs one stage from the command line: ``main(*parse_stage_args(make_parser(), argv))``.

    How it ends is the same for every stage:

    - ``main`` returns: ``run_stage`` returns (exit code 0);
    - a ``ValueError`` (bad input, a failed step, an unknown flag or a setting the parser refuses; its message
      says what to do): ``<name>: <message>`` and the problem line (see ``problem_line``) on stderr, exit code 2;
    - Ctrl-C (``KeyboardInterrupt``), also while the parser loads or parses: ``<name>: cancelled.`` on stderr,
      exit code 130;
    - a flag value argparse cannot read: its usage message, exit code 2; any other exception: its traceback and a
      problem line (``install_problem_hook``), exit code 1.
    """
    try:
        configs = parse_stage_args(make_parser(), argv)
        main(*configs)
    except ValueError as error:
        print(f"{name}: {error}", file=sys.stderr)
        print(problem_line(error), file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print(f"{name}: cancelled.", file=sys.stderr)
        sys.exit(130)


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
