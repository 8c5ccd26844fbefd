"""How much h_T depends on each earlier state: ||dh_T/dh_k|| for k = 0..T.

    dh_T/dh_k = prod_{t=T}^{k+1} diag(f'(z_t)) W_hh        (n × n; the identity for k = T)

Built from k = T down, one product per step: O(T·n³), plus one SVD per norm taken. The product
is kept rescaled (its largest entry 1) with the scale's logarithm aside, so it neither overflows
nor underflows: norms come out as log10 and stay exact far past float64's range. `trace` does not
compute any of this; pages that plot vanishing and exploding gradients call it on their own.
"""

from __future__ import annotations

import math

import numpy as np

_CHUNK = 64     # Jacobians held at once for a batched SVD: memory O(64·n²), not O(T·n²)
_RESCALE = 8    # steps between rescalings: |entries| <= 128·1e6 per step keeps 8 steps in range
LOG10_MAX = math.log10(np.finfo(np.float64).max)


def _log10_norms(stack: np.ndarray):
    """log10 of the spectral and Frobenius norms of each (n, n) matrix in stack (-inf for zero).

    Both from the Gram matrix J J^T: its largest eigenvalue is sigma_1², its trace ||J||_F².
    A symmetric eigensolver gets the largest eigenvalue to relative float64 precision, so sigma_1
    too, and measured here it is 1.4–1.6× quicker than an SVD of J for these sizes."""
    gram = stack @ stack.transpose(0, 2, 1)
    with np.errstate(divide="ignore"):
        spectral = 0.5 * np.log10(np.maximum(np.linalg.eigvalsh(gram)[:, -1], 0.0))
        frobenius = 0.5 * np.log10(np.trace(gram, axis1=1, axis2=2))
    return spectral, frobenius


def log10_jacobian_norms(fprime: np.ndarray, W_hh: np.ndarray, every: int = 1):
    """log10 of the spectral and Frobenius norms of dh_T/dh_k, at k = T, T-every, ..., and 0.

    fprime: (T, n), row t-1 holding f'(z_t) (a Trace's `fprime`); W_hh: (n, n).
    Returns (ks, spectral, frobenius): ks descending from T, ending at 0; -inf where the product
    is exactly zero; nan from the last step whose f'(z) is not finite back (the forward pass
    overflowed there, so the product is undefined).
    """
    T, n = fprime.shape
    ks = sorted(set(range(T, -1, -every)) | {0}, reverse=True)
    spectral = np.full(len(ks), np.nan)
    frobenius = np.full(len(ks), np.nan)
    bad = np.flatnonzero(~np.all(np.isfinite(fprime), axis=1))
    first_defined = bad[-1] + 1 if bad.size else 0  # dh_T/dh_k needs f'(z_{k+1}) .. f'(z_T)
    J, tmp, log_scale = np.eye(n), np.empty((n, n)), 0.0
    buf, buf_logs, buf_rows = [], [], []
    row = 0
    for k in range(T, first_defined - 1, -1):
        if k < T:
            np.multiply(J, fprime[k], out=tmp)  # dh_T/dh_k = dh_T/dh_{k+1} · diag(f'(z_{k+1})) W_hh
            np.matmul(tmp, W_hh, out=J)
            if (T - k) % _RESCALE == 0:
                big = float(np.abs(J).max())
                if big == 0.0:  # exactly zero from here back (ReLU units all off, or W_hh = 0)
                    rest = [r for r in range(row, len(ks)) if ks[r] >= first_defined]
                    spectral[rest] = frobenius[rest] = -np.inf
                    break
                J *= 1.0 / big
                log_scale += math.log10(big)
        if k == ks[row]:
            buf.append(J.copy())
            buf_logs.append(log_scale)
            buf_rows.append(row)
            row += 1
        if len(buf) == _CHUNK or (buf and k == first_defined):
            s, f = _log10_norms(np.stack(buf))
            spectral[buf_rows] = s + buf_logs
            frobenius[buf_rows] = f + buf_logs
            buf, buf_logs, buf_rows = [], [], []
    if buf:
        s, f = _log10_norms(np.stack(buf))
        spectral[buf_rows] = s + buf_logs
        frobenius[buf_rows] = f + buf_logs
    return np.array(ks), spectral, frobenius


def from_log10(x: np.ndarray) -> np.ndarray:
    """10**x, inf where that leaves float64's range (no overflow warning); nan stays nan."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        return np.where(x > LOG10_MAX, np.inf, np.power(10.0, np.minimum(x, LOG10_MAX)))


def hidden_jacobian_norms(fprime: np.ndarray, W_hh: np.ndarray):
    """Spectral and Frobenius norms of dh_T/dh_k for every k.

    fprime: (T, n), row t-1 holding f'(z_t) (a Trace's `fprime`); W_hh: (n, n).
    Returns (spectral, frobenius), each (T+1,) indexed by k; inf once the product leaves
    float64's range, nan where f'(z) itself was not finite (the forward pass overflowed).
    """
    ks, spectral, frobenius = log10_jacobian_norms(fprime, W_hh)
    return from_log10(spectral[::-1]), from_log10(frobenius[::-1])  # ks = T..0 -> index k
