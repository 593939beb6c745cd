"""The GGUF LoRA converter on small adapters written here, against the real SmolLM2 GGUF as the base: tensor
names and orientation, the llama q/k permutation, scaling (plain, rsLoRA, per-module), metadata, and the
adapters llama.cpp cannot load.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import gguf
import numpy as np
import pytest
from safetensors.numpy import save_file

from lean_training.export_gguf import ExportConfig, main
from lean_training.gguf_lora import (
    AdapterConversionError,
    BaseModelInfo,
    convert_adapter,
    llama_permute_rows,
    read_base_model,
)

# SmolLM2-135M: hidden 576, 9 query heads and 3 key/value heads of 64, MLP 1536, 30 layers.
SHAPES = {"q_proj": (576, 576), "k_proj": (192, 576), "v_proj": (192, 576), "down_proj": (576, 1536)}
PREFIX = {"q_proj": "self_attn", "k_proj": "self_attn", "v_proj": "self_attn", "down_proj": "mlp"}


def write_adapter(
    folder: Path,
    *,
    rank: int = 4,
    modules: dict[str, tuple[int, int]] = SHAPES,
    layers: tuple[int, ...] = (0, 29),
    config: dict | None = None,
    extra: dict[str, np.ndarray] | None = None,
    prefix: dict[str, str] = PREFIX,
) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    tensors: dict[str, np.ndarray] = {}
    for layer in layers:
        for name, (out_features, in_features) in modules.items():
            base = f"base_model.model.model.layers.{layer}.{prefix.get(name, 'self_attn')}.{name}"
            tensors[f"{base}.lora_A.weight"] = rng.standard_normal((rank, in_features)).astype(np.float32)
            tensors[f"{base}.lora_B.weight"] = rng.standard_normal((out_features, rank)).astype(np.float32)
    tensors.update(extra or {})
    folder.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / "adapter_model.safetensors"))
    adapter_config = {"peft_type": "LORA", "r": rank, "lora_alpha": 8, "bias": "none", "use_dora": False}
    adapter_config.update(config or {})
    (folder / "adapter_config.json").write_text(json.dumps(adapter_config))
    return tensors


def read_gguf(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    reader = gguf.GGUFReader(path)
    fields = {k: f.contents() for k, f in reader.fields.items() if not k.startswith("GGUF.")}
    tensors = {t.name: np.array(t.data).reshape([int(d) for d in reversed(t.shape)]) for t in reader.tensors}
    return fields, tensors


@pytest.fixture(scope="module")
def base(smollm2: Path) -> BaseModelInfo:
    return read_base_model(smollm2)


def test_reads_the_base_model_from_its_gguf(base: BaseModelInfo):
    assert (base.architecture, base.block_count, base.head_count, base.head_count_kv) == ("llama", 30, 9, 3)
    assert base.weight_shapes["blk.0.attn_k.weight"] == (192, 576)


def test_names_orientation_permutation_and_metadata(base: BaseModelInfo, tmp_path: Path):
    tensors = write_adapter(tmp_path / "adapter")
    result = convert_adapter(
        tmp_path / "adapter", base, tmp_path / "out.gguf", extra_metadata={"lean_author.manifest_sha256": "ab" * 32}
    )
    fields, written = read_gguf(result.path)
    assert fields["general.architecture"] == "llama"
    assert fields["general.type"] == "adapter"
    assert fields["adapter.type"] == "lora"
    assert fields["adapter.lora.alpha"] == pytest.approx(8.0)
    assert fields["general.base_model.0.name"] == base.name
    assert fields["lean_author.manifest_sha256"] == "ab" * 32
    assert result.tensor_count == len(written) == 2 * 2 * len(SHAPES)

    hf = "base_model.model.model.layers.29"
    # numpy shape (rows, cols) = GGUF ne reversed: lora_a ne=[in, r], lora_b ne=[r, out], as llama.cpp checks.
    assert written["blk.29.attn_q.weight.lora_a"].shape == (4, 576)
    assert written["blk.29.attn_k.weight.lora_b"].shape == (192, 4)
    np.testing.assert_array_equal(
        written["blk.29.attn_q.weight.lora_a"], tensors[f"{hf}.self_attn.q_proj.lora_A.weight"]
    )
    np.testing.assert_array_equal(
        written["blk.29.attn_v.weight.lora_b"], tensors[f"{hf}.self_attn.v_proj.lora_B.weight"]
    )
    np.testing.assert_array_equal(
        written["blk.29.ffn_down.weight.lora_b"], tensors[f"{hf}.mlp.down_proj.lora_B.weight"]
    )
    # llama's q rows are permuted over the 9 query heads, k rows over the 3 key/value heads.
    q_b = tensors[f"{hf}.self_attn.q_proj.lora_B.weight"]
    k_b = tensors[f"{hf}.self_attn.k_proj.lora_B.weight"]
    np.testing.assert_array_equal(written["blk.29.attn_q.weight.lora_b"], llama_permute_rows(q_b, 9))
    np.testing.assert_array_equal(written["blk.29.attn_k.weight.lora_b"], llama_permute_rows(k_b, 3))
    assert not np.array_equal(written["blk.29.attn_q.weight.lora_b"], q_b)


def test_permutation_pairs_the_rotary_halves_of_each_head():
    # Rows 0..63 of one head: HF keeps rotary pairs (i, i+32); llama.cpp wants them interleaved (2i, 2i+1).
    rows = np.arange(128, dtype=np.float32).reshape(128, 1)
    permuted = llama_permute_rows(rows, 2)[:, 0]
    assert permuted[:6].tolist() == [0, 32, 1, 33, 2, 34]
    assert permuted[64:68].tolist() == [64, 96, 65, 97]
    assert sorted(permuted.tolist()) == list(range(128))


def test_rslora_alpha_is_corrected(base: BaseModelInfo, tmp_path: Path):
    write_adapter(tmp_path / "adapter", rank=4, config={"use_rslora": True, "lora_alpha": 8})
    result = convert_adapter(tmp_path / "adapter", base, tmp_path / "out.gguf")
    fields, _ = read_gguf(result.path)
    # llama.cpp scales by alpha/r; PEFT's rsLoRA by alpha/sqrt(r) = 8/2 = 4, so the file says alpha 16.
    assert fields["adapter.lora.alpha"] == pytest.approx(8 * math.sqrt(4))
    assert fields["adapter.lora.alpha"] / 4 == pytest.approx(8 / math.sqrt(4))


def test_per_module_alpha_is_baked_into_b(base: BaseModelInfo, tmp_path: Path):
    tensors = write_adapter(tmp_path / "adapter", rank=4, config={"lora_alpha": 8, "alpha_pattern": {"v_proj": 2}})
    result = convert_adapter(tmp_path / "adapter", base, tmp_path / "out.gguf")
    fields, written = read_gguf(result.path)
    assert result.scaling_baked and fields["adapter.lora.alpha"] == 0.0
    hf = "base_model.model.model.layers.0.self_attn"
    np.testing.assert_allclose(written["blk.0.attn_v.weight.lora_b"], tensors[f"{hf}.v_proj.lora_B.weight"] * 2 / 4)
    np.testing.assert_allclose(
        written["blk.0.attn_q.weight.lora_b"], llama_permute_rows(tensors[f"{hf}.q_proj.lora_B.weight"] * 8 / 4, 9)
    )


def test_f16_output(base: BaseModelInfo, tmp_path: Path):
    write_adapter(tmp_path / "adapter", modules={"v_proj": SHAPES["v_proj"]})
    result = convert_adapter(tmp_path / "adapter", base, tmp_path / "out.gguf", outtype="f16")
    reader = gguf.GGUFReader(result.path)
    assert {t.tensor_type for t in reader.tensors} == {gguf.GGMLQuantizationType.F16}


@pytest.mark.parametrize(
    ("config", "extra", "message"),
    [
        ({"use_dora": True}, None, "DoRA"),
        (
            {},
            {"base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector": np.ones(576, np.float32)},
            "DoRA",
        ),
        ({"modules_to_save": ["lm_head"]}, None, "modules_to_save"),
        ({"bias": "lora_only"}, None, "bias"),
        ({}, {"base_model.model.model.embed_tokens.lora_A.weight": np.ones((4, 49152), np.float32)}, "embedding"),
        ({}, {"base_model.model.lm_head.weight": np.ones((49152, 576), np.float32)}, "Unexpected tensor"),
    ],
)
def test_adapters_llama_cpp_cannot_load_are_refused(base, tmp_path, config, extra, message):
    write_adapter(tmp_path / "adapter", config=config, extra=extra)
    with pytest.raises(AdapterConversionError, match=message):
        convert_adapter(tmp_path / "adapter", base, tmp_path / "out.gguf")
    assert not (tmp_path / "out.gguf").exists()


def test_an_adapter_for_another_model_is_refused(base: BaseModelInfo, tmp_path: Path):
    # Qwen2.5-0.5B's shapes (hidden 896) on the 576-wide SmolLM2.
    write_adapter(tmp_path / "qwen", modules={"q_proj": (896, 896)})
    with pytest.raises(AdapterConversionError, match="trained for another model"):
        convert_adapter(tmp_path / "qwen", base, tmp_path / "out.gguf")
    # GPT-2 module names have no counterpart in a llama model.
    write_adapter(tmp_path / "gpt2", modules={"c_attn": (1728, 576)}, prefix={"c_attn": "attn"})
    with pytest.raises(AdapterConversionError, match="another architecture"):
        convert_adapter(tmp_path / "gpt2", base, tmp_path / "out.gguf")


def test_base_model_errors(tmp_path: Path, smollm2: Path):
    with pytest.raises(AdapterConversionError, match="Base model not found"):
        read_base_model(tmp_path / "missing.gguf")
    write_adapter(tmp_path / "adapter", modules={"v_proj": SHAPES["v_proj"]})
    adapter_gguf = convert_adapter(tmp_path / "adapter", read_base_model(smollm2), tmp_path / "a.gguf").path
    with pytest.raises(AdapterConversionError, match="is a LoRA adapter, not a base model"):
        read_base_model(adapter_gguf)
    (tmp_path / "gpt2").mkdir()
    (tmp_path / "gpt2" / "config.json").write_text(json.dumps({"architectures": ["GPT2LMHeadModel"]}))
    with pytest.raises(AdapterConversionError, match="not supported"):
        read_base_model(tmp_path / "gpt2")


def test_export_stage_uses_the_run_manifest_and_never_overwrites(tmp_path: Path, smollm2: Path):
    run = tmp_path / "run"
    write_adapter(run / "adapter", modules={"v_proj": SHAPES["v_proj"]})
    (run / "manifest.json").write_text(json.dumps({"config": {"train": {"base_model": str(smollm2)}}}))
    summary = main(ExportConfig(run_dir=str(run)))
    fields, _ = read_gguf(run / "adapter.gguf")
    assert summary["manifest_sha256"] == fields["lean_author.manifest_sha256"]
    assert len(summary["manifest_sha256"]) == 64
    assert fields["lean_author.base_model"] == smollm2.name
    with pytest.raises(ValueError, match="--overwrite"):
        main(ExportConfig(run_dir=str(run)))
    with pytest.raises(ValueError, match="--run_dir"):
        main(ExportConfig())


def test_export_command_line_errors_say_what_to_do(tmp_path: Path, smollm2: Path):
    run = subprocess.run(
        [sys.executable, "-m", "lean_training.export_gguf", "--adapter_dir", str(tmp_path), "--base_model", "smollm2"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert run.returncode == 2
    assert "No adapter_config.json" in run.stderr
