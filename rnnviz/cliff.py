"""The exploding-gradient cliff of Pascanu, Mikolov & Bengio (2013), Fig. 6, and the bifurcation of Fig. 3.

One unit, no input:  x_t = w σ(x_{t-1}) + b,  x_0 = 0.5,  E = (σ(x_T) - 0.7)²,  T = 50.

Every function takes w and b as arrays of any (equal, broadcastable) shape and works on all
of them at once, so a 200 × 200 loss surface is one pass of T steps over 40 000 numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import sigmoid

X0, TARGET, T = 0.5, 0.7, 50


def loss_and_grad(w, b, T: int = T):
    """E and its gradient (dE/dw, dE/db) at every (w, b), by BPTT through the T steps."""
    w, b = np.broadcast_arrays(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
    xs = [np.full(w.shape, X0)]
    for _ in range(T):
        xs.append(w * sigmoid(xs[-1]) + b)
    s_T = sigmoid(xs[-1])
    E = (s_T - TARGET) ** 2
    dx = 2.0 * (s_T - TARGET) * s_T * (1.0 - s_T)  # dE/dx_T, through σ at the end
    dw = np.zeros(w.shape)
    db = np.zeros(w.shape)
    for t in range(T, 0, -1):
        s = sigmoid(xs[t - 1])
        dw += dx * s                    # x_t = w σ(x_{t-1}) + b: into w ...
        db += dx                        # ... and b
        dx = dx * w * s * (1.0 - s)     # backprop into x_{t-1} through w σ(·)
    return E, dw, db


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def loss_and_grad_at(w: float, b: float, T: int = T) -> tuple[float, float, float]:
    """loss_and_grad for one (w, b) in plain floats: the same BPTT, ~30× quicker than NumPy on
    scalars, for gradient descent's one point per step (tests keep the two in agreement). Each
    σ(x_{t-1}) is computed once, in the forward pass, and kept for the backward one."""
    x, ss = X0, []
    for _ in range(T):
        s = _sigmoid(x)
        ss.append(s)
        x = w * s + b
    s_T = _sigmoid(x)
    dx = 2.0 * (s_T - TARGET) * s_T * (1.0 - s_T)
    dw = db = 0.0
    for s in reversed(ss):              # s = σ(x_{t-1}), t = T .. 1
        dw += dx * s                    # x_t = w σ(x_{t-1}) + b: into w ...
        db += dx                        # ... and b
        dx = dx * w * s * (1.0 - s)     # backprop into x_{t-1} through w σ(·)
    return (s_T - TARGET) ** 2, dw, db


def surface(w_range=(0.0, 10.0), b_range=(-5.0, 0.0), points: int = 200, T: int = T):
    """(ws (P,), bs (P,), E (P_b, P_w), |grad E| (P_b, P_w)) over a grid, rows b, columns w."""
    ws = np.linspace(*w_range, points)
    bs = np.linspace(*b_range, points)
    E, dw, db = loss_and_grad(ws[None, :], bs[:, None], T)
    return ws, bs, E, np.hypot(dw, db)


@dataclass(frozen=True)
class Trajectory:
    """Gradient descent from (w0, b0): w, b, E (steps+1,) and the gradient norm before clipping
    (steps,); clipped (steps,) whether norm clipping shortened that step."""

    w: np.ndarray
    b: np.ndarray
    E: np.ndarray
    grad_norm: np.ndarray
    clipped: np.ndarray


def descend(w0: float, b0: float, lr: float, steps: int, clip: float | None = None, T: int = T) -> Trajectory:
    """Plain gradient descent on E; clip: norm clipping threshold (Pascanu et al.'s Algorithm 1) or None."""
    # in plain floats, made arrays at the end: NumPy scalars read from and written into arrays made
    # every step's arithmetic about twice as slow (7.6 -> 3.2 ms for the page's two descents)
    w, b = float(w0), float(b0)
    ws, bs, Es, norms, clipped = [w], [b], [], [], []
    for _ in range(steps):
        e, gw, gb = loss_and_grad_at(w, b, T)
        Es.append(e)
        norm = math.hypot(gw, gb)
        norms.append(norm)
        shortened = clip is not None and norm > clip
        if shortened:
            gw, gb = gw * clip / norm, gb * clip / norm
        clipped.append(shortened)
        w, b = w - lr * gw, b - lr * gb
        ws.append(w)
        bs.append(b)
    Es.append(loss_and_grad_at(w, b, T)[0])
    return Trajectory(np.array(ws), np.array(bs), np.array(Es), np.array(norms), np.array(clipped, dtype=bool))


def fixed_points(b: float, w: float = 5.0, lo: float = -20.0, hi: float = 20.0, grid: int = 4001) -> list[tuple[float, bool]]:
    """Fixed points x* = w σ(x*) + b, each with whether it attracts (|w σ'(x*)| < 1), ascending.

    Sign changes of w σ(x) + b - x on a fine grid, refined by bisection to float64 precision."""
    xs = np.linspace(lo, hi, grid)
    g = w * sigmoid(xs) + b - xs
    out = []
    for i in np.flatnonzero(np.sign(g[:-1]) * np.sign(g[1:]) <= 0):
        a, c = xs[i], xs[i + 1]
        ga = w * float(sigmoid(a)) + b - a
        for _ in range(80):
            mid = 0.5 * (a + c)
            gm = w * float(sigmoid(mid)) + b - mid
            if (gm > 0) == (ga > 0):
                a, ga = mid, gm
            else:
                c = mid
        x = 0.5 * (a + c)
        if not out or abs(x - out[-1][0]) > 1e-9:
            s = float(sigmoid(x))
            out.append((x, abs(w * s * (1 - s)) < 1.0))
    return out


def fold_points(w: float = 5.0) -> list[tuple[float, float]]:
    """The two folds (b, x*) of x = w σ(x) + b (w > 4), ascending in b: where an attractor and the
    repeller meet, w σ'(x*) = 1. At the left fold the upper pair meets, at the right the lower."""
    # w s (1 - s) = 1  =>  s = (1 ± sqrt(1 - 4/w)) / 2, x* = logit(s), b = x* - w s
    r = math.sqrt(1.0 - 4.0 / w)
    folds = []
    for s in ((1 - r) / 2, (1 + r) / 2):
        x = math.log(s / (1 - s))
        folds.append((x - w * s, x))
    return sorted(folds)


def bistable_interval(w: float = 5.0) -> tuple[float, float]:
    """The b for which x = w σ(x) + b has two attractors: between the folds where w σ'(x*) = 1."""
    (b_lo, _x_lo), (b_hi, _x_hi) = fold_points(w)
    return b_lo, b_hi