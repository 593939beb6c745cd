"""PEFT LoRA adapter → llama.cpp GGUF LoRA, written with the ``gguf`` package.

Contract of the file llama.cpp loads (src/llama-adapter.cpp), which this module produces:

- metadata ``general.architecture`` = the base's architecture, ``general.type`` = ``adapter``,
  ``adapter.type`` = ``lora``, ``adapter.lora.alpha`` (float32);
- for each adapted weight ``W`` of the base, two tensors ``<gguf name>.weight.lora_a`` and ``.lora_b``.
  PEFT stores A as (r, in) and B as (out, r); GGUF lists dimensions innermost first, so writing the numpy
  arrays unchanged gives ``lora_a`` ne=[in, r] and ``lora_b`` ne=[r, out], the orientation the loader checks;
- llama.cpp computes ``W x + scale · B (A x)`` with ``scale = user_scale · alpha / rank`` (rank read from
  B's shape) or ``user_scale`` when alpha is 0.

Two things make a naive conversion wrong without any error, and are why this converter exists:

- llama-architecture GGUFs store the q and k projections with their rows permuted (for llama.cpp's rope
  layout). transformers un-permutes them when it loads a GGUF, so the adapter learnt in HF order and B's
  rows of q_proj/k_proj must be permuted the same way. Qwen2 is not permuted.
- PEFT's rsLoRA scales by ``alpha / sqrt(r)``, but llama.cpp by ``alpha / r``: the alpha written is
  ``alpha · sqrt(r)``. Per-module alphas or ranks that one file-wide alpha cannot express are baked into B
  and the file's alpha is 0 (scale = user scale).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

SUPPORTED_ARCHITECTURES = ("llama", "qwen2")
_HF_ARCHITECTURES = {"LlamaForCausalLM": "llama", "Qwen2ForCausalLM": "qwen2"}
_LORA_TENSOR = re.compile(r"^(?P<module>.+)\.lora_(?P<part>[AB])(?:\.[^.]+)?\.weight$")
_FORBIDDEN_MODULES = ("embed_tokens", "lm_head", "wte", "output")


class AdapterConversionError(ValueError):
    """The adapter cannot become a GGUF llama.cpp loads; the message says what to change."""


@dataclass
class BaseModelInfo:
    """What the converter needs of the base model: its architecture, shapes and name."""

    architecture: str
    block_count: int
    head_count: int
    head_count_kv: int
    name: str
    # GGUF tensor name → (out_features, in_features), when the base is a GGUF file (for shape checks).
    weight_shapes: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class ConversionResult:
    path: Path
    architecture: str
    tensor_count: int
    alpha: float
    rank: int
    scaling_baked: bool
    metadata: dict[str, Any]


def read_base_model(path: str | Path) -> BaseModelInfo:
    """Reads a base model from a GGUF file or a Hugging Face model folder (its config.json)."""
    path = Path(path)
    if not path.exists():
        raise AdapterConversionError(
            f"Base model not found: {path}. Pass the GGUF file or the Hugging Face model folder the adapter was "
            "trained on (--base_model)."
        )
    if path.is_file() and path.suffix == ".gguf":
        return _read_gguf_base(path)
    config_file = path / "config.json" if path.is_dir() else path
    if not config_file.is_file():
        raise AdapterConversionError(f"{path} is neither a GGUF file nor a model folder with a config.json.")
    config = json.loads(config_file.read_text())
    hf_arch = (config.get("architectures") or ["?"])[0]
    arch = _HF_ARCHITECTURES.get(hf_arch)
    if arch is None:
        raise AdapterConversionError(
            f"Base architecture {hf_arch} is not supported; the converter handles {', '.join(_HF_ARCHITECTURES)}."
        )
    heads = int(config["num_attention_heads"])
    return BaseModelInfo(
        architecture=arch,
        block_count=int(config["num_hidden_layers"]),
        head_count=heads,
        head_count_kv=int(config.get("num_key_value_heads") or heads),
        name=str(config.get("_name_or_path") or path.name),
    )


def _read_gguf_base(path: Path) -> BaseModelInfo:
    import gguf

    reader = gguf.GGUFReader(path)

    def field_value(key: str) -> Any:
        f = reader.fields.get(key)
        return None if f is None else f.contents()

    arch = field_value("general.architecture")
    if field_value("general.type") == "adapter":
        raise AdapterConversionError(f"{path} is a LoRA adapter, not a base model.")
    if arch not in SUPPORTED_ARCHITECTURES:
        raise AdapterConversionError(
            f"Base architecture {arch!r} is not supported; the converter handles {', '.join(SUPPORTED_ARCHITECTURES)}."
        )
    shapes = {t.name: (int(t.shape[1]), int(t.shape[0])) for t in reader.tensors if len(t.shape) == 2}
    heads = int(field_value(f"{arch}.attention.head_count"))
    return BaseModelInfo(
        architecture=arch,
        block_count=int(field_value(f"{arch}.block_count")),
        head_count=heads,
        head_count_kv=int(field_value(f"{arch}.attention.head_count_kv") or heads),
        name=str(field_value("general.name") or path.stem),
        weight_shapes=shapes,
    )


def llama_permute_rows(weights: np.ndarray, head_count: int) -> np.ndarray:
    """The row permutation llama.cpp's converter applies to llama q/k projections (rope pairs per head)."""
    rows = weights.shape[0]
    if rows % (2 * head_count) != 0:
        raise AdapterConversionError(f"Cannot permute {rows} rows over {head_count} heads; wrong base model?")
    return (
        weights.reshape(head_count, 2, rows // head_count // 2, *weights.shape[1:])
        .swapaxes(1, 2)
        .reshape(weights.shape)
    )


def _load_adapter(adapter_dir: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    config_file = adapter_dir / "adapter_config.json"
    if not config_file.is_file():
        raise AdapterConversionError(
            f"No adapter_config.json in {adapter_dir}. Pass the folder the train stage wrote (its `adapter/`)."
        )
    config = json.loads(config_file.read_text())
    weights_file = adapter_dir / "adapter_model.safetensors"
    if not weights_file.is_file():
        raise AdapterConversionError(
            f"No adapter_model.safetensors in {adapter_dir}; save the adapter with safetensors."
        )
    from safetensors.numpy import load_file

    try:
        tensors = load_file(str(weights_file))
    except TypeError:  # bf16 has no numpy dtype: go through torch.
        from safetensors.torch import load_file as load_torch

        tensors = {k: v.float().numpy() for k, v in load_torch(str(weights_file)).items()}
    return config, tensors


def _check_adapter_config(config: dict[str, Any]) -> None:
    if config.get("peft_type", "LORA") != "LORA":
        raise AdapterConversionError(f"Only LoRA adapters convert; this one is {config.get('peft_type')}.")
    if config.get("use_dora"):
        raise AdapterConversionError(
            "DoRA adapters cannot be loaded by llama.cpp (it has no magnitude vectors). Retrain with use_dora=False."
        )
    if config.get("modules_to_save"):
        raise AdapterConversionError(
            f"The adapter saves full copies of {config['modules_to_save']}; llama.cpp loads only LoRA A/B tensors. "
            "Retrain without modules_to_save."
        )
    if config.get("bias", "none") != "none":
        raise AdapterConversionError(
            "The adapter trains biases; llama.cpp loads only LoRA A/B tensors. Use bias='none'."
        )


def _module_scale(config: dict[str, Any], module: str, rank: int) -> float:
    """PEFT's scaling of one module: alpha/r, or alpha/sqrt(r) with rsLoRA, honouring alpha_pattern."""
    alpha = float(config.get("lora_alpha", rank))
    for pattern, value in (config.get("alpha_pattern") or {}).items():
        if re.search(rf"(^|\.){re.escape(pattern)}$", module) or re.fullmatch(pattern, module):
            alpha = float(value)
    return alpha / math.sqrt(rank) if config.get("use_rslora") else alpha / rank


def convert_adapter(
    adapter_dir: str | Path,
    base: BaseModelInfo,
    output: str | Path,
    *,
    outtype: str = "f32",
    extra_metadata: dict[str, str] | None = None,
    qk_permutation: bool = True,
) -> ConversionResult:
    """Writes ``output`` from the PEFT adapter in ``adapter_dir`` for the given base model.

    ``qk_permutation`` exists for the conversion test, which proves that leaving it out changes the output.
    """
    import gguf

    adapter_dir = Path(adapter_dir)
    config, tensors = _load_adapter(adapter_dir)
    _check_adapter_config(config)
    if base.architecture not in SUPPORTED_ARCHITECTURES:
        raise AdapterConversionError(f"Base architecture {base.architecture!r} is not supported.")
    if outtype not in ("f32", "f16"):
        raise AdapterConversionError(f"--outtype must be f32 or f16, not {outtype!r}.")

    pairs: dict[str, dict[str, np.ndarray]] = {}
    for name, value in tensors.items():
        if "lora_magnitude_vector" in name:
            raise AdapterConversionError(
                "DoRA magnitude vectors found; llama.cpp cannot load DoRA. Retrain without DoRA."
            )
        match = _LORA_TENSOR.match(name)
        if match is None:
            raise AdapterConversionError(
                f"Unexpected tensor {name!r}: only LoRA A/B tensors convert (no embeddings, output layer or biases)."
            )
        module = match["module"].removeprefix("base_model.model.")
        if module.split(".")[-1] in _FORBIDDEN_MODULES:
            raise AdapterConversionError(
                f"The adapter targets {module}; llama.cpp adapters must not change the embedding or output layer. "
                "Use target_modules='all-linear', which leaves them out."
            )
        pairs.setdefault(module, {})[match["part"]] = value

    name_map = gguf.get_tensor_name_map(_gguf_arch(base.architecture), base.block_count)
    ranks = {m: int(p["A"].shape[0]) for m, p in pairs.items() if "A" in p}
    scales = {m: _module_scale(config, m, r) for m, r in ranks.items()}
    rank = max(ranks.values(), default=0)
    uniform = len(set(ranks.values())) <= 1 and len({round(s, 12) for s in scales.values()}) <= 1
    # One file-wide alpha reproduces PEFT's scale when every module has the same rank and scale.
    alpha = scales[next(iter(scales))] * rank if uniform and scales else 0.0

    out_tensors: list[tuple[str, np.ndarray]] = []
    for module, parts in sorted(pairs.items(), key=lambda kv: _natural_key(kv[0])):
        if set(parts) != {"A", "B"}:
            raise AdapterConversionError(f"{module} has lora_{''.join(parts)} but not both A and B.")
        a, b = parts["A"].astype(np.float32), parts["B"].astype(np.float32)
        if a.ndim != 2 or b.ndim != 2 or a.shape[0] != b.shape[1]:
            raise AdapterConversionError(f"{module}: A {a.shape} and B {b.shape} do not form a LoRA pair.")
        gguf_name = name_map.get_name(module)
        if gguf_name is None:
            raise AdapterConversionError(
                f"{module} has no counterpart in a {base.architecture} model; the adapter was trained for another "
                f"architecture than {base.name}."
            )
        expected = base.weight_shapes.get(f"{gguf_name}.weight")
        if expected is not None and expected != (b.shape[0], a.shape[1]):
            raise AdapterConversionError(
                f"{module} is {b.shape[0]}×{a.shape[1]} in the adapter but {expected[0]}×{expected[1]} in "
                f"{base.name}: the adapter was trained for another model."
            )
        if not uniform:
            b = b * scales[module]
        if qk_permutation and base.architecture == "llama":
            if gguf_name.endswith("attn_q"):
                b = llama_permute_rows(b, base.head_count)
            elif gguf_name.endswith("attn_k"):
                b = llama_permute_rows(b, base.head_count_kv)
        dtype = np.float16 if outtype == "f16" else np.float32
        out_tensors.append((f"{gguf_name}.weight.lora_a", np.ascontiguousarray(a, dtype=dtype)))
        out_tensors.append((f"{gguf_name}.weight.lora_b", np.ascontiguousarray(b, dtype=dtype)))
    if not out_tensors:
        raise AdapterConversionError(f"The adapter in {adapter_dir} holds no LoRA tensors.")

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    metadata = {
        "general.name": f"{base.name} LEAN LoRA",
        "general.base_model.count": 1,
        "general.base_model.0.name": base.name,
        **(extra_metadata or {}),
    }
    tmp = output.with_suffix(output.suffix + ".part")
    writer = gguf.GGUFWriter(str(tmp), base.architecture)
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(alpha))
    for key, value in metadata.items():
        if isinstance(value, int):
            writer.add_uint32(key, value)
        else:
            writer.add_string(key, str(value))
    for name, array in out_tensors:
        writer.add_tensor(name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.replace(output)
    return ConversionResult(
        path=output,
        architecture=base.architecture,
        tensor_count=len(out_tensors),
        alpha=float(alpha),
        rank=rank,
        scaling_baked=not uniform,
        metadata={k: v for k, v in metadata.items()},
    )


def _gguf_arch(architecture: str) -> Any:
    import gguf

    return {name: arch for arch, name in gguf.MODEL_ARCH_NAMES.items()}[architecture]


def _natural_key(name: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]
