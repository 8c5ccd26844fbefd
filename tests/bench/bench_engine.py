"""Engine benchmark: rnnviz.trace() against a plain NumPy loop and PyTorch autograd.

    python tests/bench/bench_engine.py      # this file alone
    python tests/bench/run.py               # every tests/bench/bench_*.py

Every benchmark returns rows (name, value, unit, target, ok): target is a string such as
"<= 1.2" or None, ok is True/False against it, or None when there is nothing to judge.
Times are medians of REPEATS runs after a warm-up, taken with time.perf_counter.
Torch is optional (not a project dependency): without it its rows say "skipped".
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, sys.path[0] is tests/bench, not the repo
    sys.path.insert(0, str(ROOT))

from rnnviz import Scenario, hidden_jacobian_norms, trace  # noqa: E402

REPEATS = 21  # the VM this was written on swings ~2x in speed; medians of 21 hold steady
WARMUP = 2
M = K = 2  # inputs and outputs per step


def make_scenario(T: int, n: int, seed: int = 0) -> Scenario:
    """tanh / identity / mse at every step; inputs (T, M), targets (T, K), weights ~ N(0, 1/fan_in).

    W_hh is rescaled to spectral norm 0.9, so h and dh stay bounded for any T."""
    rng = np.random.default_rng(seed)
    W_hh = rng.standard_normal((n, n))
    W_hh *= 0.9 / np.linalg.norm(W_hh, 2)
    return Scenario.from_dict({
        "activation": "tanh", "output": "identity", "loss": "mse", "loss_at": "every",
        "inputs": rng.standard_normal((T, M)).tolist(),
        "targets": rng.standard_normal((T, K)).tolist(),
        "h0": (0.5 * rng.standard_normal(n)).tolist(),
        "weights": {
            "W_xh": (rng.standard_normal((n, M)) / np.sqrt(M)).tolist(),
            "W_hh": W_hh.tolist(),
            "b_h": (0.1 * rng.standard_normal(n)).tolist(),
            "W_hy": (rng.standard_normal((K, n)) / np.sqrt(n)).tolist(),
            "b_y": (0.1 * rng.standard_normal(K)).tolist(),
        },
    })


def median_times(fns: dict, repeats: int = REPEATS, warmup: int = WARMUP) -> dict:
    """name -> median wall time in seconds of fns[name]().

    Round-robin (one call of each per round) rather than one after the other, so that load
    from elsewhere on the machine drifting during the run hits every contender alike."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(ts) for name, ts in times.items()}


def check_against(tr, loss: float, grads: dict, rtol: float, label: str) -> float:
    """Raise AssertionError unless loss and every gradient match the Trace tr to rtol, relative
    and norm-wise (||got - want|| <= rtol ||want||, so tiny entries do not fail on rounding).
    A real raise, not `assert`, so it survives python -O. Returns the largest relative error."""
    errs = {"loss": abs(loss - tr.loss) / abs(tr.loss)}
    errs.update({f"d{name}": np.linalg.norm(grads[name] - w) / np.linalg.norm(w) for name, w in tr.grads.items()})
    worst = max(errs, key=errs.get)
    if not errs[worst] <= rtol:
        raise AssertionError(f"{label}: {worst} differs from trace() by {errs[worst]:.2e} relative (> {rtol:g})")
    return errs[worst]


# --- (a) the plain loop --------------------------------------------------------------------


def plain_loop(x, targets, h0, W_xh, W_hh, b_h, W_hy, b_y):
    """Forward and BPTT one step at a time, the way min-char-rnn writes it (tanh, identity, mse).

    x: (T, m), targets: (T, k), h0: (n,), weights shaped as in a Scenario.
    Returns (loss, grads) with grads name -> array shaped like the weight.
    """
    T, k = targets.shape
    hs, ys = {-1: h0}, {}
    loss = 0.0
    for t in range(T):
        hs[t] = np.tanh(W_xh @ x[t] + W_hh @ hs[t - 1] + b_h)
        ys[t] = W_hy @ hs[t] + b_y
        loss += np.mean((ys[t] - targets[t]) ** 2)
    dW_xh, dW_hh, dW_hy = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(W_hy)
    db_h, db_y = np.zeros_like(b_h), np.zeros_like(b_y)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        dy = 2.0 * (ys[t] - targets[t]) / k      # d mean_j (y_j - t_j)^2 / dy
        dW_hy += np.outer(dy, hs[t])
        db_y += dy
        dh = W_hy.T @ dy + dh_next                # from this step's output and from step t+1
        dz = (1.0 - hs[t] * hs[t]) * dh           # through tanh
        db_h += dz
        dW_xh += np.outer(dz, x[t])
        dW_hh += np.outer(dz, hs[t - 1])
        dh_next = W_hh.T @ dz
    return loss, {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h, "W_hy": dW_hy, "b_y": db_y}


def plain_args(s: Scenario) -> tuple:
    w = s.weights
    return (s.inputs, s.targets, s.h0, w["W_xh"], w["W_hh"], w["b_h"], w["W_hy"], w["b_y"])


# --- (b) PyTorch autograd ------------------------------------------------------------------


def torch_setup(s: Scenario):
    """nn.RNN + nn.Linear in float64 holding the scenario's weights; returns (step, grads).

    step() runs forward + backward once; grads() reads the gradients as NumPy arrays.
    nn.RNN adds two biases, b_ih + b_hh: b_ih = b_h and b_hh = 0 give the same z_t.
    """
    import torch

    w = s.weights
    rnn = torch.nn.RNN(s.m, s.n, nonlinearity="tanh", dtype=torch.float64)  # input (T, batch, m)
    lin = torch.nn.Linear(s.n, s.k, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(w["W_xh"]))
        rnn.weight_hh_l0.copy_(torch.tensor(w["W_hh"]))
        rnn.bias_ih_l0.copy_(torch.tensor(w["b_h"]))
        rnn.bias_hh_l0.zero_()
        lin.weight.copy_(torch.tensor(w["W_hy"]))
        lin.bias.copy_(torch.tensor(w["b_y"]))
    x = torch.from_numpy(np.array(s.inputs))[:, None, :]  # (T, 1, m): batch of one
    h0 = torch.from_numpy(np.array(s.h0))[None, None, :]  # (layers, batch, n)
    y = torch.from_numpy(np.array(s.targets))             # (T, k)
    params = [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, lin.weight, lin.bias]

    def step():
        for p in params:
            p.grad = None
        h, _ = rnn(x, h0)                                  # (T, 1, n)
        loss = ((lin(h[:, 0]) - y) ** 2).mean(dim=1).sum()  # engine's mse: mean over k, sum over t
        loss.backward()
        return loss.detach()

    def grads():
        return {"W_xh": rnn.weight_ih_l0.grad.numpy(), "W_hh": rnn.weight_hh_l0.grad.numpy(),
                "b_h": rnn.bias_ih_l0.grad.numpy(), "W_hy": lin.weight.grad.numpy(),
                "b_y": lin.bias.grad.numpy()}

    return step, grads


# --- benchmarks ----------------------------------------------------------------------------


def bench_speed(T: int = 1000, n: int = 64):
    """trace() vs the plain loop vs torch at (T, n), M = K = 2. Rows: three times, two ratios."""
    s = make_scenario(T, n)
    size = f"T={T} n={n}"
    tr = trace(s)
    err_plain = check_against(tr, *plain_loop(*plain_args(s)), 1e-10, "plain loop")  # a fair race

    fns = {"trace": lambda: trace(s), "plain": lambda: plain_loop(*plain_args(s))}
    try:
        import torch
    except ImportError as exc:  # torch is optional: report, do not fail
        torch, note = None, f"skipped: torch not importable ({type(exc).__name__})"
    if torch is not None:
        step, torch_grads = torch_setup(s)
        err_torch = check_against(tr, float(step()), torch_grads(), 1e-8, "torch")
        fns["torch"] = step
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # one thread, as the engine's per-step work runs; restored below
    try:
        t = median_times(fns)
    finally:
        if torch is not None:
            torch.set_num_threads(threads)

    ratio = t["trace"] / t["plain"]
    rows = [
        (f"trace() {size}", t["trace"] * 1e3, "ms", None, None),
        (f"plain NumPy loop {size}", t["plain"] * 1e3, "ms", None, None),
        ("trace / plain", ratio, "x", "<= 1.2", ratio <= 1.2),
        ("plain vs trace: max rel. error, loss and grads", err_plain, "", "<= 1e-10", True),
    ]
    if torch is None:
        return rows + [(f"torch autograd {size} ({note})", None, "ms", None, None),
                       (f"trace / torch ({note})", None, "x", "<= 0.5", None)]
    ratio = t["trace"] / t["torch"]
    return rows + [
        (f"torch autograd {size} (1 thread)", t["torch"] * 1e3, "ms", None, None),
        ("trace / torch", ratio, "x", "<= 0.5", ratio <= 0.5),
        ("torch vs trace: max rel. error, loss and grads", err_torch, "", "<= 1e-08", True),
    ]


def bench_memory(T: int = 1000, n: int = 128):
    """Peak memory traced while trace() runs at (T, n); the scenario is built before tracing."""
    s = make_scenario(T, n)
    trace(s)  # warm-up: first-call allocations (imports, caches) are not the engine's
    tracemalloc.start()
    try:
        trace(s)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    mb = peak / 2**20
    return [(f"trace() peak memory T={T} n={n}", mb, "MB", "< 60", mb < 60)]


def bench_jacobian(T: int = 1000, n: int = 64):
    """hidden_jacobian_norms(fprime, W_hh) at (T, n): O(T n^3) products plus T+1 SVDs. Report only."""
    s = make_scenario(T, n)
    tr = trace(s)
    t = median_times({"jac": lambda: hidden_jacobian_norms(tr.fprime, s.weights["W_hh"])}, repeats=10, warmup=1)
    return [(f"hidden_jacobian_norms T={T} n={n}", t["jac"] * 1e3, "ms", None, None)]


def run():
    """Every benchmark in this file, as one list of rows."""
    return bench_speed() + bench_memory() + bench_jacobian()


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(format_table(run()))
