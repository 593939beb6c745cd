"""The whole pipeline on CPU, for real: a dataset slice from the product's templates, a few LoRA steps on
SmolLM2-135M-Instruct (resumed from a checkpoint), GGUF export, and `lean-author serve` loading the Q4_1 base plus
the exported adapter, whose greedy answer differs from the base's. Also the run manifest and the train stage's
errors on bad input.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lean_training.manifest import config_hash, sha256_file
from tests.conftest import REPO_ROOT

TRAINING_DIR = Path(__file__).resolve().parents[1]
CONFIG = TRAINING_DIR / "configs" / "smollm2-135m-cpu.yaml"


def run_stage(module: str, *args: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-W", "ignore", "-m", f"lean_training.{module}", *args],
        capture_output=True,
        text=True,
        cwd=TRAINING_DIR,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def dataset(built_cli, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dataset")
    run = run_stage("build_dataset", "--output_dir", str(out), "--composed", "30")
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def trained_run(dataset, smollm2, tmp_path_factory) -> Path:
    run_dir = tmp_path_factory.mktemp("run")
    common = [
        "--config", str(CONFIG), "--dataset_dir", str(dataset), "--output_dir", str(run_dir),
        "--max_train_examples", "4", "--max_eval_examples", "1", "--max_length", "768",
        "--gradient_accumulation_steps", "1", "--learning_rate", "0.003", "--warmup_steps", "0",
        "--lr_scheduler_type", "constant", "--eval_strategy", "no", "--save_strategy", "steps", "--save_steps", "2",
        "--logging_steps", "1", "--report_to", "none",
    ]  # fmt: skip
    first = run_stage("train", *common, "--max_steps", "2")
    assert first.returncode == 0, first.stderr[-3000:]
    assert (run_dir / "checkpoint-2").is_dir()
    resumed = run_stage("train", *common, "--max_steps", "3", "--resume_from_checkpoint", "true")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    return run_dir


def test_training_resumes_from_its_checkpoint(trained_run: Path):
    state = json.loads((trained_run / "checkpoint-3" / "trainer_state.json").read_text())
    assert state["global_step"] == 3
    # The resumed run did one step, not three: its log starts after step 2.
    steps = [entry["step"] for entry in state["log_history"] if "loss" in entry]
    assert steps == [1, 2, 3]


def test_manifest_records_the_run(trained_run: Path, dataset: Path, smollm2: Path):
    manifest = json.loads((trained_run / "manifest.json").read_text())
    assert manifest["config_sha256"] == config_hash(manifest["config"])
    assert manifest["config"]["train"]["lora_r"] == 16
    assert manifest["config"]["sft"]["max_steps"] == 3
    assert manifest["data"]["train"]["sha256"] == sha256_file(dataset / "train.jsonl")
    assert manifest["base_model"] == {"id": smollm2.name, "sha256": sha256_file(smollm2)}
    git = manifest["git"]
    assert git["commit"] is None or re.fullmatch(r"[0-9a-f]{40}", git["commit"])
    assert git["dirty"] in (True, False, None)
    for package in ("torch", "transformers", "peft", "trl", "gguf"):
        assert manifest["packages"][package], package
    assert manifest["seeds"]["seed"] == 42
    assert math.isfinite(manifest["metrics"]["train"]["train_loss"])
    assert (trained_run / "adapter" / "adapter_config.json").is_file()


class Server:
    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            ["node", str(REPO_ROOT / "dist" / "cli.js"), "serve", "--port", "0", "--ctx-size", "2048", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, line + self.process.stderr.read()
        self.url = match.group(1)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("lean-author serve did not become ready")
        with urllib.request.urlopen(f"{self.url}/v1/models", timeout=10) as response:
            self.model = json.loads(response.read())["data"][0]["id"]

    def complete(self, messages: list[dict], **extra) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0, "max_tokens": 48, "seed": 1, **extra}
        request = urllib.request.Request(
            f"{self.url}/v1/chat/completions",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read())["choices"][0]["message"]["content"]

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def test_exported_adapter_changes_what_the_server_generates(trained_run: Path, dataset: Path, smollm2: Path):
    export = run_stage("export_gguf", "--run_dir", str(trained_run))
    assert export.returncode == 0, export.stderr
    adapter = trained_run / "adapter.gguf"
    assert adapter.is_file()
    lines = [
        line
        for split in ("test", "validation", "train")
        for line in (dataset / f"{split}.jsonl").read_text().splitlines()
    ]
    example = json.loads(lines[0])
    server = Server("--model", str(smollm2), "--lora", str(adapter))
    try:
        with urllib.request.urlopen(f"{server.url}/lora-adapters", timeout=10) as response:
            adapters = json.loads(response.read())
        assert [a["scale"] for a in adapters] == [1]
        tuned = server.complete(example["prompt"])
        base = server.complete(example["prompt"], lora=[{"id": 0, "scale": 0}])
        tuned_again = server.complete(example["prompt"])
    finally:
        server.close()
    assert tuned == tuned_again  # greedy is deterministic, so the difference below is the adapter's
    assert tuned != base, tuned


def test_train_refuses_bad_input_before_loading_a_model(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "train.jsonl").write_text("")
    run = run_stage("train", "--config", str(CONFIG), "--dataset_dir", str(empty), "--output_dir", str(tmp_path / "o"))
    assert run.returncode == 2 and "empty" in run.stderr, run.stderr
    run = run_stage("train", "--config", str(CONFIG), "--dataset_dir", str(tmp_path / "nothing"))
    assert run.returncode == 2 and "build_dataset" in run.stderr, run.stderr
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.jsonl").write_text(json.dumps({"prompt": [], "completion": []}) + "\n")
    run = run_stage(
        "train", "--config", str(CONFIG), "--dataset_dir", str(data), "--base_model", str(tmp_path / "no-such.gguf")
    )
    assert run.returncode == 2 and "Base model file not found" in run.stderr, run.stderr
    run = run_stage(
        "train", "--config", str(CONFIG), "--dataset_dir", str(data), "--lora_target_modules", "q_proj,lm_head"
    )
    assert run.returncode == 2 and "output layer" in run.stderr, run.stderr
