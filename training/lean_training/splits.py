"""The train/validation/test split rule.

1. **Parameter holdout.** Each family has one parameter value (for the Donchian breakout, a pair of values) that
   never appears in train or validation (``HELD_OUT_PARAMS``). Specs with it are test-only.
2. **Spec-level split.** The split is chosen per template spec, so every phrasing of a spec, and so every copy of
   its code, lands in one split. Per family, ``test_fraction`` of the kept specs go to test: held-out-parameter
   specs first (any beyond that share are left out of the dataset, never moved to train), then, if there are too
   few, other specs by hash. ``validation_fraction`` of the kept specs go to validation, by hash, the rest to train.
3. **Phrasing holdout.** Train and validation prompts use only the phrasings not held out; every test prompt uses
   a held-out core or frame (``phrasings.HELD_OUT_CORES``, ``phrasings.HELD_OUT_FRAMES``).
4. **Files** (user algorithms, LEAN's examples) are split by a hash of their normalised code, so identical code
   always shares a split.

The builder then drops any prompt that would appear in two splits, keeping the test copy.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

HELD_OUT_PARAMS: dict[str, dict[str, float]] = {
    "sma-crossover": {"fast": 10},
    "ema-crossover": {"slow": 100},
    "rsi-mean-reversion": {"oversold": 25},
    "bollinger-reversion": {"period": 50},
    "macd-momentum": {"slow": 34},
    "donchian-breakout": {"entryPeriod": 55, "exitPeriod": 20},
    "pairs-trading": {"entryZ": 2.5},
    "momentum-rotation": {"lookback": 63},
    "alpha-factor": {"lookback": 10},
}

SPLITS = ("train", "validation", "test")


def unit_hash(*parts: object) -> float:
    """A stable number in [0, 1) from the parts (the same on every machine and Python version)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def has_held_out_params(record: dict[str, Any]) -> bool:
    rule = HELD_OUT_PARAMS.get(record["family"])
    return bool(rule) and all(record["spec"]["params"].get(k) == v for k, v in rule.items())


def split_specs(
    records: list[dict[str, Any]], validation_fraction: float, test_fraction: float, seed: int
) -> tuple[dict[str, str], list[str]]:
    """``({spec id: split}, [ids left out])`` by the rule in this module's docstring."""
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_family[record["family"]].append(record)
    split: dict[str, str] = {}
    left_out: list[str] = []
    for family_records in by_family.values():
        order = sorted(family_records, key=lambda r: unit_hash(seed, r["id"]))
        held = [r["id"] for r in order if has_held_out_params(r)]
        rest = [r["id"] for r in order if not has_held_out_params(r)]
        total = len(order)
        want_test = round(test_fraction * total)
        if len(held) <= want_test:
            test = held + rest[: want_test - len(held)]
            rest = rest[want_test - len(held) :]
        else:
            # Test is test_fraction of what is kept: t / (len(rest) + t) = test_fraction.
            keep = round(test_fraction * len(rest) / (1 - test_fraction)) if test_fraction < 1 else len(held)
            test, left = held[:keep], held[keep:]
            left_out += left
        want_validation = round(validation_fraction * (len(rest) + len(test)))
        for i, spec_id in enumerate(rest):
            split[spec_id] = "validation" if i < want_validation else "train"
        for spec_id in test:
            split[spec_id] = "test"
    return split, left_out


def split_file(normalized_code: str, validation_fraction: float, test_fraction: float, seed: int) -> str:
    u = unit_hash(seed, "file", normalized_code)
    if u < test_fraction:
        return "test"
    if u < test_fraction + validation_fraction:
        return "validation"
    return "train"
