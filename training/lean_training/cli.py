"""The one argument parser every stage uses: dataclass fields become flags, ``--config FILE.yaml`` sets
defaults, and flags given on the command line override the file.

TRL's ``TrlParser`` does exactly this (it is transformers' ``HfArgumentParser`` plus the YAML file), so
the stages use it rather than a hand-written parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def make_stage_parser(*config_types: type, prog: str | None = None, description: str | None = None) -> Any:
    from trl import TrlParser

    return TrlParser(dataclass_types=list(config_types), prog=prog, description=description)


def parse_stage_args(parser: Any, argv: Sequence[str] | None = None) -> tuple[Any, ...]:
    """Parses ``argv`` (``sys.argv[1:]`` when None) into one instance per config type.

    Unknown flags and unknown keys in the YAML file are errors, so a typo never silently falls back to a
    default.
    """
    return tuple(
        parser.parse_args_and_config(args=list(argv) if argv is not None else None, fail_with_unknown_args=True)
    )
