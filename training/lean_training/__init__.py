"""LEAN Strategy Author training: dataset, LoRA/QLoRA fine-tuning, GGUF adapter export and evaluation.

Each stage is a module with the same shape (usage docstring, dataclass config, ``make_parser``, ``main``)
and runs as ``python -m lean_training.<stage> --config configs/<file>.yaml [--flag value ...]``.
"""

__version__ = "0.1.0"
