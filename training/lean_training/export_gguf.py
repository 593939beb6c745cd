"""Export a trained PEFT LoRA adapter to a GGUF LoRA that llama.cpp (and so `lean-author serve`) loads.

Usage (from ``training/``):

    # The adapter of a train run (reads <run_dir>/adapter and <run_dir>/manifest.json, writes <run_dir>/adapter.gguf)
    python -m lean_training.export_gguf --run_dir runs/smollm2-135m-lora

    # Any PEFT adapter folder, for a base model given as GGUF file or Hugging Face folder, in f16
    python -m lean_training.export_gguf --adapter_dir path/to/adapter --base_model path/to/model.gguf \\
        --output path/to/adapter.gguf --outtype f16

Then serve it: ``lean-author serve --model <base>.gguf --lora <run_dir>/adapter.gguf``, or run the VS Code
command **LEAN: Use Adapter**.

The converter (``lean_training.gguf_lora``) maps tensor names for llama and qwen2, applies the q/k row
permutation llama needs, corrects rsLoRA scaling, and refuses what llama.cpp cannot load (DoRA, embedding or
output-layer tensors, trained biases) with a message saying what to change. The manifest's sha256 and the base
model's name go into the GGUF metadata (``lean_author.manifest_sha256``, ``general.base_model.0.name``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_training.cli import make_stage_parser, run_stage


@dataclass
class ExportConfig:
    run_dir: str | None = field(
        default=None, metadata={"help": "A train run's output_dir: its adapter/ and manifest.json are used."}
    )
    adapter_dir: str | None = field(
        default=None, metadata={"help": "A PEFT adapter folder (default: <run_dir>/adapter)."}
    )
    base_model: str | None = field(
        default=None,
        metadata={
            "help": "The base model as GGUF file or Hugging Face folder (default: the run manifest's base model; "
            "'smollm2' is the GGUF of scripts/fetch-model.sh)."
        },
    )
    output: str | None = field(
        default=None, metadata={"help": "GGUF file to write (default: <run_dir>/adapter.gguf)."}
    )
    outtype: str = field(default="f32", metadata={"help": "Tensor type: f32 or f16."})
    overwrite: bool = field(default=False, metadata={"help": "Replace an existing output file."})


@dataclass
class ExportPlan:
    adapter_dir: Path
    base_model: str
    output: Path
    manifest_sha256: str | None
    manifest: dict[str, Any] | None


def plan_export(config: ExportConfig) -> ExportPlan:
    """Resolves the paths from the flags and the run folder; raises ValueError saying what is missing."""
    from lean_training.base_model import resolve_base_model

    run_dir = Path(config.run_dir) if config.run_dir else None
    if run_dir is None and config.adapter_dir is None:
        raise ValueError("Pass --run_dir (a train run's folder) or --adapter_dir (a PEFT adapter folder).")
    adapter_dir = Path(config.adapter_dir) if config.adapter_dir else run_dir / "adapter"  # type: ignore[operator]
    manifest: dict[str, Any] | None = None
    manifest_sha256: str | None = None
    manifest_file = run_dir / "manifest.json" if run_dir else adapter_dir.parent / "manifest.json"
    if manifest_file.is_file():
        text = manifest_file.read_bytes()
        manifest, manifest_sha256 = json.loads(text), hashlib.sha256(text).hexdigest()
    base_model = config.base_model
    if base_model is None and manifest is not None:
        base_model = manifest.get("config", {}).get("train", {}).get("base_model")
    if base_model is None:
        raise ValueError("Which base model was the adapter trained on? Pass --base_model (GGUF file or model folder).")
    output = Path(config.output) if config.output else (run_dir or adapter_dir.parent) / "adapter.gguf"
    if output.exists() and not config.overwrite:
        raise ValueError(f"{output} exists; pass --overwrite to replace it or --output for another file.")
    return ExportPlan(adapter_dir, resolve_base_model(base_model), output, manifest_sha256, manifest)


def main(config: ExportConfig) -> dict[str, Any]:
    from lean_training.gguf_lora import convert_adapter, read_base_model

    plan = plan_export(config)
    base = read_base_model(plan.base_model)
    extra = {"lean_author.base_model": Path(plan.base_model).name}
    if plan.manifest_sha256:
        extra["lean_author.manifest_sha256"] = plan.manifest_sha256
    result = convert_adapter(plan.adapter_dir, base, plan.output, outtype=config.outtype, extra_metadata=extra)
    summary = {
        "output": str(result.path),
        "architecture": result.architecture,
        "tensors": result.tensor_count,
        "rank": result.rank,
        "alpha": result.alpha,
        "scaling_baked": result.scaling_baked,
        "manifest_sha256": plan.manifest_sha256,
    }
    print(
        f"Wrote {result.path} ({result.tensor_count} tensors, {result.architecture}, rank {result.rank}, "
        f"alpha {result.alpha:g}). Serve it: lean-author serve --model {plan.base_model} --lora {result.path}",
        flush=True,
    )
    print(json.dumps(summary))
    return summary


def make_parser() -> Any:
    return make_stage_parser(
        ExportConfig,
        prog="python -m lean_training.export_gguf",
        description="Export a PEFT LoRA adapter to a llama.cpp GGUF LoRA.",
    )


if __name__ == "__main__":
    run_stage("export_gguf", make_parser, main)
