"""LEAN Strategy Author training: dataset, LoRA/QLoRA fine-tuning, GGUF adapter export and evaluation.

Each stage is a module with the same shape (usage docstring, dataclass config, ``make_parser``, ``main``)
and runs as ``python -m lean_training.<stage> --config configs/<file>.yaml [--flag value ...]``; its
``__main__`` is ``lean_training.cli.run_stage``, so every stage reports errors and Ctrl-C the same way.
"""

__version__ = "0.1.0"
