"""A scenario as the step-through pages edit it: sizes, choices and one short text per matrix.

form: {"n", "m", "k", "T": int; "f", "g", "loss", "loss_at": str; "W_xh", "W_hh", "b_h", "W_hy",
"b_y", "h0", "x", "y": text}. x holds T rows of m inputs, y the targets (1 or T rows of k).
Pure: the page draws widgets for these fields and shows each error under its own field.
"""

from __future__ import annotations

from .matrix_text import MatrixTextError, format_matrix, format_vector, parse_matrix, parse_vector
from .presets import sizes
from .scenario import Scenario, ScenarioError

MATRIX_FIELDS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0", "x", "y")
# where a ScenarioError's field is shown on the form
_FORM_FIELD = {"inputs": "x", "targets": "y", "h0": "h0", "activation": "f", "output": "g",
               "loss": "loss", "loss_at": "loss_at"}


def form_from_scenario(d: dict) -> dict:
    """The form's fields for a scenario dict."""
    n, m, k, T = sizes(d)
    w = d["weights"]
    return {
        "n": n, "m": m, "k": k, "T": T,
        "f": d["activation"], "g": d["output"], "loss": d["loss"], "loss_at": d.get("loss_at", "last"),
        "W_xh": format_matrix(w["W_xh"]), "W_hh": format_matrix(w["W_hh"]), "b_h": format_vector(w["b_h"]),
        "W_hy": format_matrix(w["W_hy"]), "b_y": format_vector(w["b_y"]),
        "h0": format_vector(d.get("h0") or [0.0] * n),
        "x": format_matrix(d["inputs"]), "y": format_matrix(d["targets"]),
    }


def changed_fields(scenario: Scenario, preset: dict) -> list[str]:
    """The form's fields (n, m, k, T, f, g, loss, loss_at, W_xh, …, x, y) in which `scenario` differs
    from the scenario dict `preset`, in the form's order. Both are written out alike first, so a
    weight typed as 1.0 is the preset's 1."""
    mine = form_from_scenario(scenario.to_dict())
    theirs = form_from_scenario(Scenario.from_dict(preset).to_dict())
    return [field for field in mine if mine[field] != theirs[field]]


def scenario_from_form(form: dict) -> tuple[Scenario | None, dict]:
    """(the scenario, {}) or (None, {form field: what is wrong}), every field checked."""
    n, m, k, T = (int(form[key]) for key in ("n", "m", "k", "T"))
    rows_y = 1 if form["loss_at"] == "last" else T
    shapes = {"W_xh": (n, m), "W_hh": (n, n), "W_hy": (k, n), "x": (T, m), "y": (rows_y, k)}
    lengths = {"b_h": n, "b_y": k, "h0": n}
    values, errors = {}, {}
    for field in MATRIX_FIELDS:
        try:
            if field in shapes:
                values[field] = parse_matrix(form[field], *shapes[field])
            else:
                values[field] = parse_vector(form[field], lengths[field])
        except MatrixTextError as exc:
            errors[field] = str(exc)
    if errors:
        return None, errors
    d = {
        "cell": "rnn", "activation": form["f"], "output": form["g"], "loss": form["loss"],
        "loss_at": form["loss_at"], "inputs": values["x"], "targets": values["y"], "h0": values["h0"],
        "weights": {name: values[name] for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")},
    }
    try:
        return Scenario.from_dict(d), {}
    except ScenarioError as exc:
        field = exc.field.split("[")[0]
        field = field.removeprefix("weights.") if field.startswith("weights.") else _FORM_FIELD.get(field, "scenario")
        return None, {field: exc.problem}
