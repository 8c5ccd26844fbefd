"""What the training and cliff pages write, and what their charts draw as one sentence and a table
(pure Python: no UI library). Text is marked for the catalogue (rnnviz.i18n) and translated where
it is shown: the constants with N_, the functions call _() themselves."""

from __future__ import annotations

import math

import numpy as np

from . import i18n
from .i18n import N_, _
from .tasks import TUTORIAL_LOSS_FLOOR

ADAM_LATEX = (
    r"\begin{aligned}"
    r"m_t &= \beta_1 m_{t-1} + (1-\beta_1)\,g_t, & v_t &= \beta_2 v_{t-1} + (1-\beta_2)\,g_t^2,\\"
    r"\hat m_t &= \frac{m_t}{1-\beta_1^t}, & \hat v_t &= \frac{v_t}{1-\beta_2^t},\qquad"
    r"\theta_t = \theta_{t-1} - \eta\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}"
    r"\end{aligned}"
)
MOMENTUM_LATEX = r"v_t = \mu v_{t-1} + g_t,\qquad \theta_t = \theta_{t-1} - \eta\, v_t"
SGD_LATEX = r"\theta_t = \theta_{t-1} - \eta\, g_t"
UPDATE_LATEX = {"adam": ADAM_LATEX, "momentum": MOMENTUM_LATEX, "sgd": SGD_LATEX}
TUTORIAL_UPDATE_MATH = (
    r"\quad m = \beta_1 m + (1-\beta_1)\,dW,\quad \hat m = \frac{m}{1-\beta_1^t},"
    r"\quad W = W - \eta\,\hat m,\quad b = b - \eta\, db"
)


def tutorial_update_latex() -> str:
    """The tutorial's §3.2 update as LaTeX, its label in the language in use."""
    return r"\text{" + _("tutorial §3.2:") + "}" + TUTORIAL_UPDATE_MATH


TUTORIAL_UPDATE_WRONG = N_(
    "The tutorial's pseudocode (§3.2) calls this Adam, but it keeps only the first moment m: without the "
    "second moment v there is no per-parameter step size, so it is momentum with a bias correction. It also "
    "moves b by the raw gradient while W gets the averaged one, and its t is never defined (inside the loop "
    "over examples, t is the time step of the previous loop). Above is Adam as Kingma & Ba (2015) define it "
    "(β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁷ as in Keras), as rnnviz computes it."
)
FLOOR_NOTE = N_(
    "**Why no model beats 80 %.** The tutorial's data has [1, 0] twice, once labelled 0 and once 1. Whatever a "
    "model predicts for [1, 0], one of the two is wrong, so accuracy is at most 4/5. The best it can do there is "
    "predict ½ for both, costing ln 2 each; the other three can cost nothing. So the mean binary cross-entropy "
    "over the five is at least 2 ln 2 / 5 ≈ {floor} (the dashed line): any run that reaches it "
    "has learned all there is to learn."
)
STALL_LOSS = 0.6 * -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
STALL_NOTE = N_(
    "**The tutorial's own model (one unit per layer) stalls.** From Keras's initialisation, Adam settles at "
    "loss ≈ {loss}: the model reads only the first input, giving all three sequences that start with 1 "
    "the probability 2/3 (three of them, two labelled 1). That is still 80 % accurate, but 1.38 × the floor. "
    "With two units per layer the same data and optimizer reach the floor."
)
MEMORY_NOTE = N_(
    "**Memory tasks.** The answer depends on the first step(s), so the gradient that teaches it must travel back "
    "through all T steps. Lengthen T: runs wait longer on the no-memory line before they learn, and past some "
    "length (it depends on the seed, the units and the activation) they never leave it, because the gradient "
    "from the answer has vanished by the time it reaches step 1. Clipping (blue) cannot bring that gradient back; "
    "with a small θ it shortens every step and slows learning too. It helps where the norm spikes."
)
CLIFF_MODEL = "x_t = w σ(x_{t−1}) + b"
CLIFF_INTRO = N_(
    "One unit and no input: {model}, x_0 = 0.5, T = 50, loss E = (σ(x_50) − 0.7)² (Pascanu, "
    "Mikolov & Bengio 2013, Fig. 6). Over most of the plane E is flat, but along a curve the unit's long-run "
    "state jumps from one attractor to another and E drops off a wall: there the gradient is hundreds of times "
    "larger than elsewhere (|∂E/∂w| > 100 at w ≈ 4.819 on b = −2.5, against a median ‖∇E‖ ≈ 0.02). A plain "
    "gradient step that lands on the wall is thrown far away; norm clipping shortens exactly those steps."
)
BIFURCATION_NOTE = N_(
    "Why the wall: with w = 5 the map x ↦ 5σ(x) + b has two attractors for b in about (−2.656, −2.344) (shaded). "
    "Crossing the interval's edge removes one attractor, and the state x_50 (and with it E) jumps."
)


def floor_note() -> str:
    return _(FLOOR_NOTE).format(floor=f"{TUTORIAL_LOSS_FLOOR:.4f}")


def stall_note() -> str:
    return _(STALL_NOTE).format(loss=f"{STALL_LOSS:.4f}")


def cliff_intro() -> str:
    return _(CLIFF_INTRO).format(model=CLIFF_MODEL)


# --- the two runs' names -------------------------------------------------------------------------

CLIP_LABELS = {"none": N_("without clipping"), "norm": N_("with norm clipping, θ = {theta}"),
               "value": N_("with value clipping, θ = {theta}")}


def run_label(clip: str, theta: float) -> str:
    """The name of a run ("without clipping", "with norm clipping, θ = 1") in the language in use."""
    return _(CLIP_LABELS[clip]).format(theta=f"{theta:g}")


# --- what each chart draws: one sentence (or a few short ones) and a table ------------------------

CHART_ROWS = 200  # a chart's table samples a longer series down to about this many rows


def _sampled(count: int, rows: int = CHART_ROWS) -> list[int]:
    """Indices 0..count-1: all of them up to rows + 1 (a series of `rows` steps and its start), else
    evenly spaced with the last one kept."""
    if count <= 0:
        return []
    step = max(1, -(-(count - 1) // rows))
    indices = list(range(0, count, step))
    if indices[-1] != count - 1:
        indices.append(count - 1)
    return indices


def number(x, spec: str = ".4g") -> str:
    """A number for a summary or a table cell; "not finite" for an overflow, "" for none."""
    if x is None:
        return ""
    x = float(x)
    return format(x, spec) if math.isfinite(x) else _("not finite")


def _sentences(parts: list[str]) -> str:
    """Sentences in a row: a space between them in English, none in Chinese."""
    return ("" if i18n.current() == "zh" else " ").join(p for p in parts if p)


def _largest(norms) -> tuple[float, int] | None:
    """(the largest finite-or-not value, its index) of a series, None if it is empty; an overflow
    (inf or nan) counts as the largest."""
    norms = np.asarray(norms, dtype=np.float64)
    if norms.size == 0:
        return None
    bad = np.flatnonzero(~np.isfinite(norms))
    i = int(bad[0]) if bad.size else int(np.argmax(norms))
    return float(norms[i]), i


def training_summary(runs: dict, floor: float | None, baseline: float | None, theta: float | None) -> str:
    """The training chart in a few short sentences. runs: label -> rnnviz.training.Run."""
    parts = []
    for label, run in runs.items():
        if not run.records:
            parts.append(_("{run}: not trained yet.").format(run=label))
            continue
        first, last = run.records[0], run.records[-1]
        largest = _largest(run.grad_norms)
        values = dict(run=label, start=number(first.loss, ".4f"), end=number(last.loss, ".4f"), epoch=last.epoch,
                      norm=number(largest[0], ".3g") if largest else "—")
        if last.accuracy is not None:
            parts.append(_("{run}: loss {start} at epoch 0, {end} at epoch {epoch}, accuracy {accuracy}; "
                           "largest gradient norm {norm}.").format(accuracy=f"{last.accuracy:.0%}", **values))
        else:
            parts.append(_("{run}: loss {start} at epoch 0, {end} at epoch {epoch}; "
                           "largest gradient norm {norm}.").format(**values))
    if floor is not None:
        parts.append(_("The dashed line is the data's floor, {floor}.").format(floor=f"{floor:.4f}"))
    if baseline is not None:
        parts.append(_("The dotted line is what a model without memory scores, {baseline}.").format(
            baseline=f"{baseline:.4f}"))
    clipped = list(runs.values())[-1]
    if theta is not None and clipped.records:
        parts.append(_("Clipping shortened {count} of {updates} updates (θ = {theta}, dashed).").format(
            count=int(clipped.clipped.sum()), updates=len(clipped.clipped), theta=f"{theta:g}"))
    return _sentences(parts)


def training_rows(runs: dict) -> list[dict]:
    """The training chart's numbers, one row per epoch (sampled): each run's loss, accuracy (classification
    tasks) and the largest gradient norm of the epoch's updates, before clipping."""
    epochs = max((len(run.records) for run in runs.values()), default=0)
    with_accuracy = {label: any(r.accuracy is not None for r in run.records) for label, run in runs.items()}
    rows = []
    for e in _sampled(epochs):
        row = {_("epoch"): e}
        for label, run in runs.items():
            record = run.records[e] if e < len(run.records) else None
            row[_("loss, {run}").format(run=label)] = number(record.loss, ".5g") if record else ""
            if with_accuracy[label]:
                row[_("accuracy, {run}").format(run=label)] = (
                    f"{record.accuracy:.0%}" if record and record.accuracy is not None else "")
            norms = record.grad_norms if record else ()
            row[_("largest ‖∇L‖ of the epoch's updates, {run}").format(run=label)] = (
                number(max(norms, key=lambda g: g if math.isfinite(g) else math.inf), ".4g") if norms else "")
        rows.append(row)
    return rows


def cliff_summary(ws, bs, E, paths: dict) -> str:
    """The loss surface with the descents on it. paths: label -> rnnviz.cliff.Trajectory."""
    first = next(iter(paths.values()))
    parts = [_("The loss surface log₁₀ E over w from {w_low} to {w_high} and b from {b_low} to {b_high} (E from "
               "{E_low} to {E_high}), with both descents starting at w = {w0}, b = {b0}.").format(
        w_low=f"{ws[0]:g}", w_high=f"{ws[-1]:g}", b_low=f"{bs[0]:g}", b_high=f"{bs[-1]:g}",
        E_low=number(np.nanmin(E), ".2g"), E_high=number(np.nanmax(E), ".2g"), w0=f"{first.w[0]:g}",
        b0=f"{first.b[0]:g}")]
    for label, path in paths.items():
        inside = (path.w >= ws[0]) & (path.w <= ws[-1]) & (path.b >= bs[0]) & (path.b <= bs[-1])
        values = dict(run=label, w=number(path.w[-1], ".3g"), b=number(path.b[-1], ".3g"), E=number(path.E[-1], ".3g"))
        if inside.all():
            parts.append(_("{run}: ends at w = {w}, b = {b}, E = {E}.").format(**values))
        else:
            parts.append(_("{run}: ends at w = {w}, b = {b}, E = {E}; it leaves the plotted square at step {step} "
                           "and is drawn up to there.").format(step=int(np.argmin(inside)), **values))
    return _sentences(parts)


def _per_step_rows(paths: dict, columns: tuple) -> list[dict]:
    """One row per step (sampled): for every path, every column (header template with {run}, the
    Trajectory's array, number format); blank past a shorter path's end."""
    steps = max(len(getattr(path, columns[0][1])) for path in paths.values())
    rows = []
    for i in _sampled(steps):
        row = {_("step"): i}
        for label, path in paths.items():
            for header, name, spec in columns:
                values = getattr(path, name)
                row[header.format(run=label)] = number(values[i], spec) if i < len(values) else ""
        rows.append(row)
    return rows


def cliff_rows(paths: dict) -> list[dict]:
    """The descents' paths (the surface itself is 200 × 200 numbers: not a table): w and b per step, sampled."""
    return _per_step_rows(paths, ((_("w, {run}"), "w", ".5g"), (_("b, {run}"), "b", ".5g")))


def descent_summary(paths: dict, theta: float) -> str:
    """The loss and the gradient norm of each descent, per step."""
    parts = []
    for label, path in paths.items():
        largest = _largest(path.grad_norm)
        parts.append(_("{run}: E {start} at step 0, {end} at step {steps}; the gradient norm before clipping "
                       "peaks at {norm} at step {step}.").format(
            run=label, start=number(path.E[0], ".3g"), end=number(path.E[-1], ".3g"), steps=len(path.E) - 1,
            norm=number(largest[0], ".3g") if largest else "—", step=largest[1] if largest else "—"))
    clipped = list(paths.values())[-1]
    parts.append(_("Norm clipping shortened {count} of {steps} steps (θ = {theta}, dashed).").format(
        count=int(clipped.clipped.sum()), steps=len(clipped.clipped), theta=f"{theta:g}"))
    return _sentences(parts)


def descent_rows(paths: dict) -> list[dict]:
    """Per step (sampled): each descent's E and its gradient norm before clipping."""
    return _per_step_rows(paths, ((_("E, {run}"), "E", ".4g"), (_("‖∇E‖ before clipping, {run}"), "grad_norm", ".4g")))


def bifurcation_summary(bs, branches: list, interval: tuple[float, float]) -> str:
    """The fixed points of x ↦ 5σ(x) + b against b, and the bistable interval."""
    return _("Fixed points x* of x ↦ 5σ(x) + b for b from {low} to {high}: one attractor outside ({left}, "
             "{right}), and inside that interval (shaded) two attractors with a repeller between them.").format(
        low=f"{bs[0]:g}", high=f"{bs[-1]:g}", left=f"{interval[0]:.3f}", right=f"{interval[1]:.3f}")


def bifurcation_rows(bs, branches: list) -> list[dict]:
    """The fixed points drawn, for every few b (about CHART_ROWS rows): b, x* and whether it attracts."""
    keep = {float(bs[i]) for i in _sampled(len(bs), CHART_ROWS // 2)}
    kinds = {True: _("attracting"), False: _("repelling")}
    return [{"b": round(float(b), 4), _("fixed point x*"): round(float(x), 4), _("kind"): kinds[bool(stable)]}
            for b, x, stable in branches if float(b) in keep]
