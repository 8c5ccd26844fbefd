"""The vanishing/exploding lab's computation (issue 5), uncached, medians of round-robin runs.

    python tests/bench/bench_flow.py      # this file alone
    python tests/bench/run.py flow        # through the one command

Targets: the page's computation at T = 1000, n = 64 <= 30 ms; the sweep (41 scales, T = 200,
n = 32) <= 100 ms. The page's computation is split into its parts, so the table shows where
the time goes: ||dh_T/dh_k|| needs the whole product chain, T matrix products of n×n (T·n³
multiply-adds), before any norm is taken.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (ROOT, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench_engine import median_times  # noqa: E402
from rnnviz import trace  # noqa: E402
from rnnviz.gradient_flow import FlowSettings, flow_scenario, gradient_flow, jacobian_norms, sweep  # noqa: E402

REPEATS = 11


def run():
    big = FlowSettings(T=1000, n=64)
    default = FlowSettings()
    scenario = flow_scenario(big)
    fprime = trace(scenario).fprime
    W_hh = np.array(scenario.weights["W_hh"])
    chain = lambda: _chain(fprime, W_hh)  # noqa: E731
    scales = np.linspace(0.0, 2.0, 41)
    sweep_settings = FlowSettings(T=200, n=32)
    t = median_times({
        "page": lambda: gradient_flow(big),
        "scenario": lambda: flow_scenario(big),
        "trace": lambda: trace(scenario),
        "jacobian": lambda: jacobian_norms(big, fprime),
        "chain": chain,
        "default": lambda: gradient_flow(default),
        "sweep": lambda: sweep(sweep_settings, scales),
        "sweep_default": lambda: sweep(default, np.linspace(0.0, 2.0, 41)),
    }, repeats=REPEATS, warmup=1)
    ms = {name: v * 1e3 for name, v in t.items()}
    return [
        ("lab computation T=1000 n=64 (gradient_flow, uncached)", ms["page"], "ms", "<= 30", ms["page"] <= 30),
        ("  of which building the scenario", ms["scenario"], "ms", None, None),
        ("  of which trace() (forward, BPTT, clipping)", ms["trace"], "ms", None, None),
        ("  of which ||dh_T/dh_k|| (chain + 201 eigenproblems)", ms["jacobian"], "ms", None, None),
        ("    of which the bare chain: T products of n×n, no norms", ms["chain"], "ms", None, None),
        ("lab computation, default T=50 n=32", ms["default"], "ms", None, None),
        ("sweep 41 scales × T=200 n=32 (one batched pass)", ms["sweep"], "ms", "<= 100", ms["sweep"] <= 100),
        ("sweep 41 scales, default T=50 n=32", ms["sweep_default"], "ms", None, None),
    ]


def _chain(fprime: np.ndarray, W_hh: np.ndarray) -> np.ndarray:
    """The floor under any exact ||dh_T/dh_k||: the products alone, as rnnviz.jacobian forms them."""
    n = W_hh.shape[0]
    J, tmp = np.eye(n), np.empty((n, n))
    for k in range(len(fprime) - 1, -1, -1):
        np.multiply(J, fprime[k], out=tmp)
        np.matmul(tmp, W_hh, out=J)
    return J


if __name__ == "__main__":
    from run import format_table

    print(format_table(run()))
