"""Prompt/code pairs from LEAN algorithms on disk: folders of the user's own algorithms (the prompt comes from the
module or algorithm-class docstring, else from the file or project name) and a checkout of LEAN's
``Algorithm.Python`` (the prompt is the ``### <summary>`` block above each algorithm).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

ALGORITHM_CLASS = re.compile(r"^class\s+\w+\s*\(\s*QCAlgorithm\s*\)\s*:", re.MULTILINE)
SUMMARY = re.compile(r"^###\s*<summary>\s*\n(.*?)^###\s*</summary>", re.MULTILINE | re.DOTALL)
TAG = re.compile(r'^###\s*<meta name="tag" content="([^"]*)"\s*/>', re.MULTILINE)
# Folders that hold no algorithms of the user's own: environments, caches, backtest output, vendored code.
SKIPPED_DIRS = {".git", ".venv", "venv", "env", "__pycache__", "node_modules", "backtests", "site-packages", ".lean"}


@dataclass
class FileExample:
    prompt: str
    code: str
    source: str  # "user" or "lean-algorithm-python"
    path: str
    prompt_from: str  # "docstring", "summary" or "name"
    tags: list[str] = field(default_factory=list)


@dataclass
class SkippedFiles:
    not_algorithm: int = 0
    regression: int = 0
    no_summary: int = 0
    unreadable: int = 0


def clean_code(text: str) -> str:
    """The file as the completion: no BOM, Unix line ends, no trailing blank lines, one final newline."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n"


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if not SKIPPED_DIRS.intersection(p.relative_to(folder).parts[:-1]))


def _read(path: Path, skipped: SkippedFiles) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        skipped.unreadable += 1
        return None


def _first_paragraphs(text: str, limit: int = 600) -> str:
    """The docstring's opening paragraphs, joined into one line, cut at a paragraph end near ``limit``."""
    out = ""
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        line = " ".join(paragraph.split())
        if out and len(out) + len(line) > limit:
            break
        out = f"{out} {line}".strip()
    return out


def docstring_prompt(code: str) -> str | None:
    """The module docstring, else the docstring of the QCAlgorithm subclass; None when neither says anything."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    docs = [ast.get_docstring(tree)]
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "QCAlgorithm" for b in node.bases):
            docs.append(ast.get_docstring(node))
    for doc in docs:
        if doc and len(doc.split()) >= 3:
            return _first_paragraphs(doc)
    return None


def name_prompt(path: Path) -> str:
    """``MyProjects/SmaCrossoverSpy/main.py`` -> "Write a LEAN algorithm: sma crossover spy"."""
    stem = path.parent.name if path.stem == "main" else path.stem
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_\-]+", " ", stem).split()
    return f"Write a LEAN algorithm: {' '.join(w.lower() for w in words)}"


def user_algorithms(folders: list[str]) -> tuple[list[FileExample], SkippedFiles]:
    """Every ``.py`` under the folders that defines a QCAlgorithm subclass."""
    out: list[FileExample] = []
    skipped = SkippedFiles()
    for folder in folders:
        root = Path(folder).expanduser()
        if not root.is_dir():
            raise ValueError(f"user_algorithms: {root} is not a folder. Pass folders that hold your LEAN algorithms.")
        for path in _python_files(root):
            text = _read(path, skipped)
            if text is None:
                continue
            if not ALGORITHM_CLASS.search(text):
                skipped.not_algorithm += 1
                continue
            code = clean_code(text)
            doc = docstring_prompt(code)
            out.append(
                FileExample(
                    prompt=doc or name_prompt(path),
                    code=code,
                    source="user",
                    path=str(path),
                    prompt_from="docstring" if doc else "name",
                )
            )
    return out, skipped


def summary_text(block: str) -> str:
    """A ``### <summary>`` block as plain text: ``###`` prefixes and XML tags removed, ``<see cref="X"/>`` as X."""
    lines = [re.sub(r"^###\s?", "", line).strip() for line in block.splitlines()]
    text = " ".join(line for line in lines if line)
    text = re.sub(r'<see\s+cref="(?:[A-Z]:)?([^"]+)"\s*/>', r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split())


def lean_algorithms(checkout: str, include_regression: bool) -> tuple[list[FileExample], SkippedFiles]:
    """Algorithms of a LEAN ``Algorithm.Python`` checkout whose ``### <summary>`` block describes them."""
    root = Path(checkout).expanduser()
    if not root.is_dir():
        raise ValueError(
            f"lean_algorithm_python: {root} is not a folder. Pass the Algorithm.Python folder of a LEAN checkout "
            "(git clone https://github.com/QuantConnect/Lean)."
        )
    out: list[FileExample] = []
    skipped = SkippedFiles()
    for path in _python_files(root):
        if not include_regression and "Regression" in path.name:
            skipped.regression += 1
            continue
        text = _read(path, skipped)
        if text is None:
            continue
        if not ALGORITHM_CLASS.search(text):
            skipped.not_algorithm += 1
            continue
        match = SUMMARY.search(text)
        summary = summary_text(match.group(1)) if match else ""
        if len(summary.split()) < 3:
            skipped.no_summary += 1
            continue
        out.append(
            FileExample(
                prompt=summary,
                code=clean_code(text),
                source="lean-algorithm-python",
                path=str(path.relative_to(root)),
                prompt_from="summary",
                tags=TAG.findall(text),
            )
        )
    return out, skipped
