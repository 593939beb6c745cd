"""build-dataset against the real product: every test runs the built ``lean-author`` (``node dist/cli.js``; run
``npm run build`` in the repository root first) for the drawn requests, the prompt messages and the validator.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lean_training import dedup, splits
from lean_training.build_dataset import BuildDatasetConfig, main
from lean_training.lean_author import REPO_ROOT, LeanAuthor

CLI = REPO_ROOT / "dist" / "cli.js"
pytestmark = pytest.mark.usefixtures("built_cli")

MOMENTUM = '''# region imports
from AlgorithmImports import *
# endregion


class MomentumSpy(QCAlgorithm):
    """Buy SPY when its 50-day momentum is positive and sell it when momentum turns negative."""

    def initialize(self):
        self.set_start_date(2019, 1, 1)
        self.set_end_date(2023, 12, 31)
        self.set_cash(50000)
        self._symbol = self.add_equity("SPY", Resolution.DAILY).symbol
        self._momentum = self.momp(self._symbol, 50, Resolution.DAILY)
        self.set_warm_up(50)

    def on_data(self, data: Slice):
        if self.is_warming_up or not self._momentum.is_ready:
            return
        if self._momentum.current.value > 0 and not self.portfolio.invested:
            self.set_holdings(self._symbol, 1)
        elif self._momentum.current.value < 0 and self.portfolio.invested:
            self.liquidate(self._symbol)
'''

# Two copies of one algorithm: the docstrings differ in one word, the code in one local name. Near-duplicates.
TWIN = '''# region imports
from AlgorithmImports import *
# endregion


class GapFade(QCAlgorithm):
    """Fade overnight gaps in QQQ: when the market opens {word} than the previous close by a wide margin,
    bet on the gap closing during the day, and close the position before the end of the session every day.
    """

    def initialize(self):
        self.set_start_date(2021, 1, 1)
        self.set_end_date(2022, 12, 31)
        self.set_cash(25000)
        self._symbol = self.add_equity("QQQ", Resolution.MINUTE).symbol
        self._close = None
        self.schedule.on(
            self.date_rules.every_day(self._symbol),
            self.time_rules.before_market_close(self._symbol, 5),
            self._flatten,
        )

    def on_data(self, data: Slice):
        bar = data.bars.get(self._symbol)
        if bar is None:
            return
        {name} = bar.open
        if self._close is not None and not self.portfolio.invested and self.time.hour == 9:
            if {name} > self._close * 1.01:
                self.set_holdings(self._symbol, -0.5)
            elif {name} < self._close * 0.99:
                self.set_holdings(self._symbol, 0.5)

    def _flatten(self):
        self.liquidate(self._symbol)
        self._close = self.securities[self._symbol].price
'''

NO_DOCSTRING = MOMENTUM.replace(
    '    """Buy SPY when its 50-day momentum is positive and sell it when momentum turns negative."""\n\n', ""
).replace("class MomentumSpy", "class BreakoutQqq")

LEAN_SNAKE = """from AlgorithmImports import *

### <summary>
### Demonstration of requesting daily resolution data for US Equities: buys <see cref="QuantConnect.Symbol"/> SPY
### once and holds it.
### </summary>
### <meta name="tag" content="using data" />
class BasicTemplateDailyAlgorithm(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2013, 10, 8)
        self.set_end_date(2013, 10, 17)
        self.set_cash(100000)
        self._spy = self.add_equity("SPY", Resolution.DAILY).symbol

    def on_data(self, data: Slice):
        if not self.portfolio.invested:
            self.set_holdings(self._spy, 1)
"""

LEAN_PASCAL = """from AlgorithmImports import *

### <summary>
### Basic template algorithm written with the old PascalCase API: buys SPY and holds it.
### </summary>
class BasicTemplatePascalAlgorithm(QCAlgorithm):
    def Initialize(self):
        self.SetStartDate(2013, 10, 8)
        self.SetEndDate(2013, 10, 17)
        self.SetCash(100000)
        self.AddEquity("SPY", Resolution.Daily)

    def OnData(self, data):
        if not self.Portfolio.Invested:
            self.SetHoldings("SPY", 1)
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def user_folder(root: Path) -> Path:
    write(root / "MomentumSpy" / "main.py", MOMENTUM)
    write(root / "BreakoutQqq" / "main.py", NO_DOCSTRING)
    write(root / "GapFadeA" / "main.py", TWIN.format(word="higher or lower", name="price"))
    write(root / "GapFadeB" / "main.py", TWIN.format(word="higher or much lower", name="open_price"))
    write(
        root / "Broken" / "main.py",
        MOMENTUM.replace("def on_data(self, data: Slice):", "def on_data(self, data: Slice)"),
    )
    write(root / "lib" / "util.py", "def helper():\n    return 1\n")
    write(root / "MomentumSpy" / "backtests" / "copy.py", MOMENTUM)  # backtest output is never read
    return root


def lean_folder(root: Path) -> Path:
    write(root / "BasicTemplateDailyAlgorithm.py", LEAN_SNAKE)
    write(root / "BasicTemplatePascalAlgorithm.py", LEAN_PASCAL)
    write(
        root / "OrderTicketRegressionAlgorithm.py", LEAN_SNAKE.replace("BasicTemplateDaily", "OrderTicketRegression")
    )
    write(root / "NoSummaryAlgorithm.py", LEAN_SNAKE.split("### <summary>")[0] + MOMENTUM.split("# endregion\n")[1])
    return root


def read_split(out: Path, split: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def all_rows(out: Path) -> dict[str, list[dict]]:
    return {split: read_split(out, split) for split in splits.SPLITS}


def code_of(row: dict) -> str:
    content = row["completion"][0]["content"]
    assert content.startswith("```python\n") and content.endswith("```"), content[:40]
    return content[len("```python\n") : -3]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict, BuildDatasetConfig]:
    """300 drawn requests plus a user folder and a LEAN Algorithm.Python stand-in, built once."""
    tmp = tmp_path_factory.mktemp("small")
    config = BuildDatasetConfig(
        output_dir=str(tmp / "out"),
        composed=300,
        user_algorithms=[str(user_folder(tmp / "user"))],
        lean_algorithm_python=str(lean_folder(tmp / "Algorithm.Python")),
    )
    info = main(config)
    return tmp / "out", info, config


def test_counts_and_writers_on_a_small_build(small):
    out, info, config = small
    rows = all_rows(out)
    assert info["counts"]["by_split"] == {s: len(r) for s, r in rows.items()}
    assert info["files"]["train"]["examples"] == len(rows["train"])
    every = [r for rs in rows.values() for r in rs]
    assert {r["meta"]["source"] for r in every} == {"composed", "user", "lean-algorithm-python"}
    composed = [r for r in every if r["meta"]["source"] == "composed"]
    assert all(r["meta"]["family"].startswith(("composer:", "template:")) for r in composed)
    assert {r["meta"]["family"] for r in every if r["meta"]["source"] != "composed"} == {"custom"}
    # Every draw is accounted for: kept, declined, held out of train, or dropped as a duplicate or leak.
    assert len(composed) < config.composed and info["dropped"]["declined_draws"] > 0
    assert sum(sum(c.values()) for c in info["counts"]["by_family"].values()) == info["counts"]["total"]
    for split in splits.SPLITS:
        assert any(r["meta"]["source"] == "composed" for r in rows[split]), split


def test_composed_examples_cover_the_markets_and_blocks(small):
    """The drawn requests: several security types and signal blocks, each prompt phrased from its request."""
    out, info, config = small
    composed = [r for rs in all_rows(out).values() for r in rs if r["meta"]["source"] == "composed"]
    types = {t for r in composed for t in r["meta"]["security_types"].split(",") if t}
    assert types >= {"equity", "crypto", "forex", "future"}, types
    assert len({r["meta"]["family"] for r in composed}) >= 10
    assert sum(info["counts"]["composed_by_security_type"].values()) >= len(composed)
    for row in composed:
        code = code_of(row)
        assert "class " in code and "(QCAlgorithm)" in code and "def initialize(self)" in code
        # The phrasing variants that wrote the prompt are kept, part by part.
        assert row["meta"]["phrasing"] and all(":" in v for v in row["meta"]["phrasing"].split("+"))


def test_every_example_is_validator_clean(small, tmp_path):
    out, _, _ = small
    codes = {code_of(r) for rs in all_rows(out).values() for r in rs}
    files = []
    for i, code in enumerate(sorted(codes)):
        files.append(write(tmp_path / f"{i:04d}" / "main.py", code))
    done = subprocess.run(["node", str(CLI), "validate", "--json", *map(str, files)], capture_output=True, text=True)
    errors = [d for d in json.loads(done.stdout) if d["severity"] == "error"]
    assert errors == []
    assert done.returncode == 0


def test_prompts_are_what_the_product_sends(small):
    out, info, _ = small
    lean = LeanAuthor()
    system = lean.system_prompt()
    assert info["system_prompt"] == system
    rows = [r for rs in all_rows(out).values() for r in rs]
    for row in rows:
        assert [m["role"] for m in row["prompt"]] == ["system", "user"]
        assert [m["role"] for m in row["completion"]] == ["assistant"]
        assert row["prompt"][0]["content"].startswith(system)
    # The whole prompt is exactly the product's zero-example messages for that request.
    sample = rows[:: max(1, len(rows) // 25)]
    readings = lean.read_prompts((r["meta"]["id"], r["prompt"][1]["content"]) for r in sample)
    for row in sample:
        assert row["prompt"] == readings[row["meta"]["id"]]["messages"]
    # TRL reads it as a conversational prompt/completion dataset.
    from trl.data_utils import is_conversational

    assert all(is_conversational(r) for r in rows)


def test_datasets_loads_every_split_with_one_schema(small):
    from datasets import load_dataset

    out, _, _ = small
    data = load_dataset("json", data_files={s: str(out / f"{s}.jsonl") for s in splits.SPLITS})
    assert {s: data[s].num_rows for s in splits.SPLITS} == {s: len(read_split(out, s)) for s in splits.SPLITS}
    assert data["train"].features == data["test"].features


def test_no_leakage_between_splits(small):
    out, _, config = small
    rows = all_rows(out)
    prompts = {s: {dedup.normalize_prompt(r["prompt"][1]["content"]) for r in rs} for s, rs in rows.items()}
    codes = {s: {dedup.normalize_code(code_of(r)) for r in rs} for s, rs in rows.items()}
    for a, b in (("train", "validation"), ("train", "test"), ("validation", "test")):
        assert not prompts[a] & prompts[b], (a, b)
        assert not codes[a] & codes[b], (a, b)
    # The held-out wordings and numbers are the product's, flagged on each drawn record; none reaches training.
    records = {r["id"]: r for r in LeanAuthor().composed_records(count=config.composed, seed=config.seed)}
    held = LeanAuthor().held_out()
    assert held["variants"] and held["params"]
    seen = {"phrasing": 0, "params": 0}
    for split, rs in rows.items():
        for row in (r for r in rs if r["meta"]["source"] == "composed"):
            meta, record = row["meta"], records[row["meta"]["id"]]
            assert code_of(row) == record["code"] and row["prompt"][1]["content"] == record["prompt"]
            uses_held_wording = any(v in held["variants"] for v in record["variants"])
            assert uses_held_wording == record["heldOut"]["phrasing"]
            if split == "test":
                assert (
                    meta["unseen_phrasing"] == uses_held_wording
                    and meta["unseen_params"] == record["heldOut"]["params"]
                )
                seen["phrasing"] += uses_held_wording
                seen["params"] += record["heldOut"]["params"]
            else:
                assert not uses_held_wording and not record["heldOut"]["params"], meta
                assert not meta["unseen_phrasing"] and not meta["unseen_params"]
    assert seen["phrasing"] > 0 and seen["params"] > 0, seen


def test_near_duplicates_are_removed(small):
    out, info, _ = small
    paths = [r["meta"]["path"] for rs in all_rows(out).values() for r in rs if r["meta"]["source"] == "user"]
    twins = [p for p in paths if "GapFade" in p]
    assert len(twins) == 1, paths
    assert info["dropped"]["near_duplicate"] >= 1


def test_near_duplicate_rule():
    code_a = dedup.normalize_code(TWIN.format(word="higher or lower", name="price"))
    code_b = dedup.normalize_code(TWIN.format(word="higher or much lower", name="open_price"))
    prompt = "Fade overnight gaps in QQQ when the open is far from the previous close, flat before the close each day"
    same = dedup.fingerprint(prompt, code_a)
    reworded = dedup.fingerprint(prompt.replace("far from", "very far from"), code_b)
    # Comments, docstrings and layout do not count.
    assert dedup.normalize_code("x = 1  # one\n\n\ny  =  2\n") == dedup.normalize_code('"""doc"""\nx = 1\ny = 2')
    assert dedup.near_duplicate_groups([same, reworded], 0.8) == [[0, 1]]
    # A different number is a different task, however alike the rest.
    other_number = dedup.fingerprint(prompt + " with 2 positions", code_a)
    assert (
        dedup.near_duplicate_groups([dedup.fingerprint(prompt + " with 3 positions", code_a), other_number], 0.8) == []
    )
    # Different code is a different example, however alike the prompts.
    other_code = dedup.fingerprint(prompt, dedup.normalize_code(MOMENTUM))
    assert dedup.near_duplicate_groups([same, other_code], 0.8) == []


def test_user_folder_and_lean_checkout(small):
    out, info, _ = small
    rows = [r for rs in all_rows(out).values() for r in rs if r["meta"]["source"] != "composed"]
    by_path = {r["meta"]["path"]: r for r in rows}
    momentum = next(r for p, r in by_path.items() if p.endswith("MomentumSpy/main.py"))
    assert momentum["prompt"][1]["content"] == (
        "Buy SPY when its 50-day momentum is positive and sell it when momentum turns negative."
    )
    assert code_of(momentum) == MOMENTUM
    assert momentum["meta"]["family"] == "custom" and momentum["meta"]["phrasing"] == "docstring"
    named = next(r for p, r in by_path.items() if p.endswith("BreakoutQqq/main.py"))
    assert named["prompt"][1]["content"] == "Write a LEAN algorithm: breakout qqq"
    assert not any("Broken" in p or "backtests" in p for p in by_path)
    assert info["dropped"]["validator_errors_user"] == 1
    assert info["skipped_files"]["user"]["not_algorithm"] == 1

    lean = [r for r in rows if r["meta"]["source"] == "lean-algorithm-python"]
    assert [r["meta"]["path"] for r in lean] == ["BasicTemplateDailyAlgorithm.py"]
    assert lean[0]["prompt"][1]["content"] == (
        "Demonstration of requesting daily resolution data for US Equities: buys QuantConnect.Symbol SPY once and "
        "holds it."
    )
    assert info["dropped"]["pascal_case_api"] == 1
    assert info["skipped_files"]["lean-algorithm-python"] == {
        "not_algorithm": 0,
        "regression": 1,
        "no_summary": 1,
        "unreadable": 0,
    }


def test_dataset_card(small):
    out, info, _ = small
    card = (out / "dataset_card.md").read_text(encoding="utf-8")
    for family, counts in info["counts"]["by_family"].items():
        row = f"| {family} | {counts.get('train', 0)} | {counts.get('validation', 0)} | {counts.get('test', 0)} |"
        assert row in card
    for split in splits.SPLITS:
        digest = hashlib.sha256((out / f"{split}.jsonl").read_bytes()).hexdigest()
        assert digest in card and info["files"][split]["sha256"] == digest
    assert "| composed |" in card and "| user |" in card and "| lean-algorithm-python |" in card
    assert "Apache-2.0" in card
    assert "**Parameter holdout.**" in card and "rsi period=2" in card and "`core:verb-first`" in card
    assert "phraseRequest" in card and "Near-duplicates" in card and "Jaccard" in card
    saved = json.loads((out / "dataset_info.json").read_text())
    assert saved["counts"] == info["counts"] and saved["config"]["composed"] == 300


def test_deterministic(tmp_path):
    def build(name: str) -> dict:
        return main(BuildDatasetConfig(output_dir=str(tmp_path / name), composed=60))["files"]

    first, second = build("a"), build("b")
    assert [f["sha256"] for f in first.values()] == [f["sha256"] for f in second.values()]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"composed": 0}, "Nothing to build from"),
        ({"composed": -1}, "composed must be 0 or more"),
        ({"user_algorithms": ["/nonexistent/folder"]}, "is not a folder"),
        ({"validation_fraction": 0.5, "test_fraction": 0.5}, "nothing is left for training"),
        ({"lean_author": "node /nonexistent/cli.js"}, "failed"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, changes, message):
    config = dataclasses.replace(BuildDatasetConfig(output_dir=str(tmp_path / "out"), composed=10), **changes)
    with pytest.raises(ValueError, match=message):
        main(config)


def test_empty_folder_gives_no_examples_error(tmp_path):
    write(tmp_path / "empty" / "notes.py", "print('not an algorithm')\n")
    config = BuildDatasetConfig(
        output_dir=str(tmp_path / "out"),
        composed=0,
        user_algorithms=[str(tmp_path / "empty")],
    )
    with pytest.raises(ValueError, match="No examples.*1 not algorithm"):
        main(config)


def test_command_line_with_yaml_config_and_overrides(tmp_path):
    config = write(tmp_path / "dataset.yaml", "composed: 500\nseed: 3\nvalidation_fraction: 0.2\n")
    out = tmp_path / "out"
    args = ["--config", str(config), "--composed", "30", "--output_dir", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "lean_training.build_dataset", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    info = json.loads((out / "dataset_info.json").read_text())
    assert info["config"]["composed"] == 30 and info["config"]["seed"] == 3
    assert info["config"]["validation_fraction"] == 0.2
    assert 0 < info["counts"]["total"] <= 30
    bad = subprocess.run(
        [sys.executable, "-m", "lean_training.build_dataset", "--output_dir", str(out), "--composed", "-2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "composed must be 0 or more" in bad.stderr


def test_full_default_build(tmp_path):
    """The default configuration: at least 1500 examples from at least 12 writers, every market (about a minute)."""
    info = main(BuildDatasetConfig(output_dir=str(tmp_path / "out")))
    assert info["counts"]["total"] >= 1500
    assert len(info["counts"]["families"]) >= 12
    assert min(sum(c.values()) for c in info["counts"]["by_family"].values()) >= 20
    # Every market the generator writes is in the default dataset.
    assert set(info["counts"]["composed_by_security_type"]) >= {
        "equity", "crypto", "cryptofuture", "forex", "future", "index", "cfd", "option"
    }  # fmt: skip
    assert info["counts"]["by_split"]["validation"] > 0 and info["counts"]["by_split"]["test"] > 0


SMOLLM2 = REPO_ROOT / ".cache" / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.mark.slow
@pytest.mark.skipif(not SMOLLM2.is_file(), reason="needs .cache/models/SmolLM2-135M-Instruct.Q4_1.gguf")
def test_sft_trainer_accepts_the_splits_with_their_meta_column(small, tmp_path):
    """TRL's SFTTrainer tokenizes the files as they are (meta included), masks the prompt, and takes one step."""
    from datasets import load_dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer

    out, _, _ = small
    tokenizer = AutoTokenizer.from_pretrained(SMOLLM2.parent, gguf_file=SMOLLM2.name)
    model = AutoModelForCausalLM.from_pretrained(SMOLLM2.parent, gguf_file=SMOLLM2.name)
    # transformers marks a model loaded from GGUF as quantized, though its weights are dequantized to float.
    model.hf_quantizer, model.is_quantized = None, False
    model.config.__dict__.pop("quantization_config", None)
    data = load_dataset("json", data_files={s: str(out / f"{s}.jsonl") for s in ("train", "validation")})
    trainer = SFTTrainer(
        model=model,
        args=SFTConfig(
            output_dir=str(tmp_path),
            max_steps=1,
            per_device_train_batch_size=1,
            max_length=2048,
            report_to=[],
            use_cpu=True,
            bf16=False,
            save_strategy="no",
            loss_type="nll",
        ),
        train_dataset=data["train"].select(range(2)),
        eval_dataset=data["validation"].select(range(1)),
        processing_class=tokenizer,
        peft_config=LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", task_type="CAUSAL_LM"),
    )
    row = trainer.train_dataset[0]
    completion = data["train"][0]["completion"][0]["content"]
    trained_on = [t for t, label in zip(row["input_ids"], row["labels"], strict=True) if label != -100]
    # Only the completion is trained on (the chat template adds its end-of-turn token).
    assert tokenizer.decode(trained_on).startswith(completion)
    assert trainer.train().training_loss > 0
