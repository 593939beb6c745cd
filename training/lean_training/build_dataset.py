"""Build the LEAN fine-tuning dataset: chat-format prompt/completion JSONL from requests drawn from the product's
offline generator (every market and block it writes), each phrased into a prompt by the product itself, and
optionally the user's own algorithms and LEAN's ``Algorithm.Python`` examples.

Usage (from ``training/``, after ``npm run build`` in the repository root):

    # The default dataset (2,400 drawn requests over every market and block, about a minute) into data/lean/
    python -m lean_training.build_dataset --output_dir data/lean

    # The same from the example config; flags override the file
    python -m lean_training.build_dataset --config configs/dataset.yaml --composed 600

    # A small dataset
    python -m lean_training.build_dataset --output_dir /tmp/lean-small --composed 100

    # Add your own algorithms and LEAN's examples
    python -m lean_training.build_dataset --output_dir data/mine --user_algorithms ~/lean/MyProjects \\
        --lean_algorithm_python ~/src/Lean/Algorithm.Python

What it writes to ``output_dir``:

- ``train.jsonl``, ``validation.jsonl``, ``test.jsonl``: one example a line in TRL's conversational
  prompt/completion form, ``{"prompt": [system, user], "completion": [assistant], "meta": {...}}``. The prompt is
  exactly what the product sends a model for that request with no worked examples (``lean-author dataset
  --read-prompts``: its system prompt with the indicator signatures the request may need). The completion is the
  code in one ```` ```python ```` block, as the system prompt asks and the product's code extractor reads.
- ``dataset_card.md``: counts per writer, source, security type and split, the split and deduplication rules,
  licences.
- ``dataset_info.json``: the same counts, what was dropped and why, the sha256 of each split file, the config.

Every example's code is validator-clean (``lean-author validate``: no error diagnostics); the split holds out
whole wordings and signal numbers (see ``lean_training.splits``); near-duplicates are removed (see
``lean_training.dedup``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_training.cli import make_stage_parser, run_stage


@dataclass
class BuildDatasetConfig:
    output_dir: str = field(
        default="data/lean", metadata={"help": "Folder for the split files, dataset_card.md and dataset_info.json."}
    )
    lean_author: str | None = field(
        default=None,
        metadata={
            "help": "The lean-author command, e.g. 'node /path/to/dist/cli.js' (default: node <repo>/dist/cli.js, "
            "built with `npm run build`)."
        },
    )
    composed: int = field(
        default=2400,
        metadata={
            "help": "Requests drawn from the offline generator's combinations (every market and block): each phrased "
            "into a prompt by the product and written by the offline generator from it; 0 for none (files only)."
        },
    )
    seed: int = field(default=0, metadata={"help": "Seed for the draws, their phrasings and the split."})
    user_algorithms: list[str] = field(
        default_factory=list,
        metadata={
            "help": "Folders of your own LEAN algorithms; each .py with a QCAlgorithm class becomes an example."
        },
    )
    lean_algorithm_python: str | None = field(
        default=None,
        metadata={"help": "Algorithm.Python folder of a LEAN checkout; its ### <summary> blocks become prompts."},
    )
    lean_include_regression: bool = field(
        default=False, metadata={"help": "Also take LEAN's *Regression* test algorithms (skipped by default)."}
    )
    allow_pascal_case: bool = field(
        default=False,
        metadata={
            "help": "Keep files that use LEAN's old PascalCase API (the product's system prompt asks for snake_case)."
        },
    )
    max_code_chars: int = field(default=16000, metadata={"help": "Leave out files longer than this."})
    validation_fraction: float = field(default=0.1, metadata={"help": "Share of examples in the validation split."})
    test_fraction: float = field(default=0.15, metadata={"help": "Share of examples in the test split."})
    near_duplicate_threshold: float = field(
        default=0.8,
        metadata={
            "help": "Prompt and code Jaccard similarity at or above which two examples with the same numbers are "
            "near-duplicates (1 keeps all but exact duplicates; see lean_training/dedup.py)."
        },
    )
    exclude_prompts_from: list[str] | None = field(
        default=None,
        metadata={
            "help": "Files of prompts no example may match (evaluation prompts): .ts string literals or one prompt "
            "a line (default: the product's test/eval/generationPrompts.ts when present)."
        },
    )


def check_config(config: BuildDatasetConfig) -> None:
    if not 0 <= config.validation_fraction < 1 or not 0 <= config.test_fraction < 1:
        raise ValueError("validation_fraction and test_fraction must each be at least 0 and below 1.")
    if config.validation_fraction + config.test_fraction >= 1:
        raise ValueError("validation_fraction + test_fraction must be below 1, or nothing is left for training.")
    if not 0 < config.near_duplicate_threshold <= 1:
        raise ValueError("near_duplicate_threshold must be above 0 and at most 1 (e.g. 0.9).")
    if config.composed < 0:
        raise ValueError("composed must be 0 or more (the number of composer requests to draw).")
    for folder in config.user_algorithms:
        if not Path(folder).expanduser().is_dir():
            raise ValueError(
                f"user_algorithms: {folder} is not a folder. Pass folders that hold your LEAN algorithms."
            )
    if config.lean_algorithm_python and not Path(config.lean_algorithm_python).expanduser().is_dir():
        raise ValueError(
            f"lean_algorithm_python: {config.lean_algorithm_python} is not a folder. Pass the Algorithm.Python folder "
            "of a LEAN checkout (git clone https://github.com/QuantConnect/Lean)."
        )
    if not (config.composed or config.user_algorithms or config.lean_algorithm_python):
        raise ValueError(
            "Nothing to build from: composed is 0, and neither user_algorithms nor lean_algorithm_python is given."
        )


def main(config: BuildDatasetConfig) -> dict[str, Any]:
    """Builds the dataset into ``config.output_dir`` and returns what ``dataset_info.json`` holds."""
    import time

    from lean_training.dataset import build, write_info

    check_config(config)
    started = time.monotonic()
    info = build(config, log=lambda line: print(line, flush=True))
    info["build_seconds"] = round(time.monotonic() - started, 1)
    write_info(Path(config.output_dir), info)
    counts = info["counts"]["by_split"]
    print(
        f"Wrote {info['counts']['total']} examples to {config.output_dir} "
        f"(train {counts.get('train', 0)}, validation {counts.get('validation', 0)}, test {counts.get('test', 0)}) "
        f"in {info['build_seconds']} s."
    )
    return info


def make_parser():
    return make_stage_parser(
        BuildDatasetConfig,
        prog="python -m lean_training.build_dataset",
        description="Build the LEAN fine-tuning dataset (train/validation/test JSONL, dataset card).",
    )


if __name__ == "__main__":
    run_stage("build_dataset", make_parser, main)
