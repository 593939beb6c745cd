"""Normalised forms of prompts and code for leakage checks, and near-duplicate detection.

Two examples are near-duplicates when their prompts and their codes are each at least ``threshold`` similar
(Jaccard similarity of word 2-shingles of the normalised prompt, and of token 5-shingles of the normalised code),
and their prompts state the same numbers. That last condition keeps examples that differ only in a parameter value
("RSI below 25" vs "RSI below 30"): those are different tasks, however alike the text. Comparing only examples with
the same numbers also makes the search cheap: the similarities are computed exactly, with no hashing approximations
(a few thousand examples need nothing like MinHash).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
CODE_TOKEN = re.compile(r"\w+|[^\w\s]")


def normalize_prompt(prompt: str) -> str:
    """Lower case, punctuation other than what numbers need dropped, whitespace collapsed."""
    text = prompt.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s.%$/+-]|(?<!\d)\.|\.(?!\d)", " ", text)
    return " ".join(text.split())


def normalize_code(code: str) -> str:
    """The code without comments, docstrings or layout (``ast.unparse`` of the tree without docstrings); the text
    with whitespace collapsed when it does not parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return " ".join(code.split())
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.unparse(tree)


def shingles(tokens: Sequence[str], k: int) -> frozenset[tuple[str, ...]]:
    if len(tokens) <= k:
        return frozenset([tuple(tokens)])
    return frozenset(tuple(tokens[i : i + k]) for i in range(len(tokens) - k + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Fingerprint:
    numbers: frozenset[str]
    prompt: frozenset[tuple[str, ...]]
    code: frozenset[tuple[str, ...]]


def fingerprint(prompt: str, normalized_code: str) -> Fingerprint:
    words = WORD.findall(normalize_prompt(prompt))
    return Fingerprint(
        numbers=frozenset(NUMBER.findall(prompt)),
        prompt=shingles(words, 2),
        code=shingles(CODE_TOKEN.findall(normalized_code), 5),
    )


def near_duplicate_groups(fingerprints: Sequence[Fingerprint], threshold: float) -> list[list[int]]:
    """Groups (two or more indexes, ascending) of near-duplicate examples; transitive, like union-find."""
    parent = list(range(len(fingerprints)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, fp in enumerate(fingerprints):
        blocks[fp.numbers].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = fingerprints[i], fingerprints[j]
                if jaccard(a.code, b.code) >= threshold and jaccard(a.prompt, b.prompt) >= threshold:
                    parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(fingerprints)):
        groups[root(i)].append(i)
    return [sorted(g) for g in groups.values() if len(g) > 1]
