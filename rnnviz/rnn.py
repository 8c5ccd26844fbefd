"""The vanilla RNN cell over a whole sequence: forward and backward side by side.

    z_t = W_xh x_t + W_hh h_{t-1} + b_h      h_t = f(z_t)
    o_t = W_hy h_t + b_y                     yhat_t = g(o_t)

Axis order is time first. h has T+1 rows (h[0] = h_0, h[t] = h_t); every per-step
array (x, z, f'(z), o, yhat) has T rows, row t-1 holding step t.
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS, activation_derivative, output


def rnn_forward(x, h0, W_xh, W_hh, b_h, f: str):
    """Hidden states of the whole sequence.

    x: (T, m), h0: (n,), W_xh: (n, m), W_hh: (n, n), b_h: (n,).
    Returns h: (T+1, n) with h[0] = h0, z: (T, n) pre-activations, fprime: (T, n) = f'(z).
    """
    T, n = x.shape[0], h0.shape[0]
    xw = x @ W_xh.T + b_h  # the input part of every z_t at once: (T, n)
    h = np.empty((T + 1, n))
    z = np.empty((T, n))
    h[0] = h0
    W_hh_T = np.ascontiguousarray(W_hh.T)
    f_of = ACTIVATIONS[f]["f"]  # looked up once, not T times
    for t in range(1, T + 1):
        z[t - 1] = xw[t - 1] + h[t - 1] @ W_hh_T
        h[t] = f_of(z[t - 1])
    return h, z, activation_derivative(f, z, h[1:])


def output_forward(h, W_hy, b_y, g: str):
    """Outputs at every step. h: (T+1, n). Returns o: (T, k) logits and yhat: (T, k) = g(o)."""
    o = h[1:] @ W_hy.T + b_y
    return o, output(g, o)


def output_backward(do, h, W_hy):
    """Backprop dL/do (T, k) through o_t = W_hy h_t + b_y.

    Returns dh_out: (T+1, n), the part of dL/dh_t that comes from step t's own output
    (row 0 is zero: h_0 has no output), dW_hy: (k, n), db_y: (k,).
    """
    dh_out = np.zeros_like(h)
    dh_out[1:] = do @ W_hy          # backprop into h_t through W_hy
    dW_hy = do.T @ h[1:]            # sum_t do_t h_t^T
    db_y = do.sum(axis=0)           # sum_t do_t
    return dh_out, dW_hy, db_y


def rnn_backward(dh_out, fprime, W_hh):
    """BPTT through the recurrence, from h_T back to h_0.

    dh_out: (T+1, n) dL/dh_t from the outputs alone; fprime: (T, n) = f'(z_t); W_hh: (n, n).
    Returns dh: (T+1, n) the total dL/dh_t for t = 0..T, and dz: (T, n) = dL/dz_t.
    """
    T, n = fprime.shape
    dh = np.empty((T + 1, n))
    dz = np.empty((T, n))
    dh_next = np.zeros(n)  # dL/dh_t that arrives from step t+1 through W_hh (none after T)
    for t in range(T, 0, -1):
        dh[t] = dh_out[t] + dh_next           # h_t feeds its own output and z_{t+1}
        dz[t - 1] = dh[t] * fprime[t - 1]     # backprop through f
        dh_next = dz[t - 1] @ W_hh            # backprop through W_hh into h_{t-1} (= W_hh^T dz_t)
    dh[0] = dh_next
    return dh, dz


def rnn_param_grads(dz, x, h):
    """Totals of the recurrent parameters' gradients: each is a sum over t of a per-step term.

    dz: (T, n), x: (T, m), h: (T+1, n). Returns dW_xh (n, m), dW_hh (n, n), db_h (n,).
    """
    dW_xh = dz.T @ x                # sum_t dz_t x_t^T
    dW_hh = dz.T @ h[:-1]           # sum_t dz_t h_{t-1}^T
    db_h = dz.sum(axis=0)           # sum_t dz_t
    return dW_xh, dW_hh, db_h
