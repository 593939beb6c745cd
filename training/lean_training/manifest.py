"""The reproducibility manifest written beside every trained adapter (``manifest.json``).

It records what is needed to reproduce or audit a run: git commit and dirty flag, a hash of the canonical
config, checksums of the data files, the base model, package versions, seeds, the device and the metrics.
Its own hash goes into the exported GGUF, so an adapter file can be traced back to its run.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from dataclasses import asdict, is_dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("torch", "transformers", "peft", "trl", "accelerate", "datasets", "gguf", "bitsandbytes", "numpy")


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def config_hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(config).encode()).hexdigest()


def git_state(cwd: str | Path) -> dict[str, Any]:
    """The commit of the checkout and whether it has uncommitted changes; nulls outside a git checkout."""

    def git(*args: str) -> str | None:
        try:
            run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return run.stdout.strip() if run.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain") if commit else None
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def device_info() -> dict[str, Any]:
    import torch

    info: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(), "cuda": None}
    if torch.cuda.is_available():
        info["cuda"] = {
            "version": torch.version.cuda,
            "devices": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())],
        }
    return info


def plain(value: Any) -> Any:
    """A dataclass (or TrainingArguments) as a JSON-able dict."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.loads(json.dumps(value, default=str))


def build_manifest(
    *,
    config: dict[str, Any],
    data_files: dict[str, str | Path],
    base_model: str,
    seeds: dict[str, int | None],
    metrics: dict[str, Any],
    repo_dir: str | Path,
) -> dict[str, Any]:
    base: dict[str, Any] = {"id": base_model}
    if Path(base_model).is_file():
        base["sha256"] = sha256_file(base_model)
        base["id"] = Path(base_model).name
    return {
        "schema": 1,
        "git": git_state(repo_dir),
        "config_sha256": config_hash(config),
        "config": config,
        "data": {name: {"file": Path(p).name, "sha256": sha256_file(p)} for name, p in data_files.items()},
        "base_model": base,
        "packages": package_versions(),
        "device": device_info(),
        "seeds": seeds,
        "metrics": metrics,
    }


def write_manifest(manifest: dict[str, Any], path: str | Path) -> str:
    """Writes the manifest and returns its sha256 (of the file as written)."""
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    Path(path).write_text(text)
    return hashlib.sha256(text.encode()).hexdigest()
