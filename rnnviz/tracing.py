"""trace(scenario): forward pass, BPTT and clipping, with every intermediate a page steps through.

Memory is O(T·n + n²): per-step arrays have T rows of n (or m, k) numbers. Whole per-step
contribution matrices (T·n² numbers) are built only with contributions=True; their
Frobenius norms always (||a b^T||_F = ||a|| ||b||).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .clipping import ClipResult, clip_gradients, global_norm
from .losses import loss_grad_logits, loss_grad_yhat, step_losses
from .rnn import output_backward, output_forward, rnn_backward, rnn_forward, rnn_param_grads
from .gated import gated_backward, gated_forward
from .scenario import Scenario, weight_names


@dataclass(frozen=True, eq=False)
class Trace:
    """Everything one forward + backward pass computed. Shapes (time first):

    h (T+1, n) with h[0] = h0; z, fprime (T, n) (the vanilla cell's; None for LSTM and GRU);
    o, y (T, k) logits and yhat;
    loss_steps (T,) l_t (0 where no loss applies); loss float;
    dy, do (T, k) dL/dyhat_t, dL/do_t (0 where no loss applies); dh (T+1, n) dL/dh_t for t = 0..T;
    dz (T, n) dL/dz_t (vanilla only), and from it the property dx (T, m) dL/dx_t; grads name -> array shaped like the weight; grad_norm float;
    contribution_norms name -> (T,) Frobenius norm of step t's term in that gradient;
    loss_mask (T,) bool: the steps that carry a loss term;
    contributions name -> (T, *shape) the terms themselves, or None unless asked for;
    overflow None, or {"phase", "step", "quantity"}: where values first stopped being finite;
    clip: ClipResult or None;
    c, dc (T+1, n): the LSTM's cell state and dL/dc_t (None otherwise); gates: name -> (T, n), every
    gate's value at every step (LSTM i, f, g, o; GRU r, z, n; None for the vanilla cell).
    """

    scenario: Scenario
    h: np.ndarray
    z: np.ndarray
    fprime: np.ndarray
    o: np.ndarray
    y: np.ndarray
    loss_steps: np.ndarray
    loss: float
    dy: np.ndarray
    do: np.ndarray
    dh: np.ndarray
    dz: np.ndarray
    grads: dict
    grad_norm: float
    contribution_norms: dict
    loss_mask: np.ndarray
    contributions: dict | None = None
    overflow: dict | None = None
    clip: ClipResult | None = None
    c: np.ndarray | None = None
    dc: np.ndarray | None = None
    gates: dict | None = None

    @property
    def dx(self) -> np.ndarray | None:
        """dL/dx_t (T, m) = δ_t W_xh (the vanilla cell's; None for LSTM and GRU): what reaches each input."""
        return None if self.dz is None else self.dz @ self.scenario.weights["W_xh"]

    def to_dict(self) -> dict:
        """Strict-JSON-ready: lists of floats, with None where a value overflowed (never NaN/inf)."""
        d = {
            "sizes": {"T": self.scenario.T, "m": self.scenario.m, "n": self.scenario.n, "k": self.scenario.k},
            "h": self.h,
            "z": self.z,
            "fprime": self.fprime,
            "o": self.o,
            "y": self.y,
            "loss_steps": self.loss_steps,
            "loss": self.loss,
            "dy": self.dy,
            "do": self.do,
            "dh": self.dh,
            "dz": self.dz,
            "c": self.c,
            "dc": self.dc,
            "gates": self.gates,
            "grads": self.grads,
            "grad_norm": self.grad_norm,
            "contribution_norms": self.contribution_norms,
            "overflow": self.overflow,
        }
        d = {key: v for key, v in d.items() if v is not None or key == "overflow"}  # a cell's own fields only
        if self.contributions is not None:
            d["contributions"] = self.contributions
        if self.clip is not None:
            c = self.clip
            d["clip"] = {"mode": c.mode, "threshold": c.threshold, "active": c.active,
                         "scale": c.scale, "cosine": c.cosine, "reason": c.reason}
            d["clipped"] = c.grads
            d["clipped_norm"] = c.clipped_norm
        return to_strict_json(d)


def to_strict_json(value):
    """Arrays and floats to lists and floats, every non-finite number to None (RFC 8259 has no NaN)."""
    if isinstance(value, dict):
        return {key: to_strict_json(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_strict_json(v) for v in value]
    if isinstance(value, np.ndarray):
        if np.all(np.isfinite(value)):
            return value.tolist()
        return np.where(np.isfinite(value), value, None).tolist()
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _first_nonfinite_row(a: np.ndarray, reverse: bool = False):
    """Index of the first (or, with reverse, last) row holding a non-finite number, else None."""
    bad = ~np.all(np.isfinite(a.reshape(a.shape[0], -1)), axis=1)
    if not bad.any():
        return None
    idx = np.flatnonzero(bad)
    return int(idx[-1] if reverse else idx[0])


def _find_overflow(h, o, loss_steps, dy, dh) -> dict | None:
    """Where values first left float64's range: forward (h_t, then the outputs), then backward."""
    t = _first_nonfinite_row(h)
    if t is not None:
        return {"phase": "forward", "step": t, "quantity": "h"}
    t = _first_nonfinite_row(o)
    if t is not None:
        return {"phase": "forward", "step": t + 1, "quantity": "o"}
    t = _first_nonfinite_row(loss_steps[:, None])
    if t is not None:
        return {"phase": "forward", "step": t + 1, "quantity": "loss"}
    t = _first_nonfinite_row(dy, reverse=True)
    if t is not None:
        return {"phase": "backward", "step": t + 1, "quantity": "dy"}
    t = _first_nonfinite_row(dh, reverse=True)  # backward runs from T down to 0
    if t is not None:
        return {"phase": "backward", "step": t, "quantity": "dh"}
    return None


def loss_mask(scenario: Scenario) -> np.ndarray:
    """(T,) booleans: which steps carry a loss term."""
    mask = np.zeros(scenario.T, dtype=bool)
    if scenario.loss_at == "last":
        mask[-1] = True
    else:
        mask[:] = True
    return mask


def forward_loss(scenario: Scenario, weights: dict | None = None, h0: np.ndarray | None = None,
                 c0: np.ndarray | None = None) -> float:
    """L alone (no backward), optionally with other weights, h0 or c0: what finite differences perturb."""
    s, w = scenario, (weights or scenario.weights)
    h0 = s.h0 if h0 is None else h0
    if s.cell == "rnn":
        h, _, _ = rnn_forward(s.inputs, h0, w["W_xh"], w["W_hh"], w["b_h"], s.activation)
    else:
        h, _, _, _ = gated_forward(s.cell, s.inputs, h0, s.c0 if c0 is None else c0, w)
    o, _ = output_forward(h, w["W_hy"], w["b_y"], s.output)
    mask = loss_mask(s)
    return float(np.sum(step_losses(s.loss, s.output, o[mask], s.targets)))


def trace(scenario: Scenario, contributions: bool = False) -> Trace:
    """Forward pass, BPTT and (if the scenario asks) clipping. See `Trace` for what is kept.

    contributions=True also keeps every per-step gradient term as a whole array,
    (T, *weight shape) each: for step-through sizes, not T = 1000, n = 128.
    """
    s, w = scenario, scenario.weights
    x = s.inputs
    mask = loss_mask(s)
    c = dc = gates = z = fprime = dz = None
    with np.errstate(all="ignore"):  # overflow is found and reported below, not warned about
        # forward
        if s.cell == "rnn":
            h, z, fprime = rnn_forward(x, s.h0, w["W_xh"], w["W_hh"], w["b_h"], s.activation)
        else:
            h, c, gates, saved = gated_forward(s.cell, x, s.h0, s.c0, w)
        o, y = output_forward(h, w["W_hy"], w["b_y"], s.output)
        loss_steps = np.zeros(s.T)
        loss_steps[mask] = step_losses(s.loss, s.output, o[mask], s.targets)
        loss = float(np.sum(loss_steps))

        # backward: L -> yhat -> o -> h_t, then through the recurrence to h_0
        dy = np.zeros_like(y)
        dy[mask] = loss_grad_yhat(s.loss, s.output, o[mask], s.targets)
        do = np.zeros_like(o)
        do[mask] = loss_grad_logits(s.loss, s.output, o[mask], s.targets)
        dh_out, dW_hy, db_y = output_backward(do, h, w["W_hy"])
        if s.cell == "rnn":
            dh, dz = rnn_backward(dh_out, fprime, w["W_hh"])
            dW_xh, dW_hh, db_h = rnn_param_grads(dz, x, h)
            grads = {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h}
            d_in = d_hid = dz  # step t's term: dz_t x_t^T and dz_t h_{t-1}^T
            names = ("W_xh", "W_hh", "b_h")
        else:
            dh, dc, grads, (d_in, d_hid) = gated_backward(s.cell, dh_out, x, h, gates, saved, w)
            names = ("W_ih", "W_hh", "b_ih", "b_hh")
        grads.update(W_hy=dW_hy, b_y=db_y)

        # per-step terms: ||a b^T||_F = ||a|| ||b||
        in_norm, hid_norm = np.linalg.norm(d_in, axis=1), np.linalg.norm(d_hid, axis=1)
        do_norm = np.linalg.norm(do, axis=1)
        norms = {"x": in_norm * np.linalg.norm(x, axis=1), "h": hid_norm * np.linalg.norm(h[:-1], axis=1),
                 "b_in": in_norm, "b_hid": hid_norm}
        contribution_norms = dict(zip(names, (norms["x"], norms["h"], norms["b_in"], norms["b_hid"])))
        contribution_norms.update(W_hy=do_norm * np.linalg.norm(h[1:], axis=1), b_y=do_norm)
        terms = None
        if contributions:
            parts = (np.einsum("ti,tj->tij", d_in, x), np.einsum("ti,tj->tij", d_hid, h[:-1]), d_in.copy(), d_hid.copy())
            terms = dict(zip(names, parts))
            terms.update(W_hy=np.einsum("ti,tj->tij", do, h[1:]), b_y=do.copy())
        grad_norm = global_norm(grads)
    clip = clip_gradients(grads, s.clip.mode, s.clip.threshold) if s.clip else None
    return Trace(
        scenario=s, h=h, z=z, fprime=fprime, o=o, y=y, loss_steps=loss_steps, loss=loss,
        dy=dy, do=do, dh=dh, dz=dz, grads={n_: grads[n_] for n_ in weight_names(s.cell)}, grad_norm=grad_norm,
        contribution_norms=contribution_norms, contributions=terms,
        overflow=_find_overflow(h, o, loss_steps, dy, dh), clip=clip, loss_mask=mask, c=c, dc=dc, gates=gates,
    )
