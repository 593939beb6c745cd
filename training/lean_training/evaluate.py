"""Evaluate the base model against base + adapter on held-out prompts, through the product's own generation path.

Every run is one ``lean-author eval``: the managed local model server (llama.cpp) on the base GGUF, with the exported
GGUF LoRA for the adapter run, the product's prompt, model chain, code extractor, validator and repair loop, and
with ``--backtest`` LEAN's image. Each prompt is scored by QuantCode-Bench's stages, gated in order: code extracted
→ parses → validator-clean → matches the request (→ backtest ran → at least one trade), for the first answer and
after the repair rounds.

Usage (from ``training/``, after ``npm run build`` in the repository root and ``bash scripts/fetch-model.sh``):

    # Base (0 and 1 worked examples) versus the adapter of a train run, on the test split
    python -m lean_training.evaluate --dataset_dir data/lean --run_dir runs/smollm2-135m-lora

    # The same from the example config; flags override the file
    python -m lean_training.evaluate --config configs/evaluate.yaml --limit 20 --repair_rounds 1

    # Any exported adapter GGUF, a prompt file (one prompt a line, or a dataset JSONL), with backtests
    python -m lean_training.evaluate --prompts my_prompts.txt --adapter path/to/adapter.gguf --backtest true \\
        --workspace ~/lean-workspace --output_dir runs/eval-mine

What it writes to ``output_dir`` (default: ``<run_dir>/evaluation``):

- ``runs/<label>.json`` and ``runs/<label>.md``: each ``lean-author eval`` result (per-prompt rows with the code,
  the stages and the rounds; the summary; the model, adapter and settings);
- ``evaluation.json``: every run's summary and result, and the settings;
- ``evaluation.md``: one table, a row per run (base, base + 1 example, adapter) and a column per stage, without and
  with repair.

The base's product default is one worked example in the prompt, while the training data has none; the base is
therefore measured both ways, and the adapter with none (what it was trained on).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_training.cli import make_stage_parser, run_stage

STAGE_TITLES = {
    "extracted": "Code extracted",
    "parses": "Parses",
    "clean": "Validator-clean",
    "matches": "Matches the request",
    "backtestRan": "Backtest ran",
    "traded": "Traded",
}


@dataclass
class EvaluateConfig:
    dataset_dir: str = field(
        default="data/lean", metadata={"help": "build_dataset output; its <split>.jsonl gives the prompts."}
    )
    split: str = field(default="test", metadata={"help": "The split of dataset_dir to evaluate on."})
    prompts: str | None = field(
        default=None,
        metadata={"help": "A prompts file instead of the split: a dataset JSONL or one prompt a line."},
    )
    limit: int | None = field(
        default=None,
        metadata={
            "help": "Evaluate N prompts: from a dataset JSONL, taken in turn from each strategy family (the splits "
            "are ordered by family); from a plain prompts file, the first N."
        },
    )
    base_model: str = field(
        default="smollm2",
        metadata={"help": "The base GGUF llama.cpp serves; 'smollm2' is the one scripts/fetch-model.sh fetches."},
    )
    adapter: str | None = field(
        default=None, metadata={"help": "The GGUF LoRA from export_gguf (default: <run_dir>/adapter.gguf)."}
    )
    run_dir: str | None = field(default=None, metadata={"help": "A train run's output_dir holding adapter.gguf."})
    adapter_scale: float = field(default=1.0, metadata={"help": "The LoRA scale the server applies."})
    examples_base: list[int] = field(
        default_factory=lambda: [0, 1],
        metadata={"help": "Worked examples in the base's prompt, one run each (the product's default is 1)."},
    )
    examples_adapter: int = field(default=0, metadata={"help": "Worked examples in the adapter's prompt."})
    repair_rounds: int = field(default=2, metadata={"help": "Validator-driven repair rounds after the first answer."})
    max_tokens: int = field(default=600, metadata={"help": "Longest answer in tokens."})
    temperature: float = field(default=0.0, metadata={"help": "Sampling temperature (0: greedy)."})
    backtest: bool = field(
        default=False, metadata={"help": "Backtest clean answers in LEAN's image (Docker and the image needed)."}
    )
    workspace: str | None = field(
        default=None, metadata={"help": "Lean CLI workspace (lean.json, data) for the backtests."}
    )
    image: str | None = field(default=None, metadata={"help": "LEAN engine image (default: quantconnect/lean)."})
    threads: int | None = field(
        default=None,
        metadata={"help": "CPU threads of the model server (default: all cores; 1 is faster on a busy machine)."},
    )
    output_dir: str | None = field(
        default=None,
        metadata={"help": "Folder for the results (default: <run_dir>/evaluation, else runs/evaluation)."},
    )
    lean_author: str | None = field(
        default=None, metadata={"help": "The lean-author command (default: node <repo>/dist/cli.js)."}
    )


@dataclass
class EvaluationRun:
    label: str
    examples: int
    adapter: Path | None


def prompts_file(config: EvaluateConfig) -> Path:
    """The prompts file: ``prompts``, else ``<dataset_dir>/<split>.jsonl``; raises ValueError when unusable."""
    path = Path(config.prompts) if config.prompts else Path(config.dataset_dir) / f"{config.split}.jsonl"
    if not path.is_file():
        hint = (
            "Pass an existing file with --prompts."
            if config.prompts
            else "Build the dataset first: python -m lean_training.build_dataset --output_dir " + config.dataset_dir
        )
        raise ValueError(f"The prompts file {path} does not exist. {hint}")
    if not any(line.strip() for line in path.read_text(encoding="utf-8").splitlines()):
        raise ValueError(f"The prompts file {path} is empty: nothing to evaluate.")
    return path


def limited_prompts(source: Path, limit: int | None, target: Path) -> Path:
    """The prompts to evaluate: all of ``source``, or ``limit`` of them written to ``target``.

    A dataset split is ordered by family, so its first N prompts would all be one family's: from a dataset JSONL
    (records with ``meta.family``) the N are taken in turn from each family, in file order within a family. A
    plain prompts file (one prompt a line) gives its first N.
    """
    import json

    if limit is None:
        return source
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        records = [json.loads(line) for line in lines]
        families = [record["meta"]["family"] for record in records]
    except (ValueError, TypeError, KeyError):
        chosen = lines[:limit]
    else:
        queues: dict[str, list[str]] = {}
        for line, family in zip(lines, families, strict=True):
            queues.setdefault(family, []).append(line)
        chosen = []
        while len(chosen) < min(limit, len(lines)):
            for queue in queues.values():
                if queue and len(chosen) < limit:
                    chosen.append(queue.pop(0))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return target


def adapter_file(config: EvaluateConfig) -> Path | None:
    if config.adapter is None and config.run_dir is None:
        return None
    path = Path(config.adapter) if config.adapter else Path(config.run_dir) / "adapter.gguf"  # type: ignore[arg-type]
    if not path.is_file():
        raise ValueError(
            f"The adapter {path} does not exist. Export it first: python -m lean_training.export_gguf --run_dir "
            f"{config.run_dir or '<run_dir>'} (or pass --adapter with a GGUF LoRA file)."
        )
    return path


def plan_runs(config: EvaluateConfig, adapter: Path | None) -> list[EvaluationRun]:
    if not config.examples_base and adapter is None:
        raise ValueError("Nothing to evaluate: examples_base is empty and no adapter is given.")
    runs = [
        EvaluationRun("base" if n == 0 else f"base + {n} example{'s' if n > 1 else ''}", n, None)
        for n in config.examples_base
    ]
    if adapter is not None:
        label = "adapter" if config.examples_adapter == 0 else f"adapter + {config.examples_adapter} example(s)"
        runs.append(EvaluationRun(label, config.examples_adapter, adapter))
    return runs


def check_config(config: EvaluateConfig) -> None:
    if config.limit is not None and config.limit < 1:
        raise ValueError("limit must be at least 1 (or left out for every prompt).")
    if any(n < 0 or n > 2 for n in [*config.examples_base, config.examples_adapter]):
        raise ValueError("Worked examples must be 0, 1 or 2.")
    if config.repair_rounds < 0 or config.max_tokens < 1:
        raise ValueError("repair_rounds must be 0 or more and max_tokens at least 1.")


def eval_args(config: EvaluateConfig, run: EvaluationRun, prompts: Path, base: Path, out: Path) -> list[str]:
    """The ``lean-author eval`` arguments of one run."""
    args = ["eval", "--prompts", str(prompts), "--local-model", str(base), "--label", run.label, "--out", str(out)]
    args += ["--examples", str(run.examples), "--repair-rounds", str(config.repair_rounds)]
    args += ["--max-tokens", str(config.max_tokens), "--temperature", f"{config.temperature:g}", "--json"]
    if run.adapter is not None:
        args += ["--lora", f"{run.adapter}:{config.adapter_scale:g}"]
    if config.threads:
        args += ["--threads", str(config.threads)]
    if config.backtest:
        args.append("--backtest")
        if config.workspace:
            args += ["--workspace", str(Path(config.workspace).expanduser())]
        if config.image:
            args += ["--image", config.image]
    return args


def run_eval(command: list[str], args: list[str]) -> None:
    """Runs one ``lean-author eval``; its progress lines pass through to stderr as they come."""
    import collections
    import shlex
    import subprocess

    try:
        process = subprocess.Popen(
            [*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
    except FileNotFoundError as error:
        raise ValueError(f"Cannot run {shlex.join(command)} ({error}). Install Node.js 20 or later.") from error
    tail: collections.deque[str] = collections.deque(maxlen=20)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            sys.stderr.write(f"  {line}")
            sys.stderr.flush()
            tail.append(line.rstrip())
        code = process.wait()
    except KeyboardInterrupt:
        # The terminal sent Ctrl-C to lean-author too; it stops and writes what it evaluated.
        process.wait()
        raise
    if code != 0:
        message = next((line for line in reversed(tail) if line.startswith("lean-author")), "\n".join(tail))
        raise ValueError(f"`lean-author {' '.join(args[:1])}` failed with exit code {code}: {message}")


def share(summary: dict[str, Any], repair: str, stage: str) -> str:
    counts = summary[repair].get(stage)
    if counts is None:
        return "–"
    return f"{round(100 * counts['share'])}% ({counts['count']}/{summary['prompts']})"


def markdown_table(evaluation: dict[str, Any]) -> str:
    """Rows: the runs; columns: each stage's share without repair, then with repair."""
    stages = evaluation["stages"]
    settings = evaluation["settings"]
    rounds = settings["repair_rounds"]
    header = ["Run", "Examples"]
    header += [f"{STAGE_TITLES[s]}, no repair" for s in stages]
    header += [f"{STAGE_TITLES[s]}, ≤{rounds} repairs" for s in stages]
    lines = [
        "# Evaluation: base versus adapter",
        "",
        f"{evaluation['prompts']['count']} held-out prompt(s) from `{evaluation['prompts']['file']}`; base "
        f"`{Path(evaluation['base_model']).name}`"
        + (f", adapter `{Path(evaluation['adapter']).name}`" if evaluation["adapter"] else "")
        + f"; max {settings['max_tokens']} tokens, temperature {settings['temperature']:g}; "
        "through `lean-author eval` (the product's prompt, model chain, validator and repair loop).",
        "",
        "| " + " | ".join(header) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in range(2 * len(stages))) + " |",
    ]
    for run in evaluation["runs"]:
        summary = run["summary"]
        cells = [run["label"], str(run["examples"])]
        cells += [share(summary, "noRepair", s) for s in stages]
        cells += [share(summary, "withRepair", s) for s in stages]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Stages are gated in order (each implies the one before); shares are of all prompts. Parses: no syntax "
        "error; validator-clean: no error diagnostic from `lean-author validate`; matches the request: no "
        "`request-mismatch` against what the prompt asked.",
    ]
    return "\n".join(lines) + "\n"


def main(config: EvaluateConfig) -> dict[str, Any]:
    """Runs every evaluation, writes ``evaluation.json`` and ``evaluation.md``, and returns the former's content."""
    import json
    import re

    from lean_training.base_model import resolve_base_model
    from lean_training.lean_author import resolve_command

    check_config(config)
    source = prompts_file(config)
    base = Path(resolve_base_model(config.base_model))
    if not base.is_file():
        raise ValueError(
            f"The base model {base} does not exist. Run `bash scripts/fetch-model.sh` in the repository root for "
            "SmolLM2, or pass --base_model with a GGUF file."
        )
    adapter = adapter_file(config)
    runs = plan_runs(config, adapter)
    command = resolve_command(config.lean_author)
    output_dir = Path(
        config.output_dir or (Path(config.run_dir) / "evaluation" if config.run_dir else "runs/evaluation")
    )
    (output_dir / "runs").mkdir(parents=True, exist_ok=True)
    if adapter is None:
        print("No adapter given (--adapter or --run_dir): evaluating the base model only.", flush=True)
    prompts = limited_prompts(source, config.limit, output_dir / "prompts.jsonl")

    results = []
    for run in runs:
        out = output_dir / "runs" / (re.sub(r"[^A-Za-z0-9]+", "-", run.label).strip("-") + ".json")
        print(f"Evaluating {run.label} ({run.examples} worked example(s))…", flush=True)
        run_eval(command, eval_args(config, run, prompts, base, out))
        results.append((run, out, json.loads(out.read_text(encoding="utf-8"))))

    first = results[0][2]
    evaluation = {
        "prompts": {
            "file": str(source),
            "evaluated": str(prompts),
            "count": first["summary"]["prompts"],
            "in_file": first["settings"]["promptsInFile"],
        },
        "base_model": str(base),
        "adapter": str(adapter) if adapter else None,
        "stages": first["stages"],
        "settings": {
            "repair_rounds": config.repair_rounds,
            "max_tokens": config.max_tokens,
            "temperature": config.temperature,
            "adapter_scale": config.adapter_scale,
            "backtest": config.backtest,
            "limit": config.limit,
        },
        "runs": [
            {
                "label": run.label,
                "examples": run.examples,
                "adapter": str(run.adapter) if run.adapter else None,
                "summary": result["summary"],
                "result_file": str(out),
                "result": result,
            }
            for run, out, result in results
        ],
    }
    (output_dir / "evaluation.json").write_text(json.dumps(evaluation, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(evaluation)
    (output_dir / "evaluation.md").write_text(table, encoding="utf-8")
    print(table, flush=True)
    print(f"Wrote {output_dir / 'evaluation.json'} and {output_dir / 'evaluation.md'}.", flush=True)
    return evaluation


def make_parser() -> Any:
    return make_stage_parser(
        EvaluateConfig,
        prog="python -m lean_training.evaluate",
        description="Evaluate base versus adapter on held-out prompts with `lean-author eval`.",
    )


if __name__ == "__main__":
    run_stage("evaluate", make_parser, main)
