"""The adapter benchmark: the whole pipeline on the CPU preset, then base versus adapter on the held-out prompts.

build dataset → train N steps (``configs/smollm2-135m-cpu.yaml``) → export the GGUF LoRA → evaluate (``lean-author
eval``: base with 0 and 1 worked examples, base + adapter with 0; without and with repair), printing the table. Each
stage runs as its own command, exactly as a user runs it; outputs already in ``work_dir`` are reused unless
``--fresh true``.

Usage (from ``training/``, after ``npm run build`` and ``bash scripts/fetch-model.sh`` in the repository root):

    # The numbers for the README: 300 steps, 40 held-out prompts, up to 2 repair rounds (hours on 2 CPU cores)
    python -m lean_training.bench --work_dir runs/bench-smollm2

    # A smoke run of the same pipeline in a few minutes
    python -m lean_training.bench --work_dir /tmp/bench-tiny --composed 40 \\
        --steps 2 --max_train_examples 4 --max_length 768 --limit 2 --max_tokens 32 --repair_rounds 1 --threads 1

On a machine whose cores are busy with other work, ``OMP_NUM_THREADS=1`` (torch) and ``--threads 1`` (llama.cpp)
are several times faster than the default of one thread per core (measured here: 2 train steps 198 s against 529 s,
and a 64-token answer 2 s against 50-70 s).

It writes ``bench.json`` (stage timings, train metrics, the evaluation summary) and ``bench.md`` (the table) to
``work_dir``, beside ``dataset/``, ``run/`` (with ``adapter.gguf`` and ``evaluation/``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_training.cli import make_stage_parser, run_stage

TRAINING_DIR = Path(__file__).resolve().parents[1]


@dataclass
class BenchConfig:
    work_dir: str = field(default="runs/bench-smollm2", metadata={"help": "Folder for every stage's output."})
    fresh: bool = field(default=False, metadata={"help": "Rebuild and retrain even when outputs exist."})
    # Dataset
    composed: int = field(default=2400, metadata={"help": "Requests drawn for the dataset (build_dataset)."})
    # Training
    train_config: str = field(
        default="configs/smollm2-135m-cpu.yaml", metadata={"help": "The train preset (relative to training/)."}
    )
    steps: int = field(default=300, metadata={"help": "Optimizer steps."})
    max_train_examples: int | None = field(default=None, metadata={"help": "Train on the first N examples only."})
    max_length: int | None = field(default=None, metadata={"help": "Longest tokenized example (default: preset)."})
    gradient_accumulation_steps: int | None = field(
        default=None, metadata={"help": "Examples per optimizer step (default: preset)."}
    )
    max_eval_examples: int | None = field(
        default=None, metadata={"help": "Validation examples for the eval loss (default: preset)."}
    )
    # Evaluation
    limit: int = field(default=40, metadata={"help": "Held-out prompts to evaluate (0: the whole test split)."})
    repair_rounds: int = field(default=2, metadata={"help": "Repair rounds after the first answer."})
    max_tokens: int = field(default=600, metadata={"help": "Longest answer in tokens."})
    examples_base: list[int] = field(default_factory=lambda: [0, 1], metadata={"help": "Base runs' worked examples."})
    threads: int | None = field(default=None, metadata={"help": "CPU threads of the model server."})
    lean_author: str | None = field(default=None, metadata={"help": "The lean-author command."})


def stage(module: str, *args: str) -> None:
    """Runs ``python -m lean_training.<module> ARGS`` from training/, its output passing through."""
    import subprocess

    command = [sys.executable, "-W", "ignore", "-m", f"lean_training.{module}", *args]
    done = subprocess.run(command, cwd=TRAINING_DIR, check=False)
    if done.returncode != 0:
        raise ValueError(f"The {module} stage failed with exit code {done.returncode}; its message is above.")


def main(config: BenchConfig) -> dict[str, Any]:
    import json
    import time

    from lean_training.evaluate import EvaluateConfig
    from lean_training.evaluate import main as evaluate

    work = Path(config.work_dir).resolve()
    dataset, run = work / "dataset", work / "run"
    work.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float | None] = {}
    lean_author = ["--lean_author", config.lean_author] if config.lean_author else []

    def timed(name: str, done: bool, action) -> None:
        if done and not config.fresh:
            print(f"== {name}: reusing what is in {work}", flush=True)
            timings[name] = None
            return
        print(f"== {name}", flush=True)
        started = time.monotonic()
        action()
        timings[name] = round(time.monotonic() - started, 1)

    timed(
        "build-dataset",
        (dataset / "test.jsonl").is_file(),
        lambda: stage("build_dataset", "--output_dir", str(dataset), "--composed", str(config.composed), *lean_author),
    )
    train_args = ["--config", config.train_config, "--dataset_dir", str(dataset), "--output_dir", str(run)]
    train_args += ["--max_steps", str(config.steps)]
    if config.max_train_examples is not None:
        train_args += ["--max_train_examples", str(config.max_train_examples)]
    for flag in ("max_length", "gradient_accumulation_steps", "max_eval_examples"):
        if getattr(config, flag) is not None:
            train_args += [f"--{flag}", str(getattr(config, flag))]
    timed("train", (run / "adapter" / "adapter_model.safetensors").is_file(), lambda: stage("train", *train_args))
    timed(
        "export-gguf",
        (run / "adapter.gguf").is_file() and timings["train"] is None,
        lambda: stage("export_gguf", "--run_dir", str(run), "--overwrite", "true"),
    )
    started = time.monotonic()
    print("== evaluate", flush=True)
    evaluation = evaluate(
        EvaluateConfig(
            dataset_dir=str(dataset),
            limit=config.limit or None,
            run_dir=str(run),
            examples_base=config.examples_base,
            repair_rounds=config.repair_rounds,
            max_tokens=config.max_tokens,
            threads=config.threads,
            output_dir=str(run / "evaluation"),
            lean_author=config.lean_author,
        )
    )
    timings["evaluate"] = round(time.monotonic() - started, 1)

    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    bench = {
        "config": {k: v for k, v in vars(config).items()},
        "timings_seconds": timings,
        "train_metrics": manifest.get("metrics"),
        "evaluation": {
            "prompts": evaluation["prompts"],
            "runs": [
                {"label": r["label"], "examples": r["examples"], "summary": r["summary"]} for r in evaluation["runs"]
            ],
        },
    }
    (work / "bench.json").write_text(json.dumps(bench, indent=2, default=str) + "\n", encoding="utf-8")
    table = (run / "evaluation" / "evaluation.md").read_text(encoding="utf-8")
    (work / "bench.md").write_text(table, encoding="utf-8")
    steps_note = f"{config.steps} steps of {Path(config.train_config).name}"
    print(f"Benchmark done ({steps_note}); timings in seconds: {timings}. Wrote {work / 'bench.json'}.", flush=True)
    return bench


def make_parser() -> Any:
    return make_stage_parser(
        BenchConfig,
        prog="python -m lean_training.bench",
        description="Benchmark: dataset → train → export → evaluate base versus adapter.",
    )


if __name__ == "__main__":
    run_stage("bench", make_parser, main)
