"""LSTM and GRU cells, forward and backward side by side, in PyTorch's layout and gate order.

What torch.nn.LSTM / torch.nn.GRU document is what this computes (one layer, one sequence):

LSTM, gates (i, f, g, o) stacked in W_ih (4n, m), W_hh (4n, n), b_ih, b_hh (4n,):
    i = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)     f = σ(... f rows ...)
    g = tanh(... g rows ...)                            o = σ(... o rows ...)
    c_t = f ⊙ c_{t-1} + i ⊙ g                           h_t = o ⊙ tanh(c_t)
GRU, gates (r, z, n) stacked in W_ih (3n, m), W_hh (3n, n), b_ih, b_hh (3n,):
    r = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)     z = σ(... z rows ...)
    n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t-1} + b_hn))
    h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}

Shapes, time first: x (T, m); h (T+1, n) with h[0] = h0; c (T+1, n) (LSTM); gates name -> (T, n).
"""

from __future__ import annotations

import numpy as np

from .activations import sigmoid

GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}
WEIGHT_NAMES = ("W_ih", "W_hh", "b_ih", "b_hh")


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """h (T+1, n), c (T+1, n), gates {i, f, g, o: (T, n)}."""
    T, n = x.shape[0], h0.shape[0]
    h, c = np.empty((T + 1, n)), np.empty((T + 1, n))
    h[0], c[0] = h0, c0
    gi = x @ W_ih.T + b_ih  # (T, 4n): the input part of every gate, all steps at once
    gates = {name: np.empty((T, n)) for name in GATES["lstm"]}
    for t in range(1, T + 1):
        a = gi[t - 1] + W_hh @ h[t - 1] + b_hh
        i, f, o = sigmoid(a[:n]), sigmoid(a[n:2 * n]), sigmoid(a[3 * n:])
        g = np.tanh(a[2 * n:3 * n])
        c[t] = f * c[t - 1] + i * g
        h[t] = o * np.tanh(c[t])
        for name, v in zip("ifgo", (i, f, g, o)):
            gates[name][t - 1] = v
    return h, c, gates


def lstm_backward(dh_out, x, h, c, gates, W_ih, W_hh):
    """BPTT. dh_out (T+1, n): dL/dh_t from the read-out (row 0 unused). Returns
    (dh (T+1, n) total dL/dh_t, dc (T+1, n) total dL/dc_t, grads {W_ih, W_hh, b_ih, b_hh},
    (d_in, d_hid)): each (T, 4n), dL/d(W_ih x_t + b_ih) and dL/d(W_hh h_{t-1} + b_hh), the same here."""
    T, n = x.shape[0], h.shape[1]
    dh, dc = np.zeros((T + 1, n)), np.zeros((T + 1, n))
    da = np.empty((T, 4 * n))
    dh[T] = dh_out[T]
    dc_next = np.zeros(n)
    for t in range(T, 0, -1):
        i, f, g, o = (gates[name][t - 1] for name in "ifgo")
        tc = np.tanh(c[t])
        dc[t] = dc_next + dh[t] * o * (1.0 - tc * tc)   # through h_t = o ⊙ tanh(c_t), plus c_{t+1}'s path
        da[t - 1, :n] = dc[t] * g * i * (1.0 - i)        # into i's pre-activation
        da[t - 1, n:2 * n] = dc[t] * c[t - 1] * f * (1.0 - f)  # into f's
        da[t - 1, 2 * n:3 * n] = dc[t] * i * (1.0 - g * g)     # into g's (tanh)
        da[t - 1, 3 * n:] = dh[t] * tc * o * (1.0 - o)         # into o's
        dc_next = dc[t] * f                              # backprop into c_{t-1} through f ⊙ c_{t-1}
        dh[t - 1] = dh_out[t - 1] + W_hh.T @ da[t - 1]   # into h_{t-1} through every gate's W_hh rows
    dc[0] = dc_next
    grads = {"W_ih": da.T @ x, "W_hh": da.T @ h[:-1], "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return dh, dc, grads, (da, da)


def gru_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """h (T+1, n), gates {r, z, n: (T, n)} and hn (T, n) = W_hn h_{t-1} + b_hn, which backward needs."""
    T, n = x.shape[0], h0.shape[0]
    h = np.empty((T + 1, n))
    h[0] = h0
    gi = x @ W_ih.T + b_ih
    gates = {name: np.empty((T, n)) for name in GATES["gru"]}
    hn_all = np.empty((T, n))
    for t in range(1, T + 1):
        gh = W_hh @ h[t - 1] + b_hh
        r = sigmoid(gi[t - 1, :n] + gh[:n])
        z = sigmoid(gi[t - 1, n:2 * n] + gh[n:2 * n])
        hn = gh[2 * n:]
        cand = np.tanh(gi[t - 1, 2 * n:] + r * hn)
        h[t] = (1.0 - z) * cand + z * h[t - 1]
        gates["r"][t - 1], gates["z"][t - 1], gates["n"][t - 1], hn_all[t - 1] = r, z, cand, hn
    return h, gates, hn_all


def gru_backward(dh_out, x, h, gates, hn, W_ih, W_hh):
    """BPTT. dh_out (T+1, n) as for lstm_backward. Returns (dh (T+1, n), grads {W_ih, W_hh, b_ih, b_hh},
    (d_in, d_hid)): each (T, 3n), dL/d(W_ih x_t + b_ih) and dL/d(W_hh h_{t-1} + b_hh) (n's hidden part
    is r ⊙ its input part)."""
    T, n = x.shape[0], h.shape[1]
    dh = np.zeros((T + 1, n))
    d_in, d_hid = np.empty((T, 3 * n)), np.empty((T, 3 * n))  # into W_ih x + b_ih and W_hh h + b_hh
    dh[T] = dh_out[T]
    for t in range(T, 0, -1):
        r, z, cand = gates["r"][t - 1], gates["z"][t - 1], gates["n"][t - 1]
        dcand = dh[t] * (1.0 - z)                  # through h_t = (1-z) ⊙ n + z ⊙ h_{t-1}
        dz = dh[t] * (h[t - 1] - cand)
        da_n = dcand * (1.0 - cand * cand)         # through tanh
        da_r = da_n * hn[t - 1] * r * (1.0 - r)    # r multiplies W_hn h + b_hn
        da_z = dz * z * (1.0 - z)
        d_in[t - 1] = np.concatenate([da_r, da_z, da_n])
        d_hid[t - 1] = np.concatenate([da_r, da_z, da_n * r])
        dh[t - 1] = dh_out[t - 1] + dh[t] * z + W_hh.T @ d_hid[t - 1]   # the z ⊙ h_{t-1} path and every gate
    grads = {"W_ih": d_in.T @ x, "W_hh": d_hid.T @ h[:-1], "b_ih": d_in.sum(axis=0), "b_hh": d_hid.sum(axis=0)}
    return dh, grads, (d_in, d_hid)


def gated_forward(cell: str, x, h0, c0, w):
    """h (T+1, n), c (T+1, n) or None, gates, and what backward needs (a tuple)."""
    if cell == "lstm":
        h, c, gates = lstm_forward(x, h0, c0, w["W_ih"], w["W_hh"], w["b_ih"], w["b_hh"])
        return h, c, gates, (c,)
    h, gates, hn = gru_forward(x, h0, w["W_ih"], w["W_hh"], w["b_ih"], w["b_hh"])
    return h, None, gates, (hn,)


def gated_backward(cell: str, dh_out, x, h, gates, saved, w):
    """(dh, dc or None, grads, (d_in, d_hid)) for either cell."""
    if cell == "lstm":
        return lstm_backward(dh_out, x, h, saved[0], gates, w["W_ih"], w["W_hh"])
    dh, grads, per_step = gru_backward(dh_out, x, h, gates, saved[0], w["W_ih"], w["W_hh"])
    return dh, None, grads, per_step
