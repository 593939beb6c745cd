"""The work of ``build_dataset``: collect examples from requests drawn from the product's composer and from files,
keep the validator-clean ones, remove duplicates and leaks, attach the product's exact prompt messages, and write the
splits and the card.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lean_training import dedup, splits
from lean_training.lean_author import REPO_ROOT, LeanAuthor
from lean_training.sources import FileExample, lean_algorithms, user_algorithms

# The product's own evaluation prompts (npm run eval:generation); no example may match one.
EVAL_PROMPTS = REPO_ROOT / "test" / "eval" / "generationPrompts.ts"
SPLIT_RANK = {"test": 0, "validation": 1, "train": 2}
CUSTOM = "custom"  # the family of examples that come from files rather than drawn requests
COMPOSED = "composed"  # the source of examples drawn from the composer (family: its writer, e.g. composer:rsi)
FILE_SOURCES = ("user", "lean-algorithm-python")


@dataclass
class Example:
    id: str
    user: str
    code: str
    family: str
    source: str  # "composed", "user" or "lean-algorithm-python"
    phrasing: str
    split: str
    path: str | None = None
    unseen_phrasing: bool = False
    unseen_params: bool = False
    normalized_code: str = ""
    messages: list[dict[str, str]] | None = None
    security_types: list[str] | None = None

    def keep_order(self) -> tuple[int, str]:
        """When only one of several examples may stay, the test copy stays, then validation, then train."""
        return SPLIT_RANK[self.split], self.id

    def row(self) -> dict[str, Any]:
        assert self.messages is not None
        return {
            "prompt": self.messages,
            "completion": [{"role": "assistant", "content": f"```python\n{self.code}```"}],
            "meta": {
                "id": self.id,
                "family": self.family,
                "source": self.source,
                "phrasing": self.phrasing,
                # Strings, never null, so every row and every split has the same column types.
                "path": self.path or "",
                "unseen_phrasing": self.unseen_phrasing,
                "unseen_params": self.unseen_params,
                "security_types": ",".join(self.security_types or []),
            },
        }


def composed_examples(records: list[dict[str, Any]], config: Any, dropped: Counter) -> list[Example]:
    """One example per composed record. Its prompt was phrased from the request with the reader's own vocabulary
    (the product's ``phraseRequest``), and its code is what the offline generator writes for that prompt. Split by
    ``splits.split_request``: held-out numbers to test, the rest by code, held-out wordings only in test."""
    out = []
    for record in records:
        normalized = dedup.normalize_code(record["code"])
        split = splits.split_request(record, normalized, config.validation_fraction, config.test_fraction, config.seed)
        if split is None:
            dropped["held_out_phrasing_outside_test"] += 1
            continue
        held = record.get("heldOut") or {}
        out.append(
            Example(
                id=record["id"],
                user=record["prompt"],
                code=record["code"],
                family=record["writer"],
                source=COMPOSED,
                phrasing="+".join(sorted(record["variants"])),
                split=split,
                unseen_phrasing=split == "test" and bool(held.get("phrasing")),
                unseen_params=bool(held.get("params")),
                normalized_code=normalized,
                security_types=list(record["securityTypes"]),
            )
        )
    return out


def file_examples(files: list[FileExample], config: Any, dropped: Counter) -> list[Example]:
    out = []
    for i, f in enumerate(files):
        if len(f.code) > config.max_code_chars:
            dropped["file_too_long"] += 1
            continue
        normalized = dedup.normalize_code(f.code)
        out.append(
            Example(
                id=f"{f.source}/{i:05d}",
                user=f.prompt,
                code=f.code,
                family=CUSTOM,
                source=f.source,
                phrasing=f.prompt_from,
                split=splits.split_file(normalized, config.validation_fraction, config.test_fraction, config.seed),
                path=f.path,
                normalized_code=normalized,
            )
        )
    return out


def eval_prompts(paths: list[str]) -> list[str]:
    """Prompts from evaluation files: the string literals of a .ts file, else one prompt a line."""
    prompts: list[str] = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"exclude_prompts_from: {path} does not exist.")
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".ts", ".js", ".mts"):
            literals = re.findall(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"", text)
            prompts += [a or b for a, b in literals if len((a or b).split()) >= 3]
        else:
            prompts += [line.strip() for line in text.splitlines() if line.strip()]
    return prompts


def validate(lean: LeanAuthor, examples: list[Example], config: Any, dropped: Counter, log: Callable) -> list[Example]:
    """Keeps the examples whose code has no error diagnostics (and, for files, no PascalCase API unless allowed)."""
    codes = {hashlib.sha256(e.code.encode()).hexdigest(): e.code for e in examples}
    log(f"Validating {len(codes)} distinct programs with lean-author validate...")
    diagnostics = lean.validate_sources(codes)
    kept = []
    for e in examples:
        rows = diagnostics[hashlib.sha256(e.code.encode()).hexdigest()]
        if any(r["severity"] == "error" for r in rows):
            dropped[f"validator_errors_{e.source}"] += 1
        elif (
            e.source in FILE_SOURCES
            and not config.allow_pascal_case
            and any(r["code"] == "pascal-case-api" for r in rows)
        ):
            dropped["pascal_case_api"] += 1
        else:
            kept.append(e)
    if dropped[f"validator_errors_{COMPOSED}"]:
        log(
            f"warning: {dropped[f'validator_errors_{COMPOSED}']} composed examples failed validation (a composer bug)."
        )
    return kept


def remove_leaks_and_duplicates(
    examples: list[Example], config: Any, evals: list[str], dropped: Counter
) -> list[Example]:
    examples = sorted(examples, key=Example.keep_order)
    for e in examples:
        if not e.normalized_code:
            e.normalized_code = dedup.normalize_code(e.code)

    # Evaluation prompts: no example may say the same thing.
    eval_norm = {dedup.normalize_prompt(p) for p in evals}
    eval_fps = [dedup.fingerprint(p, "") for p in evals]
    kept = []
    for e in examples:
        norm = dedup.normalize_prompt(e.user)
        fp = dedup.fingerprint(e.user, "")
        close = any(
            f.numbers == fp.numbers and dedup.jaccard(f.prompt, fp.prompt) >= config.near_duplicate_threshold
            for f in eval_fps
        )
        if norm in eval_norm or close:
            dropped["matches_eval_prompt"] += 1
        else:
            kept.append(e)

    # The same prompt, or the same normalised code, in two splits: keep the copies in the first split by rank.
    for key, reason in ((lambda e: dedup.normalize_prompt(e.user), "prompt"), (lambda e: e.normalized_code, "code")):
        first_split: dict[str, str] = {}
        survivors = []
        for e in kept:
            split = first_split.setdefault(key(e), e.split)
            if split != e.split:
                dropped[f"{reason}_in_two_splits"] += 1
            else:
                survivors.append(e)
        kept = survivors

    # Exact duplicates (same prompt and same code), then near-duplicates.
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in kept:
        key = (dedup.normalize_prompt(e.user), e.normalized_code)
        if key in seen:
            dropped["exact_duplicate"] += 1
        else:
            seen.add(key)
            unique.append(e)
    fps = [dedup.fingerprint(e.user, e.normalized_code) for e in unique]
    drop: set[int] = set()
    for group in dedup.near_duplicate_groups(fps, config.near_duplicate_threshold):
        drop.update(group[1:])  # indexes are in keep order, so the first is the one to keep
    dropped["near_duplicate"] += len(drop)
    return [e for i, e in enumerate(unique) if i not in drop]


def attach_messages(lean: LeanAuthor, examples: list[Example]) -> None:
    """The product's exact zero-example messages for each prompt."""
    readings = lean.read_prompts((e.id, e.user) for e in examples)
    for e in examples:
        reading = readings[e.id]
        messages = reading["messages"]
        if [m["role"] for m in messages] != ["system", "user"] or messages[1]["content"] != e.user.strip():
            raise ValueError(f"lean-author returned unexpected messages for {e.id}; rebuild it with `npm run build`.")
        e.messages = messages


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build(config: Any, log: Callable[[str], None]) -> dict[str, Any]:
    lean = LeanAuthor(config.lean_author)
    version = lean.version()
    system_prompt = lean.system_prompt()
    dropped: Counter = Counter()
    skipped: dict[str, dict[str, int]] = {}
    examples: list[Example] = []

    if config.composed:
        composed = lean.composed_records(count=config.composed, seed=config.seed)
        log(f"{len(composed)} composed requests from lean-author {version} ({config.composed} drawn).")
        dropped["declined_draws"] += config.composed - len(composed)
        examples += composed_examples(composed, config, dropped)
    if config.user_algorithms:
        files, skipped_user = user_algorithms(config.user_algorithms)
        skipped["user"] = dataclasses.asdict(skipped_user)
        log(f"{len(files)} algorithms in {', '.join(config.user_algorithms)}.")
        examples += file_examples(files, config, dropped)
    if config.lean_algorithm_python:
        files, skipped_lean = lean_algorithms(config.lean_algorithm_python, config.lean_include_regression)
        skipped["lean-algorithm-python"] = dataclasses.asdict(skipped_lean)
        log(f"{len(files)} summarised algorithms in {config.lean_algorithm_python}.")
        examples += file_examples(files, config, dropped)
    if not examples:
        raise ValueError(
            "No examples: the given folders hold no LEAN algorithms (a .py file with a QCAlgorithm subclass)"
            + (f" ({_skipped_text(skipped)})" if skipped else "")
            + "."
        )

    examples = validate(lean, examples, config, dropped, log)
    evals = eval_prompts(config.exclude_prompts_from if config.exclude_prompts_from is not None else _default_evals())
    examples = remove_leaks_and_duplicates(examples, config, evals, dropped)
    if not examples:
        raise ValueError(f"Every example was dropped ({dict(dropped)}); see the validator output of your files.")
    log(f"Reading {len(examples)} prompts through the product's prompt builder...")
    attach_messages(lean, examples)

    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    files_info = {}
    for split in splits.SPLITS:
        rows = sorted((e for e in examples if e.split == split), key=lambda e: e.id)
        path = out / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for e in rows:
                f.write(json.dumps(e.row(), ensure_ascii=False) + "\n")
        files_info[split] = {"path": path.name, "examples": len(rows), "sha256": sha256_file(path)}

    info = _info(config, examples, dropped, skipped, files_info, version, system_prompt, lean.held_out())
    (out / "dataset_card.md").write_text(dataset_card(info), encoding="utf-8")
    return info


def _default_evals() -> list[str]:
    return [str(EVAL_PROMPTS)] if EVAL_PROMPTS.is_file() else []


def _skipped_text(skipped: dict[str, dict[str, int]]) -> str:
    parts = [f"{source}: {n} {why.replace('_', ' ')}" for source, s in skipped.items() for why, n in s.items() if n]
    return "; ".join(parts) or "no .py files found"


def _info(
    config: Any,
    examples: list[Example],
    dropped: Counter,
    skipped: dict[str, dict[str, int]],
    files_info: dict[str, Any],
    version: str,
    system_prompt: str,
    held_out: dict[str, Any],
) -> dict[str, Any]:
    by_family: dict[str, Counter] = defaultdict(Counter)
    by_source: dict[str, Counter] = defaultdict(Counter)
    by_security_type: Counter = Counter()
    unseen: Counter = Counter()
    for e in examples:
        by_family[e.family][e.split] += 1
        by_source[e.source][e.split] += 1
        for t in e.security_types or []:
            by_security_type[t] += 1
        if e.split == "test" and e.source == COMPOSED:
            unseen["phrasing"] += e.unseen_phrasing
            unseen["params"] += e.unseen_params
    return {
        "lean_author_version": version,
        "system_prompt": system_prompt,
        "system_prompt_sha256": hashlib.sha256(system_prompt.encode()).hexdigest(),
        "counts": {
            "total": len(examples),
            "by_split": {s: sum(1 for e in examples if e.split == s) for s in splits.SPLITS},
            "by_family": {f: dict(c) for f, c in sorted(by_family.items())},
            "by_source": {s: dict(c) for s, c in sorted(by_source.items())},
            "composed_by_security_type": dict(sorted(by_security_type.items())),
            "families": sorted(f for f in by_family if f != CUSTOM),
            "test_composed_unseen": dict(unseen),
        },
        "dropped": dict(sorted((k, v) for k, v in dropped.items() if v)),
        "skipped_files": skipped,
        "held_out": held_out,
        "files": files_info,
        "config": dataclasses.asdict(config),
    }


def write_info(out: Path, info: dict[str, Any]) -> None:
    (out / "dataset_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def dataset_card(info: dict[str, Any]) -> str:
    counts = info["counts"]
    split_names = list(splits.SPLITS)
    lines = [
        "# LEAN strategy dataset",
        "",
        "Chat-format examples for fine-tuning a code model to write QuantConnect LEAN algorithms in Python, built "
        f"by `python -m lean_training.build_dataset` with lean-author {info['lean_author_version']}.",
        "",
        f"**{counts['total']} examples** from {len(counts['families'])} writers: "
        + ", ".join(f"{s} {counts['by_split'][s]}" for s in split_names)
        + ".",
        "",
        "## Counts per writer",
        "",
        "| writer | " + " | ".join(split_names) + " | total |",
        "|---|" + "---:|" * (len(split_names) + 1),
    ]
    for family, c in counts["by_family"].items():
        lines.append(f"| {family} | " + " | ".join(str(c.get(s, 0)) for s in split_names) + f" | {sum(c.values())} |")
    if counts.get("composed_by_security_type"):
        lines += [
            "",
            "The writer is what wrote the code for the drawn request: a block of the offline generator's composer "
            "(`composer:*`), or a template of its library (`template:*`) for what the composer does not write. By "
            "security type: " + ", ".join(f"{t} {n}" for t, n in counts["composed_by_security_type"].items()) + ".",
        ]
    if CUSTOM in counts["by_family"]:
        lines += [
            "",
            "`custom` are examples from files (your algorithms or LEAN's), which no writer of the product wrote.",
        ]
    lines += [
        "",
        "## Counts per source",
        "",
        "| source | " + " | ".join(split_names) + " | total |",
        "|---|" + "---:|" * (len(split_names) + 1),
    ]
    for source, c in counts["by_source"].items():
        lines.append(f"| {source} | " + " | ".join(str(c.get(s, 0)) for s in split_names) + f" | {sum(c.values())} |")
    unseen = counts["test_composed_unseen"]
    held = info["held_out"]
    lines += [
        "",
        "## Format",
        "",
        "`train.jsonl`, `validation.jsonl` and `test.jsonl` hold one example a line in TRL's conversational "
        'prompt/completion form: `{"prompt": [{"role": "system", ...}, {"role": "user", ...}], "completion": '
        '[{"role": "assistant", ...}], "meta": {...}}`.',
        "",
        "- The prompt is exactly what the product sends a model for the request with no worked examples "
        "(`lean-author dataset --read-prompts`): the system prompt, with the signatures of the LEAN indicator "
        "helpers the request may need appended as the product does, then the request.",
        "- The completion is the whole algorithm in one fenced `python` block, as the system prompt asks.",
        "- `meta` holds the writer (as `family`), the source, the phrasing variants, the file path for file "
        "examples, the security types traded, and whether the test example's wording and numbers were held out of "
        "training.",
        "",
        "## Sources",
        "",
        "- **Drawn requests** (`lean-author dataset --composed N`): requests drawn with a seed from the "
        "combinations the offline generator writes (every security type and market, bar size, signal block, "
        "direction, sizing, risk overlay, schedule, filter, universe and option structure). Each is phrased into a "
        "prompt by the product's `phraseRequest`, with the vocabulary its prompt reader reads, so one vocabulary "
        "writes the prompts and reads them. The code is what the offline generator writes for that prompt, exactly "
        "as for a user; draws it declines (impossible combinations) are counted, not kept.",
        "- **User algorithms** (optional): each `.py` with a `QCAlgorithm` subclass; the prompt is its module or "
        "class docstring, else its file or project name.",
        "- **LEAN `Algorithm.Python`** (optional): each algorithm with a `### <summary>` block, which becomes the "
        "prompt; regression tests are skipped unless asked for.",
        "",
        "## Filtering",
        "",
        "- Every example's code passes `lean-author validate` with no error diagnostics. Files that use LEAN's "
        "PascalCase API are left out too, since the system prompt asks for snake_case.",
        "- No example's prompt matches one of the product's evaluation prompts (`test/eval/generationPrompts.ts`).",
        "- **Near-duplicates** (threshold "
        + f"{info['config']['near_duplicate_threshold']}): "
        + _doc_paragraph(dedup.__doc__),
        "",
        "## Splits",
        "",
        _doc_list(splits.__doc__),
        "",
        "Held-out signal numbers: "
        + "; ".join(f"{f} {', '.join(f'{k}={v:g}' for k, v in r.items())}" for f, r in held["params"].items())
        + ".",
        "",
        "Held-out wordings: " + ", ".join(f"`{v}`" for v in held["variants"]) + ".",
        "",
        f"Composed test examples: {unseen.get('phrasing', 0)} with a held-out wording, {unseen.get('params', 0)} "
        "with held-out signal numbers.",
        "",
        "## Dropped",
        "",
    ]
    lines += [f"- {k.replace('_', ' ')}: {v}" for k, v in info["dropped"].items()] or ["- nothing"]
    lines += [
        "",
        "## Licences",
        "",
        "- Drawn requests' code and prompts: written by this project's offline generator, Apache-2.0.",
        "- LEAN `Algorithm.Python` examples: QuantConnect's LEAN, Apache-2.0; the files keep their licence "
        "headers, and `meta.path` names each one.",
        "- User algorithms: whatever licence their author chose; the dataset is for the author's own use.",
        "",
        "## Files",
        "",
        "| file | examples | sha256 |",
        "|---|---:|---|",
    ]
    lines += [f"| {f['path']} | {f['examples']} | `{f['sha256']}` |" for f in info["files"].values()]
    return "\n".join(lines) + "\n"


def _doc_paragraph(doc: str | None) -> str:
    """A module docstring's second paragraph (the first is its title line) as one line."""
    paragraphs = (doc or "").strip().split("\n\n")
    return " ".join(paragraphs[min(1, len(paragraphs) - 1)].split())


def _doc_list(doc: str | None) -> str:
    """A module docstring's numbered items and paragraphs as Markdown."""
    paragraphs = (doc or "").strip().split("\n\n")[1:]
    return "\n\n".join(" ".join(p.split()) if not re.match(r"\s*\d\.", p) else _numbered(p) for p in paragraphs)


def _numbered(text: str) -> str:
    items = re.split(r"\n(?=\d\. )", text.strip())
    return "\n".join(" ".join(item.split()) for item in items)
