"""The train/validation/test split rule.

1. **Parameter holdout.** A request whose signal numbers are held out (the product's ``HELD_OUT_PARAMS``, in
   ``extension/core/generation/compose/composedRecords.ts``, flagged on each record as ``heldOut.params``) goes to
   test. Those numbers never appear in train or validation.
2. **Split by code.** Every other request is split by a hash of its normalised code, so one program, however
   many prompts ask for it, lands in one split.
3. **Phrasing holdout.** A prompt worded in a held-out way (the product's ``HELD_OUT_VARIANTS``, flagged as
   ``heldOut.phrasing``) is kept only in test. One that hashes to train or validation is left out, never moved.
4. **Files** (user algorithms, LEAN's examples) are split by a hash of their normalised code, so identical code
   always shares a split.

The builder then drops any prompt that would appear in two splits, keeping the test copy.
"""

from __future__ import annotations

import hashlib
from typing import Any

SPLITS = ("train", "validation", "test")


def unit_hash(*parts: object) -> float:
    """A stable number in [0, 1) from the parts (the same on every machine and Python version)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_file(normalized_code: str, validation_fraction: float, test_fraction: float, seed: int) -> str:
    u = unit_hash(seed, "file", normalized_code)
    if u < test_fraction:
        return "test"
    if u < test_fraction + validation_fraction:
        return "validation"
    return "train"


def split_request(
    record: dict[str, Any], normalized_code: str, validation_fraction: float, test_fraction: float, seed: int
) -> str | None:
    """The split of one drawn request by the rule above; ``None`` when it is left out."""
    held = record.get("heldOut") or {}
    if held.get("params"):
        return "test"
    split = split_file(normalized_code, validation_fraction, test_fraction, seed)
    if split != "test" and held.get("phrasing"):
        return None
    return split
