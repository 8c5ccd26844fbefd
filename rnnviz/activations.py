"""Hidden activations f and output functions g, with the derivatives BPTT needs.

Every function is elementwise on float64 arrays of any shape, except softmax,
which normalises along the last axis. Nothing here allocates more than its
output.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-z), accurate for large |z| (no overflow warning)."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_slope(z: np.ndarray) -> np.ndarray:
    """σ'(z) = σ(z) σ(-z): equal to σ(1 - σ), but exact where 1 - σ(z) rounds to 0."""
    return sigmoid(z) * sigmoid(-np.asarray(z, dtype=np.float64))


def softmax(o: np.ndarray) -> np.ndarray:
    """softmax along the last axis, shifted by the row maximum so exp never overflows."""
    o = np.asarray(o, dtype=np.float64)
    e = np.exp(o - o.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# Hidden activations: f(z) and f'(z) written in terms of z and h = f(z), whichever is cheaper.
# gamma = sup |f'|, the constant in Pascanu et al.'s bound ||dh_t/dh_k|| <= (lambda_1 * gamma)^(t-k).
ACTIVATIONS = {
    "tanh": dict(
        f=np.tanh,
        fprime=lambda z, h: 1.0 - h * h,
        gamma=1.0,
        latex=r"\tanh",
    ),
    "sigmoid": dict(
        f=sigmoid,
        fprime=lambda z, h: h * (1.0 - h),
        gamma=0.25,
        latex=r"\sigma",
    ),
    "relu": dict(
        f=lambda z: np.maximum(z, 0.0),
        # f'(0) taken as 0, as PyTorch does; finite differences never sit exactly on the kink.
        fprime=lambda z, h: (z > 0).astype(np.float64),
        gamma=1.0,
        latex=r"\operatorname{ReLU}",
    ),
    "linear": dict(
        f=lambda z: np.array(z, dtype=np.float64, copy=True),
        fprime=lambda z, h: np.ones_like(z),
        gamma=1.0,
        latex=r"\operatorname{id}",
    ),
}

# Output functions g: yhat = g(o), o = W_hy h + b_y the output logits.
OUTPUTS = {
    "identity": dict(g=lambda o: np.array(o, dtype=np.float64, copy=True), latex=r"\operatorname{id}"),
    "sigmoid": dict(g=sigmoid, latex=r"\sigma"),
    "softmax": dict(g=softmax, latex=r"\operatorname{softmax}"),
}


def activation_derivative(name: str, z: np.ndarray, h: np.ndarray) -> np.ndarray:
    """f'(z), given z and h = f(z) of the same shape."""
    return ACTIVATIONS[name]["fprime"](z, h)


def gamma(name: str) -> float:
    """sup over z of |f'(z)| for the hidden activation called `name`."""
    return ACTIVATIONS[name]["gamma"]


def output(name: str, o: np.ndarray) -> np.ndarray:
    """yhat = g(o) for the output function called `name`; o is (..., k)."""
    return OUTPUTS[name]["g"](o)


def output_vjp(name: str, yhat: np.ndarray, dyhat: np.ndarray) -> np.ndarray:
    """Backprop dL/dyhat through yhat = g(o) to dL/do; rows of shape (..., k)."""
    if name == "identity":
        return dyhat.copy()
    if name == "sigmoid":
        return dyhat * yhat * (1.0 - yhat)
    # softmax: J = diag(p) - p p^T, so J^T v = p * (v - p.v)
    return yhat * (dyhat - np.sum(yhat * dyhat, axis=-1, keepdims=True))
