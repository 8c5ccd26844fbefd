"""Gradient clipping over all parameters together.

norm:  if ||g|| > theta then g <- theta * g / ||g||   (Pascanu, Mikolov & Bengio 2013, Algorithm 1)
value: every element into [-theta, theta]             (as min-char-rnn does with theta = 5)

Norm clipping keeps the direction and bounds the step; value clipping bounds each element
and may turn the direction. Neither makes a vanished gradient larger: clipping only shrinks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .i18n import N_

# why a gradient was not clipped; kept in English in the (shared, cached) result, translated where shown
NOT_FINITE = N_("the gradient is not finite (its norm is infinite or undefined), so it cannot be "
                "rescaled to norm θ; lower the weights or shorten the sequence")


@dataclass(frozen=True)
class ClipResult:
    """What clipping did. grads is None when the gradient was not finite (it cannot be clipped).

    norm: global L2 norm before; clipped_norm: after; scale: clipped_norm / norm for
    norm clipping (1.0 when it did nothing), None for value clipping; active: whether any
    element changed; cosine: between clipped and unclipped (1 for norm clipping).
    """

    mode: str
    threshold: float
    grads: dict | None
    norm: float
    clipped_norm: float | None
    scale: float | None
    active: bool
    cosine: float | None
    reason: str | None = None


def global_norm(grads: dict) -> float:
    """L2 norm of all gradient arrays taken as one vector (inf or nan if any element is).

    Scaled by the largest magnitude first, so finite elements near 1e200 do not overflow the squares."""
    with np.errstate(over="ignore", invalid="ignore"):
        big = max((float(np.max(np.abs(g))) for g in grads.values() if g.size), default=0.0)
        if big == 0.0 or not math.isfinite(big):
            return big if not any(np.isnan(g).any() for g in grads.values()) else math.nan
        return big * math.sqrt(sum(float(np.sum(np.square(g / big))) for g in grads.values()))


def _cosine(a: dict, b: dict, norm_a: float, norm_b: float) -> float | None:
    if norm_a == 0.0 or norm_b == 0.0:
        return None
    dot = sum(float(np.sum(a[name] * b[name])) for name in a)
    return max(-1.0, min(1.0, dot / (norm_a * norm_b)))


def clip_gradients(grads: dict, mode: str, threshold: float) -> ClipResult:
    """Clip `grads` (name -> array) by "norm" or "value" with threshold > 0; inputs are not modified."""
    norm = global_norm(grads)
    if not all(np.all(np.isfinite(g)) for g in grads.values()):
        return ClipResult(mode, threshold, None, norm, None, None, False, None, NOT_FINITE)
    if mode == "norm":
        scale = threshold / norm if norm > threshold else 1.0
        clipped = {name: g * scale for name, g in grads.items()}
        clipped_norm = norm * scale
        cosine = _cosine(grads, clipped, norm, clipped_norm)
        return ClipResult(mode, threshold, clipped, norm, clipped_norm, scale, scale < 1.0, cosine)
    if mode == "value":
        clipped = {name: np.clip(g, -threshold, threshold) for name, g in grads.items()}
        clipped_norm = global_norm(clipped)
        active = any(np.any(np.abs(g) > threshold) for g in grads.values())
        cosine = _cosine(grads, clipped, norm, clipped_norm)
        return ClipResult(mode, threshold, clipped, norm, clipped_norm, None, active, cosine)
    raise ValueError(f"clip mode must be 'norm' or 'value', got {mode!r}")
