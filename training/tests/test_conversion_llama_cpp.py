"""Conversion correctness against llama.cpp itself: a LoRA adapter on SmolLM2-135M-Instruct (llama architecture)
is applied by transformers + PEFT and, after export, by llama.cpp (node-llama-cpp, the engine `lean-author serve`
runs) to the Q4_1 GGUF; their greedy tokens must agree.

Greedy decoding is compared teacher-forced: at each of the first 32 positions both see the same prefix (the
prompt plus the tokens transformers chose), so one near-tie that Q4_1's rounding breaks the other way costs one
position, not every position after it. Without an adapter the two engines agree on about 95% of positions here.

The adapter is random rather than trained, with strong q/k deltas, so a wrong q/k permutation shows: exporting
without it must drop the agreement below the 90% bar that the correct export clears.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conftest import llama_greedy

pytestmark = pytest.mark.slow

PROMPTS = [
    "class MyAlgorithm(QCAlgorithm):\n    def initialize(self):",
    "def on_data(self, data):\n",
    "The moving average crossover strategy",
    "import numpy as np\n",
    "Buy low and sell high is",
]
TOKENS = 32


@pytest.fixture(scope="module")
def peft_model(smollm2: Path):
    import torch
    from peft import LoraConfig, get_peft_model

    from lean_training.base_model import load_model, load_tokenizer

    tokenizer = load_tokenizer(str(smollm2))
    model = load_model(str(smollm2), dtype="float32")
    torch.manual_seed(0)
    config = LoraConfig(
        r=8, lora_alpha=16, target_modules="all-linear", bias="none", task_type="CAUSAL_LM", init_lora_weights=False
    )
    peft = get_peft_model(model, config)
    with torch.no_grad():
        for name, parameter in peft.named_parameters():
            if "lora_B" in name:
                parameter.mul_(2.0 if ("q_proj" in name or "k_proj" in name) else 0.2)
    peft.eval()
    return tokenizer, peft


def greedy(model, prompts: list[list[int]]) -> list[list[int]]:
    import torch

    with torch.no_grad():
        return [
            model.generate(
                torch.tensor([p]), max_new_tokens=TOKENS, min_new_tokens=TOKENS, do_sample=False, pad_token_id=0
            )[0][len(p) :].tolist()
            for p in prompts
        ]


def agreement(expected: list[list[int]], actual: list[list[int]]) -> float:
    pairs = [(x, y) for e, a in zip(expected, actual, strict=True) for x, y in zip(e, a, strict=True)]
    return sum(x == y for x, y in pairs) / len(pairs)


def test_our_permutation_is_the_one_in_the_model_file(peft_model, smollm2: Path):
    """transformers un-permutes llama's q/k rows when reading a GGUF; permuting them back gives the file's rows."""
    import gguf

    from lean_training.gguf_lora import llama_permute_rows

    _, model = peft_model
    reader = gguf.GGUFReader(smollm2)
    stored = {t.name: t for t in reader.tensors}
    layer = model.base_model.model.model.layers[3].self_attn
    for name, hf_weight, heads in (
        ("attn_q", layer.q_proj.base_layer.weight, 9),
        ("attn_k", layer.k_proj.base_layer.weight, 3),
    ):
        tensor = stored[f"blk.3.{name}.weight"]
        from_file = gguf.quants.dequantize(tensor.data, tensor.tensor_type).reshape(hf_weight.shape)
        hf = hf_weight.detach().numpy()
        np.testing.assert_allclose(llama_permute_rows(hf, heads), from_file, atol=1e-6)
        assert not np.allclose(hf, from_file, atol=1e-3)


def test_llama_cpp_with_the_exported_adapter_agrees_with_peft(peft_model, smollm2, llama_cpp, tmp_path):
    from lean_training.gguf_lora import convert_adapter, read_base_model

    tokenizer, model = peft_model
    prompts = [tokenizer(p).input_ids for p in PROMPTS]
    with_adapter = greedy(model, prompts)
    with model.disable_adapter():
        without_adapter = greedy(model, prompts)
    # The adapter really changes the output, so agreeing with it is not agreeing with the base.
    assert agreement(with_adapter, without_adapter) < 0.5

    model.save_pretrained(str(tmp_path / "adapter"))
    base = read_base_model(smollm2)
    right = convert_adapter(tmp_path / "adapter", base, tmp_path / "right.gguf").path
    wrong = convert_adapter(tmp_path / "adapter", base, tmp_path / "wrong.gguf", qk_permutation=False).path

    def llama_cpp_tokens(adapter: Path) -> list[list[int]]:
        request = {"model": str(smollm2), "lora": [{"path": str(adapter), "scale": 1}], "prompts": prompts}
        return llama_greedy(tmp_path, {**request, "forced": with_adapter, "tokens": TOKENS})

    right_rate = agreement(with_adapter, llama_cpp_tokens(right))
    wrong_rate = agreement(with_adapter, llama_cpp_tokens(wrong))
    print(
        f"teacher-forced agreement over {len(PROMPTS)}×{TOKENS} tokens: right {right_rate:.3f}, wrong {wrong_rate:.3f}"
    )
    assert right_rate >= 0.9
    assert wrong_rate < 0.9
    assert right_rate - wrong_rate >= 0.1
