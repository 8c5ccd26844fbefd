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

GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}
WEIGHT_NAMES = ("W_ih", "W_hh", "b_ih", "b_hh")


def _lstm_activations(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scale, mul, add), each (4n,), such that mul ⊙ tanh(scale ⊙ a) + add is σ on the i, f, o
    blocks and tanh on g, in one pass over all gates: σ(a) = (1 + tanh(a/2)) / 2, exact and stable."""
    sigma = np.array([0.5, 0.5, 1.0, 0.5]).repeat(n)  # 0.5 where σ, 1 where tanh (g, the third block)
    return sigma, sigma, np.where(sigma == 0.5, 0.5, 0.0)


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """h (T+1, n), c (T+1, n), gates {i, f, g, o: (T, n)} (views into one (T, 4n) array)."""
    T, n = x.shape[0], h0.shape[0]
    h, c = np.empty((T + 1, n)), np.empty((T + 1, n))
    h[0], c[0] = h0, c0
    scale, mul, add = _lstm_activations(n)
    # σ(a) = (1 + tanh(a/2)) / 2: the σ gates' rows are halved once, so one tanh serves every gate
    gi = (x @ W_ih.T + (b_ih + b_hh)) * scale          # (T, 4n): the input part of every gate at once
    W_hh_T = np.ascontiguousarray((W_hh * scale[:, None]).T)
    acts = np.empty((T, 4 * n))
    for t in range(1, T + 1):
        v = acts[t - 1]
        np.dot(h[t - 1], W_hh_T, out=v)
        v += gi[t - 1]
        np.tanh(v, out=v)
        v *= mul
        v += add                                       # v = (i, f, g, o)
        ct = c[t]
        np.multiply(v[n:2 * n], c[t - 1], out=ct)      # c_t = f ⊙ c_{t-1} ...
        ct += v[:n] * v[2 * n:3 * n]                   # ... + i ⊙ g
        np.tanh(ct, out=h[t])
        h[t] *= v[3 * n:]                              # h_t = o ⊙ tanh(c_t)
    gates = {name: acts[:, k * n:(k + 1) * n] for k, name in enumerate(GATES["lstm"])}
    return h, c, gates


def lstm_backward(dh_out, x, h, c, gates, W_ih, W_hh):
    """BPTT. dh_out (T+1, n): dL/dh_t from the read-out (row 0 unused). Returns
    (dh (T+1, n) total dL/dh_t, dc (T+1, n) total dL/dc_t, grads {W_ih, W_hh, b_ih, b_hh},
    (d_in, d_hid)): each (T, 4n), dL/d(W_ih x_t + b_ih) and dL/d(W_hh h_{t-1} + b_hh), the same here."""
    T, n = x.shape[0], h.shape[1]
    i, f, g, o = (gates[name] for name in "ifgo")
    tc = np.tanh(c[1:])
    # every step's local derivatives at once; only the recurrence below needs the loop
    through_h = o * (1.0 - tc * tc)                                   # dc_t += dh_t ⊙ this
    local = np.stack([g * i * (1.0 - i), c[:-1] * f * (1.0 - f), i * (1.0 - g * g)], axis=1)  # (T, 3, n)
    out_gate = tc * o * (1.0 - o)                                     # da_o = dh_t ⊙ this
    dh, dc = np.zeros((T + 1, n)), np.zeros((T + 1, n))
    da = np.empty((T, 4 * n))
    da_ifg = da[:, :3 * n].reshape(T, 3, n)  # a view: i's, f's and g's blocks of da
    W_hh_T = np.ascontiguousarray(W_hh.T)
    has_out = np.any(dh_out != 0, axis=1)    # steps whose h feeds a loss directly (all, or only T)
    dh[T] = dh_out[T]
    dc_next = np.zeros(n)
    for t in range(T, 0, -1):
        np.multiply(dh[t], through_h[t - 1], out=dc[t])  # through h_t = o ⊙ tanh(c_t) ...
        dc[t] += dc_next                                 # ... plus c_{t+1}'s path
        np.multiply(dc[t], local[t - 1], out=da_ifg[t - 1])   # into the pre-activations of i, f, g
        np.multiply(dh[t], out_gate[t - 1], out=da[t - 1, 3 * n:])  # into o's
        np.multiply(dc[t], f[t - 1], out=dc_next)        # backprop into c_{t-1} through f ⊙ c_{t-1}
        np.matmul(W_hh_T, da[t - 1], out=dh[t - 1])      # into h_{t-1} through every gate's W_hh rows ...
        if has_out[t - 1]:
            dh[t - 1] += dh_out[t - 1]                   # ... and the read-out's, where a loss sits
    dc[0] = dc_next
    grads = {"W_ih": da.T @ x, "W_hh": da.T @ h[:-1], "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return dh, dc, grads, (da, da)


def gru_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """h (T+1, n), gates {r, z, n: (T, n)} and hn (T, n) = W_hn h_{t-1} + b_hn, which backward needs."""
    T, n = x.shape[0], h0.shape[0]
    h = np.empty((T + 1, n))
    h[0] = h0
    gi = x @ W_ih.T + b_ih
    gi[:, :2 * n] += b_hh[:2 * n]       # r's and z's biases add; n's hidden bias sits inside r ⊙ (...)
    gi[:, :2 * n] *= 0.5                # σ(a) = (1 + tanh(a/2)) / 2 for r and z
    W_hh_T = np.array(W_hh.T, order="C")  # a copy (W_hh is the scenario's, read-only), halved for r, z
    W_hh_T[:, :2 * n] *= 0.5
    acts = np.empty((T, 3 * n))
    hn_all = np.empty((T, n))
    gh = np.empty(3 * n)
    for t in range(1, T + 1):
        np.dot(h[t - 1], W_hh_T, out=gh)
        rz = acts[t - 1, :2 * n]
        np.add(gi[t - 1, :2 * n], gh[:2 * n], out=rz)
        np.tanh(rz, out=rz)
        rz *= 0.5
        rz += 0.5                                     # r, z = σ(...)
        hn = hn_all[t - 1]
        np.add(gh[2 * n:], b_hh[2 * n:], out=hn)      # W_hn h_{t-1} + b_hn
        cand = acts[t - 1, 2 * n:]
        np.multiply(rz[:n], hn, out=cand)
        cand += gi[t - 1, 2 * n:]
        np.tanh(cand, out=cand)                       # n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        np.subtract(h[t - 1], cand, out=h[t])
        h[t] *= rz[n:]
        h[t] += cand                                  # h_t = n + z ⊙ (h_{t-1} - n)
    gates = {name: acts[:, k * n:(k + 1) * n] for k, name in enumerate(GATES["gru"])}
    return h, gates, hn_all


def gru_backward(dh_out, x, h, gates, hn, W_ih, W_hh):
    """BPTT. dh_out (T+1, n) as for lstm_backward. Returns (dh (T+1, n), grads {W_ih, W_hh, b_ih, b_hh},
    (d_in, d_hid)): each (T, 3n), dL/d(W_ih x_t + b_ih) and dL/d(W_hh h_{t-1} + b_hh) (n's hidden part
    is r ⊙ its input part)."""
    T, n = x.shape[0], h.shape[1]
    r, z, cand = gates["r"], gates["z"], gates["n"]
    # every step's local derivatives at once: da_n = dh ⊙ k_n, da_z = dh ⊙ k_z, da_r = da_n ⊙ k_r
    k_n = (1.0 - z) * (1.0 - cand * cand)          # through (1-z) ⊙ n and tanh
    k_z = (h[:-1] - cand) * z * (1.0 - z)          # through z's two terms and σ
    k_r = hn * r * (1.0 - r)                       # r multiplies W_hn h + b_hn
    dh = np.zeros((T + 1, n))
    d_in, d_hid = np.empty((T, 3 * n)), np.empty((T, 3 * n))  # into W_ih x + b_ih and W_hh h + b_hh
    W_hh_T = np.ascontiguousarray(W_hh.T)
    has_out = np.any(dh_out != 0, axis=1)
    dh[T] = dh_out[T]
    for t in range(T, 0, -1):
        da_n = dh[t] * k_n[t - 1]
        da_r = da_n * k_r[t - 1]
        da_z = dh[t] * k_z[t - 1]
        d_in[t - 1, :n], d_in[t - 1, n:2 * n], d_in[t - 1, 2 * n:] = da_r, da_z, da_n
        d_hid[t - 1, :2 * n] = d_in[t - 1, :2 * n]
        d_hid[t - 1, 2 * n:] = da_n * r[t - 1]
        np.matmul(W_hh_T, d_hid[t - 1], out=dh[t - 1])  # into h_{t-1} through every gate ...
        dh[t - 1] += dh[t] * z[t - 1]                   # ... and the z ⊙ h_{t-1} path
        if has_out[t - 1]:
            dh[t - 1] += dh_out[t - 1]
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
