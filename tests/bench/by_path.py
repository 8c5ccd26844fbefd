"""Importing a file by its path, once per process: tests/ and tests/browser/ both hold a conftest.py,
and benchmarks load each other's helpers. (Not a benchmark: run.py runs bench_*.py only.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def load_by_path(name: str, path: Path):
    """The module in file `path`, registered as `name` (a second call returns the same module)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module
