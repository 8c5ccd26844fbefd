"""LSTM and GRU trace() against the vanilla cell's at T = 1000, n = 64 (issue 7): each within 3×.

    python tests/bench/bench_gated.py     # this file alone
    python tests/bench/run.py gated       # through the one command
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (ROOT, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench_engine import median_times  # noqa: E402
from rnnviz import trace  # noqa: E402
from rnnviz.cell_flow import CellFlowSettings, cell_scenarios  # noqa: E402


def run(T: int = 1000, n: int = 64):
    scenarios = cell_scenarios(CellFlowSettings(T=T, n=n))
    t = median_times({cell: (lambda s=s: trace(s)) for cell, s in scenarios.items()}, repeats=11, warmup=1)
    rows = [(f"trace() vanilla RNN T={T} n={n}", t["rnn"] * 1e3, "ms", None, None)]
    for cell in ("lstm", "gru"):
        ratio = t[cell] / t["rnn"]
        rows += [(f"trace() {cell.upper()} T={T} n={n}", t[cell] * 1e3, "ms", None, None),
                 (f"{cell.upper()} / vanilla", ratio, "x", "<= 3", ratio <= 3)]
    return rows


if __name__ == "__main__":
    from run import format_table

    print(format_table(run()))
