"""A stack of 1–3 recurrent layers and a dense read-out, batched, with BPTT through every layer.

    h^0_t = x_t
    h^l_t = f(W_xh^l h^{l-1}_t + W_hh^l h^l_{t-1} + b_h^l)     l = 1..L, h^l_0 = 0
    o     = W_hy h^L_T + b_y,   yhat = g(o)                   (one output per sequence, at t = T)

Keras's SimpleRNN(..., return_sequences=True) feeding the next SimpleRNN, then Dense, is this
model (Keras stores the transposes: kernel = W_xh^T, recurrent_kernel = W_hh^T).

Shapes, time first: x (T, B, m); h^l (T+1, B, n_l); y (B, k). params: {"layers": [{"W_xh"
(n_l, n_{l-1}), "W_hh" (n_l, n_l), "b_h" (n_l,)}, ...], "W_hy" (k, n_L), "b_y" (k,)}.
Losses are means over the batch: "bce" (g = sigmoid, computed from the logits) or "mse" (g = identity).
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS, sigmoid

LOSSES = ("bce", "mse")


def init_params(sizes: list[int], m: int, k: int, rng: np.random.Generator, init: str = "keras") -> dict:
    """Parameters for layers of sizes[l] units on m inputs, k outputs.

    init "keras": Keras's defaults, glorot-uniform kernels (W_xh, W_hy), orthogonal recurrent
    matrices (W_hh), zero biases. init "small": every weight N(0, 0.1²), zero biases."""
    def glorot(rows, cols):
        limit = np.sqrt(6.0 / (rows + cols))
        return rng.uniform(-limit, limit, size=(rows, cols))

    def orthogonal(n):
        q, r = np.linalg.qr(rng.standard_normal((n, n)))
        return q * np.where(np.diag(r) < 0, -1.0, 1.0)

    layers, fan_in = [], m
    for n in sizes:
        if init == "keras":
            layer = {"W_xh": glorot(n, fan_in), "W_hh": orthogonal(n), "b_h": np.zeros(n)}
        elif init == "small":
            layer = {"W_xh": 0.1 * rng.standard_normal((n, fan_in)), "W_hh": 0.1 * rng.standard_normal((n, n)),
                     "b_h": np.zeros(n)}
        else:
            raise ValueError(f"init must be 'keras' or 'small', got {init!r}")
        layers.append(layer)
        fan_in = n
    W_hy = glorot(k, fan_in) if init == "keras" else 0.1 * rng.standard_normal((k, fan_in))
    return {"layers": layers, "W_hy": W_hy, "b_y": np.zeros(k)}


def forward(params: dict, x: np.ndarray, f: str, loss: str, y: np.ndarray):
    """Loss (mean over the batch) and what backward needs. x (T, B, m), y (B, k)."""
    act = ACTIVATIONS[f]
    T, B, _ = x.shape
    inputs, hs, fprimes = x, [], []
    for layer in params["layers"]:
        n = layer["W_hh"].shape[0]
        h = np.zeros((T + 1, B, n))
        fp = np.empty((T, B, n))
        drive = inputs @ layer["W_xh"].T + layer["b_h"]  # (T, B, n): W_xh h^{l-1}_t + b_h for every t at once
        for t in range(1, T + 1):
            z = drive[t - 1] + h[t - 1] @ layer["W_hh"].T
            h[t] = act["f"](z)
            fp[t - 1] = act["fprime"](z, h[t])
        hs.append(h)
        fprimes.append(fp)
        inputs = h[1:]
    o = hs[-1][T] @ params["W_hy"].T + params["b_y"]  # (B, k)
    if loss == "bce":
        yhat = sigmoid(o)
        # mean over batch and outputs of -[y log s(o) + (1-y) log(1-s(o))], stable in o
        value = float(np.mean(np.maximum(o, 0) - o * y + np.log1p(np.exp(-np.abs(o)))))
        do = (yhat - y) / o.size
    elif loss == "mse":
        yhat = o
        value = float(np.mean((o - y) ** 2))
        do = 2.0 * (o - y) / o.size
    else:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    return value, yhat, {"x": x, "hs": hs, "fprimes": fprimes, "do": do}


def backward(params: dict, cache: dict) -> dict:
    """Gradients of the loss, shaped like params (BPTT through every layer, top layer first)."""
    x, hs, fprimes, do = cache["x"], cache["hs"], cache["fprimes"], cache["do"]
    T = x.shape[0]
    grads = {"W_hy": do.T @ hs[-1][T], "b_y": do.sum(axis=0), "layers": [None] * len(hs)}
    dh_above = np.zeros_like(hs[-1][1:])     # dL/dh^L_t from above, t = 1..T: only the read-out, at T
    dh_above[T - 1] = do @ params["W_hy"]    # backprop into h^L_T through the read-out
    for l in range(len(hs) - 1, -1, -1):
        layer, h, fp = params["layers"][l], hs[l], fprimes[l]
        below = x if l == 0 else hs[l - 1][1:]
        dz = np.empty_like(fp)
        dh_next = np.zeros_like(h[0])          # dL/dh^l_t through the recurrence, from step t+1
        for t in range(T, 0, -1):
            dh = dh_above[t - 1] + dh_next
            dz[t - 1] = fp[t - 1] * dh                 # backprop through f
            dh_next = dz[t - 1] @ layer["W_hh"]        # backprop into h^l_{t-1} through W_hh
        grads["layers"][l] = {
            "W_xh": np.einsum("tbi,tbj->ij", dz, below),      # sum over t and batch of dz_t h^{l-1}_t^T
            "W_hh": np.einsum("tbi,tbj->ij", dz, h[:-1]),     # sum of dz_t h^l_{t-1}^T
            "b_h": dz.sum(axis=(0, 1)),
        }
        dh_above = dz @ layer["W_xh"]          # backprop into the layer below, every t at once
    return grads


def flatten(tree: dict) -> list[tuple[str, np.ndarray]]:
    """(name, array) for every parameter, named as the page writes them: W_hh^2, b_y, ..."""
    out = [(f"{name}^{l + 1}", a) for l, layer in enumerate(tree["layers"]) for name, a in layer.items()]
    return out + [("W_hy", tree["W_hy"]), ("b_y", tree["b_y"])]


def packed(params: dict) -> tuple[np.ndarray, dict]:
    """(flat, views): every parameter copied into one float64 vector, and params rebuilt as views of it.

    An optimizer then updates the whole model with a handful of array operations instead of a
    handful per parameter (on the tutorial's tiny model that overhead was most of a run), and
    the views see every update. flat's order is flatten's; flat_gradient(grads) matches it."""
    arrays = [a for _name, a in flatten(params)]
    flat = np.concatenate([np.ravel(a) for a in arrays]).astype(np.float64)
    views, start = [], 0
    for a in arrays:
        views.append(flat[start:start + a.size].reshape(a.shape))
        start += a.size
    return flat, unflatten(views, params)


def flat_gradient(grads: dict) -> np.ndarray:
    """backward's gradients as one vector, in packed's order."""
    return np.concatenate([np.ravel(g) for _name, g in flatten(grads)])


def unflatten(arrays: list[np.ndarray], like: dict) -> dict:
    """The inverse of flatten's arrays, shaped like `like`."""
    it = iter(arrays)
    layers = [{name: next(it) for name in layer} for layer in like["layers"]]
    return {"layers": layers, "W_hy": next(it), "b_y": next(it)}
