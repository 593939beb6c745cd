"""``run_stage``, every stage's ``__main__``: how a stage ends is the same for all of them.

A ValueError prints ``<stage>: <message>`` and the problem line that the extension's problem matcher (the regexp in
the repository's package.json) reads, and exits 2; Ctrl-C prints ``<stage>: cancelled.`` and exits 130; success
returns. Checked on ``run_stage`` itself and on the real stage commands, each run as ``python -m`` with bad input.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lean_training.cli import make_stage_parser, run_stage
from tests.conftest import REPO_ROOT

TRAINING_DIR = Path(__file__).resolve().parents[1]


def problem_pattern() -> re.Pattern[str]:
    """The ``$lean-training-python`` problem matcher's regexp, read from package.json."""
    package = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    (matcher,) = [m for m in package["contributes"]["problemMatchers"] if m["name"] == "lean-training-python"]
    pattern = matcher["pattern"]
    assert (pattern["file"], pattern["line"], pattern["message"]) == (1, 2, 4)
    return re.compile(pattern["regexp"])


def problems(stderr: str) -> list[re.Match[str]]:
    pattern = problem_pattern()
    return [m for m in map(pattern.match, stderr.splitlines()) if m]


def assert_problem_at_raise(stderr: str, file_name: str, message: str) -> None:
    """Exactly one problem line; it names the ValueError, its message, and the file and line that raised it."""
    found = problems(stderr)
    assert len(found) == 1, stderr
    file, line, kind, text = found[0].groups()
    assert Path(file).is_absolute() and Path(file).name == file_name, file
    assert kind == "ValueError"
    assert text.startswith(message), text
    source = Path(file).read_text(encoding="utf-8").splitlines()
    # The line the traceback names is the `raise ValueError(` statement (or, for a multi-line call, within it).
    assert any("raise ValueError" in source[i] for i in range(int(line) - 3, int(line))), source[int(line) - 1]


# run_stage itself, with a real TrlParser on a small config.


@dataclass
class DemoConfig:
    steps: int = field(default=1, metadata={"help": "Steps."})
    name: str = field(default="demo", metadata={"help": "A name."})


def demo_parser():
    return make_stage_parser(DemoConfig, prog="demo")


def test_success_returns_with_the_parsed_config(tmp_path):
    config_file = tmp_path / "demo.yaml"
    config_file.write_text("steps: 5\nname: from-file\n")
    seen = []
    result = run_stage("demo", demo_parser, seen.append, ["--config", str(config_file), "--steps", "7"])
    assert result is None
    assert seen == [DemoConfig(steps=7, name="from-file")]


def test_value_error_prints_the_stage_message_and_problem_line_and_exits_2(capsys):
    def main(config: DemoConfig) -> None:
        raise ValueError(f"steps must be positive, not {config.steps}.\nPass --steps 1 or more.")

    with pytest.raises(SystemExit) as exited:
        run_stage("demo", demo_parser, main, ["--steps", "-4"])
    assert exited.value.code == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("demo: steps must be positive, not -4.\nPass --steps 1 or more.\n")
    assert_problem_at_raise(stderr, Path(__file__).name, "steps must be positive, not -4. Pass --steps 1 or more.")


def test_ctrl_c_prints_cancelled_and_exits_130(capsys):
    def main(config: DemoConfig) -> None:
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as exited:
        run_stage("demo", demo_parser, main, [])
    assert exited.value.code == 130
    stderr = capsys.readouterr().err
    assert stderr == "demo: cancelled.\n"


def test_ctrl_c_while_the_parser_loads_is_cancelled_too(capsys):
    def slow_parser():
        raise KeyboardInterrupt  # Ctrl-C during the seconds `import trl` takes

    with pytest.raises(SystemExit) as exited:
        run_stage("demo", slow_parser, lambda config: None, [])
    assert exited.value.code == 130
    assert capsys.readouterr().err == "demo: cancelled.\n"


def test_other_errors_are_not_turned_into_exit_2():
    def main(config: DemoConfig) -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        run_stage("demo", demo_parser, main, [])


def test_a_bad_flag_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        run_stage("demo", demo_parser, lambda config: None, ["--steps", "many"])
    assert exited.value.code == 2
    assert "usage: demo" in capsys.readouterr().err


def test_an_unknown_flag_is_reported_like_bad_input(capsys):
    """The parser refuses unknown flags with a ValueError: the stage's message, a problem line, exit 2."""
    with pytest.raises(SystemExit) as exited:
        run_stage("demo", demo_parser, lambda config: None, ["--stpes", "3"])
    assert exited.value.code == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("demo: ") and "--stpes" in stderr.splitlines()[0]
    assert len(problems(stderr)) == 1


# The real stage commands.


def run_module(module: str, *args: str, cwd: Path = TRAINING_DIR, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-W", "ignore", "-m", f"lean_training.{module}", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def bench_work_dir(tmp_path: Path) -> Path:
    """A bench folder whose dataset, training and export look done, so bench goes straight to evaluate."""
    work = tmp_path / "bench"
    for done in ("dataset/test.jsonl", "run/adapter/adapter_model.safetensors", "run/adapter.gguf"):
        (work / done).parent.mkdir(parents=True, exist_ok=True)
        (work / done).write_text("")
    return work


@pytest.mark.parametrize(
    ("stage", "args", "raised_in", "message"),
    [
        (
            "build_dataset",
            lambda tmp: ["--output_dir", str(tmp / "out"), "--test_fraction", "2"],
            "build_dataset.py",
            "validation_fraction and test_fraction must each be at least 0 and below 1.",
        ),
        (
            "train",
            lambda tmp: [
                *("--config", str(TRAINING_DIR / "configs" / "smollm2-135m-cpu.yaml")),
                *("--dataset_dir", str(tmp / "no-data"), "--output_dir", str(tmp / "run")),
            ],
            "train.py",
            "No train.jsonl in ",
        ),
        ("export_gguf", lambda tmp: [], "export_gguf.py", "Pass --run_dir (a train run's folder) or --adapter_dir"),
        ("evaluate", lambda tmp: ["--limit", "0"], "evaluate.py", "limit must be at least 1"),
        # bench's evaluate step checks its settings: the error comes from evaluate.py, reported by bench.
        (
            "bench",
            lambda tmp: ["--work_dir", str(bench_work_dir(tmp)), "--repair_rounds", "-1"],
            "evaluate.py",
            "repair_rounds must be 0 or more",
        ),
    ],
    ids=["build_dataset", "train", "export_gguf", "evaluate", "bench"],
)
def test_stage_command_reports_a_value_error_with_a_problem_line_and_exits_2(
    tmp_path, stage, args, raised_in, message
):
    run = run_module(stage, *args(tmp_path), cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert f"\n{stage}: {message}" in f"\n{run.stderr}", run.stderr
    assert_problem_at_raise(run.stderr, raised_in, message)


def test_stage_command_ctrl_c_prints_cancelled_and_exits_130(tmp_path):
    """Ctrl-C in a terminal interrupts the whole process group: here build_dataset while its lean-author runs."""
    started = tmp_path / "lean-author-started"
    slow = tmp_path / "slow_lean_author.py"
    slow.write_text(
        "import pathlib, sys, time\npathlib.Path(sys.argv[1]).write_text('')\ntime.sleep(120)\n", encoding="utf-8"
    )
    lean_author = shlex.join([sys.executable, str(slow), str(started)])
    process = subprocess.Popen(
        [sys.executable, "-W", "ignore", "-m", "lean_training.build_dataset"]
        + ["--output_dir", str(tmp_path / "out"), "--lean_author", lean_author],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "build_dataset never started lean-author"
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert stderr.endswith("build_dataset: cancelled.\n"), stderr
    assert "Traceback" not in stderr and not problems(stderr)
