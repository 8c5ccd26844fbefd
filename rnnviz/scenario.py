"""The scenario: one JSON-serialisable configuration of a whole RNN example.

A Scenario is validated once, on the way in (`from_dict`, `from_json`); everything
downstream may trust its shapes. Axis order is time first everywhere:

    inputs  (T, m)      x_1 .. x_T as rows
    targets (1, k) for loss_at="last", (T, k) for loss_at="every"
    h0      (n,)
    W_xh (n, m)  W_hh (n, n)  b_h (n,)  W_hy (k, n)  b_y (k,)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, OUTPUTS
from .i18n import N_, _
from .jsonio import dumps
from .losses import LOSS_NEEDS_OUTPUT

# Limits that keep every page interactive (and the JSON of a trace a few MB at most).
LIMITS = {"T": 1000, "n": 128, "m": 64, "k": 64}
VALUE_LIMIT = 1e6  # every number a user types, in absolute value
CELLS = ("rnn", "lstm", "gru")
GATE_COUNT = {"lstm": 4, "gru": 3}  # rows of W_ih, W_hh, b_ih, b_hh: one block of n per gate
LOSS_AT = ("last", "every")
CLIP_MODES = ("norm", "value")
WEIGHT_NAMES = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")              # the vanilla cell's
GATED_WEIGHT_NAMES = ("W_ih", "W_hh", "b_ih", "b_hh", "W_hy", "b_y")  # LSTM and GRU, in PyTorch's layout
FIELDS = ("cell", "activation", "output", "loss", "loss_at", "inputs", "targets", "h0", "c0", "weights", "clip")


def weight_names(cell: str) -> tuple:
    """The weights a scenario of this cell has, in canonical order."""
    return WEIGHT_NAMES if cell == "rnn" else GATED_WEIGHT_NAMES


class ScenarioError(ValueError):
    """A scenario that cannot be used. `field` names where (e.g. "weights.W_hh"), `problem` says what."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class Clip:
    """Gradient clipping over all parameters together: mode "norm" or "value", threshold > 0."""

    mode: str
    threshold: float


@dataclass(frozen=True, eq=False)
class Scenario:
    """A validated configuration. Build it with `from_dict` / `from_json`; arrays are read-only."""

    cell: str
    activation: str
    output: str
    loss: str
    loss_at: str
    inputs: np.ndarray
    targets: np.ndarray
    h0: np.ndarray
    weights: dict
    clip: Clip | None
    c0: np.ndarray | None = None  # the LSTM's initial cell state (n,); None for the other cells

    # sizes -----------------------------------------------------------------
    @property
    def T(self) -> int:
        return self.inputs.shape[0]

    @property
    def m(self) -> int:
        return self.inputs.shape[1]

    @property
    def n(self) -> int:
        return self.h0.shape[0]

    @property
    def k(self) -> int:
        return self.weights["b_y"].shape[0]

    # conversions -----------------------------------------------------------
    @classmethod
    def from_json(cls, text: str | bytes) -> "Scenario":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ScenarioError("scenario", _("not valid JSON ({error})").format(error=_json_problem(exc))) from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data) -> "Scenario":
        return _parse(data)

    def to_dict(self) -> dict:
        """Plain lists and strings; `Scenario.from_dict(s.to_dict())` gives an equal scenario."""
        d = {
            "cell": self.cell,
            "activation": self.activation,
            "output": self.output,
            "loss": self.loss,
            "loss_at": self.loss_at,
            "inputs": self.inputs.tolist(),
            "targets": self.targets.tolist(),
            "h0": self.h0.tolist(),
            "weights": {name: self.weights[name].tolist() for name in weight_names(self.cell)},
            "clip": None if self.clip is None else {"mode": self.clip.mode, "threshold": self.clip.threshold},
        }
        if self.c0 is not None:
            d["c0"] = self.c0.tolist()
        return d

    def to_json(self, indent: int | None = None) -> str:
        """Canonical JSON: equal scenarios give equal strings (a cache key, a link)."""
        return dumps(self.to_dict(), indent)

    def replace(self, **changes) -> "Scenario":
        """A new validated scenario with some top-level fields replaced (dict-style values)."""
        d = self.to_dict()
        d.update(changes)
        return Scenario.from_dict(d)

    def __eq__(self, other) -> bool:
        return isinstance(other, Scenario) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())


# ---------------------------------------------------------------------------
# validation

# The json module's messages (CPython's, both scanners), marked for the catalogue: a page shows them
# translated, and in English word for word as json says them.
_JSON_PROBLEMS = frozenset((
    N_("Expecting value"), N_("Expecting property name enclosed in double quotes"), N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"), N_("Unterminated string starting at"), N_("Invalid control character at"),
    N_("Invalid \\escape"), N_("Invalid \\uXXXX escape"), N_("Extra data"),
    N_("Illegal trailing comma before end of object"), N_("Illegal trailing comma before end of array"),
))


def _json_problem(exc: Exception) -> str:
    """What json.loads said, in the language in use (str(exc) in English)."""
    if isinstance(exc, json.JSONDecodeError):
        problem = _(exc.msg) if exc.msg in _JSON_PROBLEMS else exc.msg
        return _("{problem}: line {line} column {column} (char {char})").format(
            problem=problem, line=exc.lineno, column=exc.colno, char=exc.pos)
    if isinstance(exc, RecursionError):
        return _("nested too deeply")
    return str(exc)


def _choice(data: dict, key: str, options, default=None, field: str | None = None) -> str:
    field = field or key
    value = data.get(key, default)
    if value is None:
        raise ScenarioError(field, _("missing"))
    if not isinstance(value, str) or value not in options:
        raise ScenarioError(field, _("unknown {value} (choose one of {options})").format(value=repr(value),
                                                                                       options=", ".join(options)))
    return value


def _number(value, field: str) -> float:
    # bool is an int in Python, but `true` is not a number in a scenario
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(field, _("not a number ({value})").format(value=repr(value))
                            if not isinstance(value, (list, dict)) else _("not a number"))
    try:
        x = float(value)
    except OverflowError:  # an int too large for float64
        raise ScenarioError(field, _("{value} is outside ±{limit}").format(value=value, limit=f"{VALUE_LIMIT:g}")) from None
    if math.isnan(x):
        raise ScenarioError(field, _("NaN is not allowed"))
    if math.isinf(x):
        raise ScenarioError(field, _("infinity is not allowed"))
    if abs(x) > VALUE_LIMIT:
        raise ScenarioError(field, _("{value} is outside ±{limit}").format(value=f"{x:g}", limit=f"{VALUE_LIMIT:g}"))
    return x


def _fast_array(rows: list) -> np.ndarray | None:
    """The float64 array of rows of plain floats/ints that are all in range, else None (then the
    element-by-element check finds and names the bad one). ~50× quicker for T = 1000 inputs."""
    if not all(type(v) is float or type(v) is int for r in rows for v in r):  # noqa: E721 (bool is not int here)
        return None
    try:
        arr = np.array(rows, dtype=np.float64)
    except OverflowError:
        return None
    if not np.all(np.abs(arr) <= VALUE_LIMIT):  # also false for nan and inf
        return None
    arr.setflags(write=False)
    return arr


def _vector(value, field: str, length: int | None = None) -> np.ndarray:
    if not isinstance(value, list):
        raise ScenarioError(field, _("expected a list of numbers"))
    if length is not None and len(value) != length:
        raise ScenarioError(field, _("expected {length} numbers, got {count}").format(length=length, count=len(value)))
    fast = _fast_array([value]) if value else None
    if fast is not None:
        return fast[0]
    arr = np.array([_number(v, f"{field}[{i}]") for i, v in enumerate(value)], dtype=np.float64)
    arr.setflags(write=False)
    return arr


def _matrix(value, field: str, rows: int | None = None, cols: int | None = None) -> np.ndarray:
    """A list of equal-length rows; rows/cols, when given, are the expected shape."""
    if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
        raise ScenarioError(field, _("expected a list of rows (a list of lists of numbers)"))
    got_rows = len(value)
    lengths = {len(r) for r in value}
    if len(lengths) > 1:
        raise ScenarioError(field, _("ragged rows (lengths {lengths})").format(lengths=sorted(lengths)))
    got_cols = lengths.pop() if lengths else 0
    want = f"{rows if rows is not None else got_rows}×{cols if cols is not None else got_cols}"
    if (rows is not None and got_rows != rows) or (cols is not None and got_cols != cols):
        raise ScenarioError(field, _("expected {want}, got {got}").format(want=want, got=f"{got_rows}×{got_cols}"))
    if got_rows == 0 or got_cols == 0:
        raise ScenarioError(field, _("empty ({shape})").format(shape=f"{got_rows}×{got_cols}"))
    fast = _fast_array(value)
    if fast is not None:
        return fast
    arr = np.array(
        [[_number(v, f"{field}[{i}][{j}]") for j, v in enumerate(r)] for i, r in enumerate(value)],
        dtype=np.float64,
    )
    arr.setflags(write=False)
    return arr


def _size(field: str, name: str, value: int) -> None:
    if value > LIMITS[name]:
        raise ScenarioError(field, _("{name} = {value} exceeds the limit {limit}").format(name=name, value=value,
                                                                                        limit=LIMITS[name]))


def _parse(data) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError("scenario", _("expected a JSON object, got {kind}").format(kind=type(data).__name__))
    for key in data:
        if key not in FIELDS:
            raise ScenarioError(str(key), _("unknown field (known: {known})").format(known=", ".join(FIELDS)))

    cell = _choice(data, "cell", CELLS, default="rnn")
    if cell == "rnn":
        activation = _choice(data, "activation", tuple(ACTIVATIONS))
    else:  # a gated cell's activations are its own (σ for gates, tanh for the candidate)
        activation = _choice(data, "activation", ("tanh",), default="tanh")
    output = _choice(data, "output", tuple(OUTPUTS))
    loss = _choice(data, "loss", tuple(LOSS_NEEDS_OUTPUT))
    loss_at = _choice(data, "loss_at", LOSS_AT, default="last")
    needs = LOSS_NEEDS_OUTPUT[loss]
    if needs is not None and output != needs:
        raise ScenarioError("loss", _("{loss} needs output {needs}, got {output}").format(loss=loss, needs=needs,
                                                                                        output=output))

    if "inputs" not in data:
        raise ScenarioError("inputs", _("missing"))
    if isinstance(data["inputs"], list):  # sizes are checked before values: huge inputs fail fast
        _size("inputs", "T", len(data["inputs"]))
        if data["inputs"] and isinstance(data["inputs"][0], list):
            _size("inputs", "m", len(data["inputs"][0]))
    inputs = _matrix(data["inputs"], "inputs")
    T, m = inputs.shape
    _size("inputs", "m", m)

    weights_in = data.get("weights")
    if not isinstance(weights_in, dict):
        raise ScenarioError("weights", _("missing") if weights_in is None else _("expected an object of named weights"))
    names = weight_names(cell)
    for name in weights_in:
        if name not in names:
            raise ScenarioError(f"weights.{name}", _("unknown weight for cell {cell} (known: {known})").format(
                cell=cell, known=", ".join(names)))
    for name in (("W_xh", "W_hh", "W_hy") if cell == "rnn" else ("W_ih", "W_hh", "W_hy")):
        if name not in weights_in:
            raise ScenarioError(f"weights.{name}", _("missing"))

    # n is the number of rows of W_hh (over the gate count), k the number of rows of W_hy
    W_hh_in, W_hy_in = weights_in["W_hh"], weights_in["W_hy"]
    rows = len(W_hh_in) if isinstance(W_hh_in, list) else 0
    G = GATE_COUNT.get(cell, 1)
    if rows % G:
        gates = "i, f, g, o" if cell == "lstm" else "r, z, n"
        raise ScenarioError("weights.W_hh", _("{rows} rows is not {G}·n ({cell}: one block of n rows per gate, {gates})")
                            .format(rows=rows, G=G, cell=cell, gates=gates))
    n = rows // G
    _size("weights.W_hh", "n", n)
    k = len(W_hy_in) if isinstance(W_hy_in, list) else 0
    _size("weights.W_hy", "k", k)
    if cell == "rnn":
        weights = {
            "W_xh": _matrix(weights_in["W_xh"], "weights.W_xh", n, m),
            "W_hh": _matrix(W_hh_in, "weights.W_hh", n, n),
            "b_h": _vector(weights_in.get("b_h", [0.0] * n), "weights.b_h", n),
        }
    else:
        weights = {
            "W_ih": _matrix(weights_in["W_ih"], "weights.W_ih", G * n, m),
            "W_hh": _matrix(W_hh_in, "weights.W_hh", G * n, n),
            "b_ih": _vector(weights_in.get("b_ih", [0.0] * (G * n)), "weights.b_ih", G * n),
            "b_hh": _vector(weights_in.get("b_hh", [0.0] * (G * n)), "weights.b_hh", G * n),
        }
    weights["W_hy"] = _matrix(W_hy_in, "weights.W_hy", k, n)
    weights["b_y"] = _vector(weights_in.get("b_y", [0.0] * k), "weights.b_y", k)

    c0_in = data.get("c0")
    if cell != "lstm" and c0_in is not None:
        raise ScenarioError("c0", _("only the LSTM has a cell state (this is {cell})").format(cell=cell))
    c0 = _vector([0.0] * n if c0_in is None else c0_in, "c0", n) if cell == "lstm" else None

    h0_in = data.get("h0")
    h0 = _vector([0.0] * n if h0_in is None else h0_in, "h0", n)

    if "targets" not in data:
        raise ScenarioError("targets", _("missing"))
    rows = 1 if loss_at == "last" else T
    targets = _matrix(data["targets"], "targets", rows, k)
    if loss == "bce" and (targets.min() < 0 or targets.max() > 1):
        raise ScenarioError("targets", _("bce needs targets in [0, 1]"))
    if loss == "ce":
        if targets.min() < 0:
            raise ScenarioError("targets", _("ce needs targets ≥ 0 (a probability for each class)"))
        sums = targets.sum(axis=1)
        if np.any(np.abs(sums - 1.0) > 1e-6):
            raise ScenarioError("targets", _("ce needs each target row to sum to 1, got {sum}").format(sum=f"{sums.max():g}"))

    clip_in = data.get("clip")
    clip = None
    if clip_in is not None:
        if not isinstance(clip_in, dict):
            raise ScenarioError("clip", _("expected null or an object with mode and threshold"))
        for key in clip_in:
            if key not in ("mode", "threshold"):
                raise ScenarioError(f"clip.{key}", _("unknown field (known: {known})").format(known="mode, threshold"))
        mode = _choice(clip_in, "mode", CLIP_MODES, field="clip.mode")
        if "threshold" not in clip_in:
            raise ScenarioError("clip.threshold", _("missing"))
        threshold = _number(clip_in["threshold"], "clip.threshold")
        if threshold <= 0:
            raise ScenarioError("clip.threshold", _("must be > 0, got {value}").format(value=f"{threshold:g}"))
        clip = Clip(mode, threshold)

    return Scenario(cell, activation, output, loss, loss_at, inputs, targets, h0, weights, clip, c0)
