"""Per-step losses l_t, computed from the output logits o so that bce and ce stay finite.

Shapes: o, y are (S, k): S steps that carry a loss (1 for loss_at="last", T for "every"),
k outputs. Every function returns per-step values of shape (S,) or gradients (S, k).
"""

from __future__ import annotations

import numpy as np

from .activations import output, output_vjp, sigmoid

# Which output function each loss needs (None: any).
LOSS_NEEDS_OUTPUT = {"mse": None, "bce": "sigmoid", "ce": "softmax"}


def step_losses(loss: str, output_name: str, o: np.ndarray, y: np.ndarray) -> np.ndarray:
    """l_t for each row: mse = mean_j (yhat_j - y_j)^2; bce = mean_j -[y log yhat + (1-y) log(1-yhat)];
    ce = -sum_j y_j log softmax(o)_j. Returns (S,)."""
    if loss == "mse":
        return np.mean((output(output_name, o) - y) ** 2, axis=-1)
    if loss == "bce":
        # -[y log s(o) + (1-y) log(1-s(o))] = log(1+e^o) - y o, exact and overflow-free
        return np.mean(np.logaddexp(0.0, o) - y * o, axis=-1)
    # ce: log softmax(o) = o - logsumexp(o)
    m = o.max(axis=-1, keepdims=True)
    logsumexp = m + np.log(np.sum(np.exp(o - m), axis=-1, keepdims=True))
    return -np.sum(y * (o - logsumexp), axis=-1)


def loss_grad_yhat(loss: str, output_name: str, o: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dl/dyhat (S, k), the factor a learner sees first in the chain rule, from the logits o.

    bce and ce divide by yhat, which rounds to 0 or 1 for large |o|; written in terms of o
    they stay finite until e^|o| itself overflows (|o| > 709)."""
    k = o.shape[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        if loss == "mse":
            return 2.0 * (output(output_name, o) - y) / k
        if loss == "bce":
            # (yhat - y) / (yhat (1 - yhat)) with 1 / (s(o) s(-o)) = 2 + e^o + e^-o
            return (sigmoid(o) - y) * (2.0 + np.exp(o) + np.exp(-o)) / k
        # ce: -y_j / softmax(o)_j = -y_j e^(logsumexp(o) - o_j)
        m = o.max(axis=-1, keepdims=True)
        logsumexp = m + np.log(np.sum(np.exp(o - m), axis=-1, keepdims=True))
        return -y * np.exp(logsumexp - o)


def loss_grad_logits(loss: str, output_name: str, o: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dl/do (S, k), through g, computed stably from the logits."""
    k = o.shape[-1]
    if loss == "mse":
        yhat = output(output_name, o)
        return output_vjp(output_name, yhat, 2.0 * (yhat - y) / k)
    if loss == "bce":
        return (sigmoid(o) - y) / k  # the 1/(yhat(1-yhat)) of dl/dyhat cancels sigma'
    p = output("softmax", o)
    return p * np.sum(y, axis=-1, keepdims=True) - y  # = p - y when y sums to 1
