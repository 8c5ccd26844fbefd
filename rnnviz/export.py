"""What a page hands out: its scenario and trace as JSON (the command line's format) and as CSV,
and a Python snippet that reproduces its numbers in a notebook. Pure: strings in, strings out.

The JSON of a scenario page is {"scenario": <the scenario, as `python -m rnnviz example`>,
"trace": <as `python -m rnnviz trace`>}; Scenario.from_json reads either the whole export or the
scenario alone back (import_scenario).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import numpy as np

from .i18n import _
from .jsonio import dumps
from .scenario import Scenario, ScenarioError
from .tracing import Trace

MAX_IMPORT_BYTES = 200_000  # a scenario file: the largest the engine's limits allow fits easily


def trace_json(tr: Trace) -> str:
    """The scenario and its whole trace, as strict JSON (no NaN: None where a value overflowed)."""
    return dumps({"scenario": tr.scenario.to_dict(), "trace": tr.to_dict()}, 2)


def _columns(name: str, a: np.ndarray | None, rows: int) -> tuple[list[str], np.ndarray]:
    """Column names name[1], name[2], … and the (rows, width) values; rows the array lacks are empty."""
    if a is None:
        return [], np.empty((rows, 0))
    a = np.asarray(a, dtype=float).reshape(len(a), -1)
    out = np.full((rows, a.shape[1]), np.nan)
    out[rows - len(a):] = a  # per-step arrays of length T sit at t = 1..T
    names = [name] if a.shape[1] == 1 else [f"{name}[{i + 1}]" for i in range(a.shape[1])]
    return names, out


def trace_csv(tr: Trace) -> str:
    """One row per time step t = 0..T: inputs, hidden state, pre-activation, output, and the
    backward pass's dL/dh_t (and c_t, dL/dc_t for an LSTM). Empty cells where a quantity has no
    value at that step (x_0, ŷ_0) or overflowed."""
    s = tr.scenario
    rows = s.T + 1
    parts = [("x", s.inputs), ("h", tr.h), ("z", tr.z if s.cell == "rnn" else None), ("y_hat", tr.y),
             ("c", tr.c), ("dL/dh", tr.dh), ("dL/dc", tr.dc)]
    names, blocks = ["t"], [np.arange(rows, dtype=float)[:, None]]
    for name, array in parts:
        cols, values = _columns(name, array, rows)
        names += cols
        blocks.append(values)
    table = np.hstack(blocks)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    for row in table:
        writer.writerow([str(int(row[0]))] + ["" if not np.isfinite(v) else repr(float(v)) for v in row[1:]])
    return buf.getvalue()


def import_scenario(data: bytes | str) -> Scenario:
    """A scenario from an uploaded file: a scenario JSON, or a page's export ({"scenario", "trace"}).
    ScenarioError (naming the field) for anything else."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ScenarioError(_("file"), _("larger than {size} kB").format(size=MAX_IMPORT_BYTES // 1000))
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ScenarioError(_("file"), _("not UTF-8 text")) from None
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise ScenarioError(_("file"), _("not JSON: {error}").format(error=exc)) from None
    if isinstance(parsed, dict) and isinstance(parsed.get("scenario"), dict) and "trace" in parsed:
        parsed = parsed["scenario"]
    return Scenario.from_dict(parsed)


# --- copy as Python ---------------------------------------------------------------------------

def scenario_python(scenario: Scenario) -> str:
    """A notebook cell that rebuilds the scenario and prints the numbers the step pages show."""
    text = scenario.to_json()
    return (
        "from rnnviz import Scenario, trace\n\n"
        f"scenario = Scenario.from_json({text!r})\n"
        "tr = trace(scenario)\n"
        "print('h =', tr.h)        # hidden states h_0 … h_T, time first\n"
        "print('y_hat =', tr.y)    # outputs ŷ_1 … ŷ_T\n"
        "print('L =', tr.loss)\n"
        "for name, grad in tr.grads.items():\n"
        "    print(f'dL/d{name} =', grad)\n"
    )


def _call(name: str, settings) -> str:
    fields = ", ".join(f"{f.name}={getattr(settings, f.name)!r}" for f in dataclasses.fields(settings)
                       if getattr(settings, f.name) != f.default)
    return f"{name}({fields})"


def flow_python(settings) -> str:
    """The vanishing/exploding page's numbers for FlowSettings `settings`."""
    return (
        "from rnnviz.gradient_flow import FlowSettings, gradient_flow\n\n"
        f"flow = gradient_flow({_call('FlowSettings', settings)})\n"
        "print('regime:', flow.regime, '  lambda_1 * gamma =', flow.rate)\n"
        "print('|dL/dh_0| / |dL/dh_T| =', 10 ** flow.log10_ratio[0])\n"
        "print('|grad L| =', flow.trace.grad_norm)\n"
        "print('after clipping:', flow.clip.clipped_norm if flow.clip else None)\n"
        "# the whole curves: flow.jacobian_k, flow.jacobian (|dh_T/dh_k|), flow.log10_ratio, flow.terms\n"
    )


def training_python(settings) -> str:
    """The training page's clipped run (and the same run without clipping) for TrainSettings `settings`."""
    return (
        "import dataclasses\n"
        "from rnnviz.training import TrainSettings, train\n\n"
        f"settings = {_call('TrainSettings', settings)}\n"
        "clipped = train(settings)\n"
        "unclipped = train(dataclasses.replace(settings, clip='none'))\n"
        "print('final loss, without clipping:', unclipped.losses[-1])\n"
        "print('final loss, with clipping:', clipped.losses[-1])\n"
    )


def cliff_python(w0: float, b0: float, lr: float, steps: int, theta: float) -> str:
    """The cliff page's two descents."""
    return (
        "from rnnviz.cliff import descend\n\n"
        f"plain = descend({w0!r}, {b0!r}, lr={lr!r}, steps={steps!r})\n"
        f"clipped = descend({w0!r}, {b0!r}, lr={lr!r}, steps={steps!r}, clip={theta!r})\n"
        "print('final E, without clipping:', plain.E[-1])\n"
        "print('final E, with norm clipping:', clipped.E[-1])\n"
    )


def cells_python(settings, lag: int = 50) -> str:
    """The LSTM & GRU page's comparison for CellFlowSettings `settings`: each curve at `lag` steps back."""
    return (
        "from rnnviz.cell_flow import CellFlowSettings, cell_flow, gradient_norms\n\n"
        f"settings = {_call('CellFlowSettings', settings)}\n"
        f"lag = min({lag}, settings.T)\n"
        "for cell, tr in cell_flow(settings).items():\n"
        "    for name, norms in gradient_norms(tr).items():\n"
        "        print(cell, name, 'at lag', lag, '=', norms[settings.T - lag])\n"
    )
