"""How much h_T depends on each earlier state: ||dh_T/dh_k|| for k = 0..T.

    dh_T/dh_k = prod_{t=T}^{k+1} diag(f'(z_t)) W_hh        (n × n; the identity for k = T)

This costs O(T·n³) and T+1 matrix norms, so `trace` does not compute it; pages that
plot vanishing and exploding gradients call it on their own.
"""

from __future__ import annotations

import numpy as np

_CHUNK = 64  # Jacobians held at once for a batched SVD: memory O(64·n²), not O(T·n²)


def _norms(stack: np.ndarray):
    """Spectral and Frobenius norms of each (n, n) matrix in stack; inf where it is not finite.

    The true product is always finite, so a non-finite one has overflowed (an inf·0 inside
    a matrix product shows as NaN, but the magnitude it stands for is infinite)."""
    spectral = np.full(len(stack), np.inf)
    frobenius = np.full(len(stack), np.inf)
    finite = np.all(np.isfinite(stack), axis=(1, 2))
    if finite.any():
        ok = stack[finite]
        spectral[finite] = np.linalg.svd(ok, compute_uv=False)[:, 0]
        # max-scaled, so entries near 1e200 do not overflow their squares
        big = np.abs(ok).max(axis=(1, 2))
        safe = np.where(big > 0, big, 1.0)
        frobenius[finite] = big * np.sqrt(np.einsum("kij,kij->k", ok / safe[:, None, None], ok / safe[:, None, None]))
    return spectral, frobenius


def hidden_jacobian_norms(fprime: np.ndarray, W_hh: np.ndarray):
    """Spectral and Frobenius norms of dh_T/dh_k for every k.

    fprime: (T, n), row t-1 holding f'(z_t) (a Trace's `fprime`); W_hh: (n, n).
    Returns (spectral, frobenius), each (T+1,) indexed by k; inf once the product leaves
    float64's range, nan where f'(z) itself was not finite (the forward pass overflowed).
    """
    T, n = fprime.shape
    spectral = np.empty(T + 1)
    frobenius = np.empty(T + 1)
    buf = np.empty((min(_CHUNK, T + 1), n, n))
    J = np.eye(n)
    k, filled = T, 0
    with np.errstate(all="ignore"):
        while k >= 0:
            if k < T:
                # dh_T/dh_k = dh_T/dh_{k+1} · diag(f'(z_{k+1})) W_hh
                J = (J * fprime[k]) @ W_hh
            buf[filled] = J
            filled += 1
            if filled == len(buf) or k == 0:
                ks = np.arange(k + filled - 1, k - 1, -1)  # the k of each buffered matrix
                spectral[ks], frobenius[ks] = _norms(buf[:filled])
                filled = 0
            k -= 1
    # dh_T/dh_k uses f'(z_{k+1}) .. f'(z_T): undefined from the last non-finite one back
    bad = np.flatnonzero(~np.all(np.isfinite(fprime), axis=1))
    if bad.size:
        spectral[: bad[-1] + 1] = np.nan
        frobenius[: bad[-1] + 1] = np.nan
    return spectral, frobenius
