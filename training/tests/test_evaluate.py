"""The evaluate stage against the real product: ``lean-author eval`` (the built ``dist/cli.js``) serving the
SmolLM2-135M GGUF through llama.cpp, once plain and once with a real GGUF LoRA (a small random PEFT adapter converted
by ``gguf_lora``), on two held-out prompts in the dataset's format. Also the stage's errors on bad input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lean_training.evaluate import EvaluateConfig, main
from lean_training.lean_author import LeanAuthor

TRAINING_DIR = Path(__file__).resolve().parents[1]
PROMPTS = [
    ("rsi-held-out", "RSI mean reversion on AAPL: buy below 30, sell above 70"),
    ("sma-held-out", "SMA crossover on SPY with 10 and 50 day averages"),
]
STAGES = ["extracted", "parses", "clean", "matches"]


@pytest.fixture(scope="module")
def dataset_dir(built_cli, tmp_path_factory) -> Path:
    """A test split of two prompts, each with the exact zero-example messages the product sends (as build_dataset)."""
    out = tmp_path_factory.mktemp("dataset")
    readings = LeanAuthor().read_prompts(PROMPTS)
    with (out / "test.jsonl").open("w", encoding="utf-8") as f:
        for pid, _ in PROMPTS:
            record = {
                "prompt": readings[pid]["messages"],
                "completion": [{"role": "assistant", "content": "```python\npass\n```"}],
                "meta": {"id": pid, "family": readings[pid]["family"], "source": "test"},
            }
            f.write(json.dumps(record) + "\n")
    return out


@pytest.fixture(scope="module")
def adapter_gguf(smollm2, tmp_path_factory) -> Path:
    """A real GGUF LoRA for SmolLM2: random (non-zero) PEFT LoRA weights of rank 4, converted as export_gguf does."""
    import torch
    from peft import LoraConfig, get_peft_model

    from lean_training.base_model import load_model
    from lean_training.gguf_lora import convert_adapter, read_base_model

    torch.manual_seed(0)
    model = get_peft_model(
        load_model(str(smollm2)), LoraConfig(r=4, target_modules="all-linear", init_lora_weights=False)
    )
    out = tmp_path_factory.mktemp("adapter")
    model.save_pretrained(str(out / "peft"))
    convert_adapter(out / "peft", read_base_model(smollm2), out / "adapter.gguf")
    return out / "adapter.gguf"


def check_result(result: dict, *, examples: int, adapters: list[dict]) -> None:
    """One `lean-author eval` result: the settings asked for, gated stages, and a summary that counts the rows."""
    assert result["tool"] == "lean-author eval"
    assert result["stages"] == STAGES
    assert result["settings"]["examples"] == examples
    assert result["settings"]["repairRounds"] == 1
    assert result["model"]["adapters"] == adapters
    assert len(result["model"]["loadedAdapters"]) == len(adapters)
    assert result["warnings"] == []  # the dataset's messages are this build's
    rows = result["rows"]
    assert [row["id"] for row in rows] == [pid for pid, _ in PROMPTS]
    for row in rows:
        assert row["error"] is None
        for answer in (row["noRepair"], row["withRepair"]):
            assert not answer["clean"] or answer["parses"]
            assert not answer["parses"] or answer["extracted"]
            assert answer["extracted"] == (answer["code"] != "")
            assert answer["backtestRan"] is None and answer["traded"] is None
    summary = result["summary"]
    assert summary["prompts"] == len(rows) == 2
    for repair in ("noRepair", "withRepair"):
        for stage in STAGES:
            count = sum(row[repair][stage] for row in rows)
            assert summary[repair][stage] == {"count": count, "share": count / 2}


@pytest.mark.slow
def test_base_and_adapter_are_evaluated_through_lean_author(dataset_dir, adapter_gguf, smollm2, tmp_path):
    config = EvaluateConfig(
        dataset_dir=str(dataset_dir),
        base_model=str(smollm2),
        adapter=str(adapter_gguf),
        examples_base=[0, 1],
        repair_rounds=1,
        max_tokens=32,
        threads=1,
        output_dir=str(tmp_path / "evaluation"),
    )
    evaluation = main(config)
    written = json.loads((tmp_path / "evaluation" / "evaluation.json").read_text())
    assert written == evaluation
    split = str(dataset_dir / "test.jsonl")
    assert evaluation["prompts"] == {"file": split, "evaluated": split, "count": 2, "in_file": 2}
    assert evaluation["adapter"] == str(adapter_gguf)
    assert evaluation["stages"] == STAGES
    runs = evaluation["runs"]
    assert [(r["label"], r["examples"], r["adapter"]) for r in runs] == [
        ("base", 0, None),
        ("base + 1 example", 1, None),
        ("adapter", 0, str(adapter_gguf)),
    ]
    for run in runs:
        assert run["summary"] == run["result"]["summary"]
        assert json.loads(Path(run["result_file"]).read_text()) == run["result"]
        adapters = [{"path": str(adapter_gguf), "scale": 1}] if run["adapter"] else []
        check_result(run["result"], examples=run["examples"], adapters=adapters)
    assert runs[2]["result"]["model"]["loadedAdapters"] == ["adapter.gguf@1"]

    table = (tmp_path / "evaluation" / "evaluation.md").read_text()
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("| Run |"))
    assert header == (
        "| Run | Examples | Code extracted, no repair | Parses, no repair | Validator-clean, no repair "
        "| Matches the request, no repair | Code extracted, ≤1 repairs | Parses, ≤1 repairs "
        "| Validator-clean, ≤1 repairs | Matches the request, ≤1 repairs |"
    )
    rows = [line for line in lines if line.startswith("| base") or line.startswith("| adapter")]
    assert [row.split(" | ")[0:2] for row in rows] == [
        ["| base", "0"],
        ["| base + 1 example", "1"],
        ["| adapter", "0"],
    ]
    for row, run in zip(rows, runs, strict=True):
        cells = row.strip("| ").split(" | ")[2:]
        expected = [
            f"{round(100 * run['summary'][repair][s]['share'])}% ({run['summary'][repair][s]['count']}/2)"
            for repair in ("noRepair", "withRepair")
            for s in STAGES
        ]
        assert cells == expected


def test_bad_input_gives_clear_errors(dataset_dir, smollm2, tmp_path):
    missing_adapter = EvaluateConfig(
        dataset_dir=str(dataset_dir), base_model=str(smollm2), adapter=str(tmp_path / "nope.gguf")
    )
    with pytest.raises(ValueError, match=r"The adapter .*nope\.gguf does not exist\. Export it first"):
        main(missing_adapter)
    with pytest.raises(ValueError, match=r"runs/x/adapter\.gguf does not exist"):
        main(EvaluateConfig(dataset_dir=str(dataset_dir), base_model=str(smollm2), run_dir="runs/x"))

    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n")
    with pytest.raises(ValueError, match=r"empty\.txt is empty: nothing to evaluate"):
        main(EvaluateConfig(prompts=str(empty), base_model=str(smollm2)))
    with pytest.raises(ValueError, match=r"test\.jsonl does not exist\. Build the dataset first"):
        main(EvaluateConfig(dataset_dir=str(tmp_path / "no-dataset"), base_model=str(smollm2)))
    with pytest.raises(ValueError, match=r"The base model .*missing\.gguf does not exist"):
        main(EvaluateConfig(dataset_dir=str(dataset_dir), base_model=str(tmp_path / "missing.gguf")))
    with pytest.raises(ValueError, match=r"Worked examples must be 0, 1 or 2"):
        main(EvaluateConfig(dataset_dir=str(dataset_dir), examples_base=[3]))


def test_command_line_reports_bad_input_and_exits_2(dataset_dir, smollm2, tmp_path):
    run = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "lean_training.evaluate", "--config", "configs/evaluate.yaml"]
        + ["--dataset_dir", str(dataset_dir), "--run_dir", str(tmp_path), "--output_dir", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=TRAINING_DIR,
        timeout=300,
    )
    assert run.returncode == 2, run.stderr
    assert f"evaluate: The adapter {tmp_path / 'adapter.gguf'} does not exist." in run.stderr


def test_limit_takes_prompts_in_turn_from_each_family(tmp_path):
    """A split is ordered by family: --limit must not evaluate one family only."""
    from lean_training.evaluate import limited_prompts

    split = tmp_path / "test.jsonl"
    families = ["alpha"] * 5 + ["rsi"] * 3 + ["sma"] * 1
    split.write_text(
        "".join(
            json.dumps({"prompt": [], "meta": {"id": f"{f}-{i}", "family": f}}) + "\n" for i, f in enumerate(families)
        ),
        encoding="utf-8",
    )
    chosen = limited_prompts(split, 6, tmp_path / "out" / "prompts.jsonl")
    ids = [json.loads(line)["meta"]["id"] for line in chosen.read_text(encoding="utf-8").splitlines()]
    assert ids == ["alpha-0", "rsi-5", "sma-8", "alpha-1", "rsi-6", "alpha-2"]
    assert limited_prompts(split, None, tmp_path / "unused.jsonl") == split
    assert len(limited_prompts(split, 50, tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 9

    plain = tmp_path / "prompts.txt"
    plain.write_text("first\nsecond\nthird\n", encoding="utf-8")
    assert limited_prompts(plain, 2, tmp_path / "plain.jsonl").read_text(encoding="utf-8") == "first\nsecond\n"
