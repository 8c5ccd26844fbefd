"""SGD, SGD with momentum and Adam, as written in the training page's formulas.

Each optimizer updates a list of float64 arrays in place from their gradients, step by step:

    sgd       theta <- theta - lr g
    momentum  v <- mu v + g;  theta <- theta - lr v                              (PyTorch's form)
    adam      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g²;  t <- t + 1
              m_hat = m / (1 - b1^t);  v_hat = v / (1 - b2^t)
              theta <- theta - lr m_hat / (sqrt(v_hat) + eps)                    (Kingma & Ba 2015, Alg. 1)

The tutorial's §3.2 keeps only m, divides it by (1 - b1^t) and steps by lr m_hat: that is
momentum with a bias correction, not Adam (no second moment, no per-parameter step size).
"""

from __future__ import annotations

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "adam")
DEFAULTS = {"momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}  # eps as Keras's Adam


class Optimizer:
    """Updates `params` (a list of arrays) in place; step(grads) takes the matching list."""

    def __init__(self, name: str, params: list[np.ndarray], lr: float, momentum: float = DEFAULTS["momentum"],
                 beta1: float = DEFAULTS["beta1"], beta2: float = DEFAULTS["beta2"], eps: float = DEFAULTS["eps"]):
        if name not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {name!r}")
        self.name, self.params, self.lr = name, params, lr
        self.mu, self.beta1, self.beta2, self.eps = momentum, beta1, beta2, eps
        self.t = 0
        self.m = [np.zeros_like(p) for p in params]  # momentum's v, or Adam's first moment
        self.v = [np.zeros_like(p) for p in params]  # Adam's second moment

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        if self.name == "sgd":
            for p, g in zip(self.params, grads):
                p -= self.lr * g
        elif self.name == "momentum":
            for p, g, v in zip(self.params, grads, self.m):
                v *= self.mu
                v += g
                p -= self.lr * v
        else:
            c1 = 1.0 - self.beta1 ** self.t  # bias corrections: m and v start at 0
            c2 = 1.0 - self.beta2 ** self.t
            for p, g, m, v in zip(self.params, grads, self.m, self.v):
                m *= self.beta1
                m += (1.0 - self.beta1) * g
                v *= self.beta2
                v += (1.0 - self.beta2) * g * g
                p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)

