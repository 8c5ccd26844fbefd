"""How much h_T depends on each earlier state: ||dh_T/dh_k|| for k = 0..T.

    dh_T/dh_k = prod_{t=T}^{k+1} diag(f'(z_t)) W_hh        (n × n; the identity for k = T)

This costs O(T·n³) and T+1 matrix norms, so `trace` does not compute it; pages that
plot vanishing and exploding gradients call it on their own.
"""

from __future__ import annotations

import numpy as np

_CHUNK = 64  # Jacobians held at once for a batched SVD: memory O(64·n²), not O(T·n²)


def _spectral_norms(stack: np.ndarray) -> np.ndarray:
    """Largest singular value of each (n, n) matrix in stack; inf or nan where it is not finite."""
    with np.errstate(all="ignore"):
        frob = np.sqrt(np.einsum("kij,kij->k", stack, stack))
    out = np.where(np.isnan(frob), np.nan, np.inf)
    finite = np.all(np.isfinite(stack), axis=(1, 2))
    if finite.any():
        out[finite] = np.linalg.svd(stack[finite], compute_uv=False)[:, 0]
    return out


def hidden_jacobian_norms(fprime: np.ndarray, W_hh: np.ndarray):
    """Spectral and Frobenius norms of dh_T/dh_k for every k.

    fprime: (T, n), row t-1 holding f'(z_t) (a Trace's `fprime`); W_hh: (n, n).
    Returns (spectral, frobenius), each (T+1,) indexed by k; inf or nan once the
    product leaves float64's range.
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
                frobenius[ks] = np.sqrt(np.einsum("kij,kij->k", buf[:filled], buf[:filled]))
                spectral[ks] = _spectral_norms(buf[:filled])
                filled = 0
            k -= 1
    return spectral, frobenius
