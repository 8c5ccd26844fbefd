"""Vanishing and exploding gradients: one network driven by a few knobs, measured against the theory.

Pascanu, Mikolov & Bengio (2013): with h_t = f(W_hh h_{t-1} + W_xh x_t + b_h),

    ||dh_T/dh_k|| <= (lambda_1 * gamma)^(T-k)

lambda_1 the largest singular value of W_hh, gamma = sup |f'|. Below 1 the gradient from step T
reaching step k vanishes exponentially (guaranteed); above 1 it may explode (possible, not certain).

The network: m = 1 input, n hidden units, k = 1 output, MSE against the target 1 at the last step
only (so dL/dh_k = (dh_T/dh_k)^T dL/dh_T, the long-range path alone). Every random number comes from
np.random.default_rng(seed), drawn in a fixed order, so changing the matrix kind or the scale keeps
the inputs and the read-out. Time first: k = 0..T indexes h_0..h_T.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .clipping import ClipResult
from .jacobian import from_log10, log10_jacobian_norms
from .scenario import Scenario
from .tracing import Trace, trace

MATRICES = ("identity", "orthogonal", "gaussian")  # W_hh = scale · (I | Q | G / sigma_1(G))
INPUTS = ("random", "constant", "zeros")
CLIPS = ("none", "norm", "value")
TARGET = 1.0
_RESCALE = 8  # steps between renormalisations of the swept gradient
JACOBIAN_POINTS = 201  # ||dh_T/dh_k|| at most at this many k (all of them up to T = 200): an SVD each


@dataclass(frozen=True)
class FlowSettings:
    """The lab's settings (hashable, so a page caches on them). scale is lambda_1, the largest
    singular value of W_hh, for every matrix kind."""

    T: int = 50
    n: int = 32
    f: str = "tanh"
    matrix: str = "orthogonal"
    scale: float = 1.0
    input_scale: float = 0.1  # small drive: tanh stays near its linear part, so lambda_1 alone decides
    inputs: str = "random"
    seed: int = 0
    clip: str = "norm"
    theta: float = 1.0


def unit_matrix(kind: str, G: np.ndarray) -> np.ndarray:
    """W_hh / scale: a matrix whose largest singular value is 1, built from the Gaussian draw G (n, n)."""
    n = G.shape[0]
    if kind == "identity":
        return np.eye(n)
    if kind == "orthogonal":
        Q, R = np.linalg.qr(G)
        return Q * np.where(np.diag(R) < 0, -1.0, 1.0)  # sign fix: Haar-distributed
    if kind == "gaussian":
        return G / np.linalg.norm(G, 2)
    raise ValueError(f"matrix must be one of {', '.join(MATRICES)}, got {kind!r}")


def _draws(s: FlowSettings) -> dict:
    """Every random number of the network, in a fixed order: matrix, W_xh, W_hy, h_0, inputs."""
    rng = np.random.default_rng(s.seed)
    G = rng.standard_normal((s.n, s.n))
    W_xh = s.input_scale * rng.standard_normal((s.n, 1))
    W_hy = rng.standard_normal((1, s.n)) / math.sqrt(s.n)
    h0 = rng.standard_normal(s.n) / math.sqrt(s.n)
    noise = rng.standard_normal((s.T, 1))
    x = {"random": noise, "constant": np.ones((s.T, 1)), "zeros": np.zeros((s.T, 1))}[s.inputs]
    return dict(W_unit=unit_matrix(s.matrix, G), W_xh=W_xh, W_hy=W_hy, h0=h0, x=x)


def flow_scenario(s: FlowSettings) -> Scenario:
    """The lab's network as a Scenario (traceable, exportable like any other)."""
    d = _draws(s)
    clip = None if s.clip == "none" else {"mode": s.clip, "threshold": s.theta}
    return Scenario.from_dict({
        "activation": s.f, "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": d["x"].tolist(), "targets": [[TARGET]], "h0": d["h0"].tolist(),
        "weights": {"W_xh": d["W_xh"].tolist(), "W_hh": (s.scale * d["W_unit"]).tolist(),
                    "b_h": [0.0] * s.n, "W_hy": d["W_hy"].tolist(), "b_y": [0.0]},
        "clip": clip,
    })


def power_bound(base: float, lags: np.ndarray) -> np.ndarray:
    """base^lag for each lag, inf where it exceeds float64 (never an overflow warning)."""
    if base == 0.0:
        return np.where(lags == 0, 1.0, 0.0)
    with np.errstate(over="ignore"):
        return np.exp(np.asarray(lags, dtype=np.float64) * math.log(base))


@dataclass(frozen=True, eq=False)
class Flow:
    """What the lab shows. Arrays over k = 0..T (T+1,) unless said:

    jacobian ||dh_T/dh_k|| (spectral) at the steps jacobian_k (ascending; every k up to T = 200),
    jacobian_log10 its log10 (finite past float64); bound (lambda_1 gamma)^(T-k); dh_norms ||dL/dh_k||;
    dh_bound ||dL/dh_T|| (lambda_1 gamma)^(T-k); log10_ratio log10(||dL/dh_k|| / ||dL/dh_T||), kept
    in decades so it stays defined past float64 (sweep's pass for this one lambda_1); terms (T,) ||dz_t h_{t-1}^T||, step t's term in
    dL/dW_hh, t = 1..T; inf where a value left float64's range, nan where it is undefined.
    regime: "vanishing" (lambda_1 gamma < 1), "exploding" (> 1) or "boundary" (= 1).
    """

    settings: FlowSettings
    trace: Trace
    lambda_1: float
    gamma: float
    jacobian_k: np.ndarray
    jacobian_log10: np.ndarray
    jacobian: np.ndarray
    bound: np.ndarray
    dh_norms: np.ndarray
    dh_bound: np.ndarray
    terms: np.ndarray
    log10_ratio: np.ndarray

    @property
    def rate(self) -> float:
        return self.lambda_1 * self.gamma

    @property
    def regime(self) -> str:
        if math.isclose(self.rate, 1.0, rel_tol=1e-12):
            return "boundary"
        return "vanishing" if self.rate < 1.0 else "exploding"

    @property
    def clip(self) -> ClipResult | None:
        return self.trace.clip

    @property
    def early_share(self) -> float:
        """The first half's part (t <= T/2) of the summed term norms in dL/dW_hh, in [0, 1];
        nan when the terms are all zero or not finite. Norm clipping multiplies every term by
        the same factor, so it leaves this share exactly as it was."""
        total = float(np.sum(self.terms))
        if not (math.isfinite(total) and total > 0):
            return math.nan
        return float(np.sum(self.terms[: self.settings.T // 2])) / total


def _vector_norms(a: np.ndarray) -> np.ndarray:
    """Row norms, scaled first so entries near 1e200 do not overflow their squares; inf/nan kept."""
    with np.errstate(all="ignore"):
        big = np.max(np.abs(a), axis=1)
        safe = np.where(np.isfinite(big) & (big > 0), big, 1.0)
        norms = big * np.sqrt(np.sum(np.square(a / safe[:, None]), axis=1))
    return np.where(np.isfinite(big), norms, big)


def jacobian_norms(s: FlowSettings, fprime: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(ks ascending, log10 ||dh_T/dh_k||, spectral) at every k up to T = 200, else at evenly spaced
    k (every ceil(T/200)-th, and k = 0). O(T·n³), the lab's costliest part, and independent of
    clipping (a page caches it on the settings without clip and theta). fprime: the trace's, if at hand."""
    scenario = flow_scenario(s)
    if fprime is None:
        fprime = trace(scenario).fprime
    every = max(1, math.ceil(s.T / (JACOBIAN_POINTS - 1)))
    ks, log10_spectral, _ = log10_jacobian_norms(fprime, scenario.weights["W_hh"], every=every)
    return ks[::-1].copy(), log10_spectral[::-1].copy()


def gradient_flow(s: FlowSettings, jacobian: tuple | None = None) -> Flow:
    """Trace the lab's network and measure every gradient the page draws (see Flow).

    jacobian: jacobian_norms(s) if already at hand (it does not depend on clip or theta)."""
    scenario = flow_scenario(s)
    tr = trace(scenario)
    W_hh = scenario.weights["W_hh"]
    lambda_1 = float(np.linalg.norm(W_hh, 2))
    gamma = ACTIVATIONS[s.f]["gamma"]
    lags = np.arange(s.T, -1, -1)  # T - k for k = 0..T
    bound = power_bound(lambda_1 * gamma, lags)
    jacobian_k, jacobian_log10 = jacobian if jacobian is not None else jacobian_norms(s, tr.fprime)
    dh_norms = _vector_norms(tr.dh)
    with np.errstate(all="ignore"):
        dh_bound = dh_norms[-1] * bound
        terms = _vector_norms(tr.dz) * _vector_norms(tr.h[:-1])  # ||a b^T||_F = ||a|| ||b||
    log10_ratio = log10_backward(tr.fprime[:, None, :], W_hh, np.ones(1), scenario.weights["W_hy"][0])[0][::-1]
    return Flow(s, tr, lambda_1, gamma, jacobian_k, jacobian_log10, from_log10(jacobian_log10), bound,
                dh_norms, dh_bound, terms, log10_ratio)


def log10_backward(fprime: np.ndarray, U: np.ndarray, scales: np.ndarray, w: np.ndarray) -> np.ndarray:
    """log10(||J_k^T w|| / ||w||) for J_k = dh_T/dh_k of the networks W_hh = scale · U, by lag T - k.

    fprime: (T, S, n), row t-1 holding f'(z_t) of network s; U: (n, n); scales: (S,); w: (n,).
    Returns (S, T+1), column = lag 0..T: BPTT of w, renormalised every _RESCALE steps with the
    log kept, so ratios far past float64's range stay finite numbers of decades; -inf where the
    gradient became exactly 0, nan where f' was not finite."""
    T, S, n = fprime.shape
    norms = np.empty((T + 1, S))
    offsets = np.zeros((T + 1, S))  # log10 of the rescaling applied before each lag
    dh = np.broadcast_to(w / np.linalg.norm(w), (S, n))
    norms[0] = 1.0
    acc = np.zeros(S)
    with np.errstate(all="ignore"):
        for lag in range(1, T + 1):
            # dL/dh_{t-1} = W_hh^T (f'(z_t) ⊙ dL/dh_t) with t = T - lag + 1, f'(z_t) in row t-1
            dh = scales[:, None] * ((fprime[T - lag] * dh) @ U)
            norm = np.sqrt(np.einsum("si,si->s", dh, dh))
            norms[lag] = norm
            offsets[lag] = acc
            if lag % _RESCALE == 0:  # growth per step <= scale·gamma <= 8: 8 steps stay in range
                live = np.isfinite(norm) & (norm > 0)
                dh = dh / np.where(live, norm, 1.0)[:, None]
                acc = acc + np.where(live, np.log10(np.where(live, norm, 1.0)), 0.0)
        return (np.log10(norms) + offsets).T


def sweep(s: FlowSettings, scales: np.ndarray) -> np.ndarray:
    """log10(||dL/dh_{T-lag}|| / ||dL/dh_T||) for every scale (lambda_1) and lag, in one batched pass.

    The same network as gradient_flow(s) but for W_hh = scale · unit_matrix; no clipping (it does
    not change dL/dh). scales: (S,). Returns (S, T+1) as log10_backward does.

    dL/dh_T = W_hy^T dL/do_T = 2 (yhat - TARGET) W_hy^T: its length cancels in the ratio, and so does
    its sign (||J^T (-w)|| = ||J^T w||), so the pass starts from W_hy^T itself. The ratio then stays
    defined where yhat overflowed (linear, lambda_1 > 1, long T): only f'(z) enters.
    The scales must not exceed 8/gamma (one step grows the gradient at most scale·gamma times).
    """
    d = _draws(s)
    act = ACTIVATIONS[s.f]
    scales = np.asarray(scales, dtype=np.float64)
    S, n, T = len(scales), s.n, s.T
    U = d["W_unit"]
    fprime = np.empty((T, S, n))
    with np.errstate(all="ignore"):
        # forward, all scales at once: h (S, n); W_hh h = scale · (U h)
        h = np.broadcast_to(d["h0"], (S, n)).copy()
        drive = d["x"] @ d["W_xh"].T  # (T, n): W_xh x_t, the same for every scale
        for t in range(T):
            z = scales[:, None] * (h @ U.T) + drive[t]
            h = act["f"](z)
            fprime[t] = act["fprime"](z, h)
    return log10_backward(fprime, U, scales, d["W_hy"][0])
