"""Every shareable setting, in one declarative table per page: the widget's key, the URL
parameter, its type, default and bounds (after tensorflow/playground's state.ts).

Pure Python: pages build their widgets from these entries (through rnnviz.ui), and links are
checked against them before any widget reads them, so a bad link is reported, never a traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .activations import ACTIVATIONS, OUTPUTS
from .i18n import LANGUAGES, _
from .gradient_flow import CLIPS, INPUTS, MATRICES, FlowSettings
from .losses import LOSS_NEEDS_OUTPUT
from .optimizers import OPTIMIZERS
from .presets import PRESETS
from .scenario import LOSS_AT
from .scenario_form import form_from_scenario
from .tasks import TASKS
from .training import TrainSettings
from .tutorial import tutorial_scenario

MAX_TEXT = 200_000  # characters in one link parameter (a scenario of T = 1000 fits)


class SettingError(ValueError):
    """A link value that does not fit its setting; the message says why."""


@dataclass(frozen=True)
class Setting:
    """One shareable setting. kind: "float", "int", "choice", "bool" or "text"."""

    key: str
    kind: str
    default: object
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple = ()

    def parse(self, raw) -> object:
        """The value a link's raw text stands for; SettingError if it does not fit."""
        if isinstance(raw, list):  # ?k=1&k=2: Streamlit hands over a list
            raise SettingError(_("given more than once"))
        text = str(raw)
        if self.kind == "text":
            limit = int(self.max) if self.max is not None else MAX_TEXT
            if len(text) > limit:
                raise SettingError(_("longer than {limit} characters").format(limit=f"{limit:,}"))
            return text
        if self.kind == "choice":
            if text not in self.options:
                raise SettingError(_("{text} is not one of {options}").format(text=repr(text[:40]), options=", ".join(map(str, self.options))))
            return text
        if self.kind == "bool":
            if text.lower() not in ("true", "false"):
                raise SettingError(_("{text} is not true or false").format(text=repr(text[:40])))
            return text.lower() == "true"
        try:
            value = float(text) if self.kind == "float" else int(text)
        except (ValueError, OverflowError):  # int() of 5000 digits refuses with ValueError
            raise SettingError((_("{text} is not a number") if self.kind == "float" else _("{text} is not a whole number"))
                              .format(text=repr(text[:40]))) from None
        if self.kind == "float" and not math.isfinite(value):
            raise SettingError(_("{text} is not a finite number").format(text=repr(text[:40])))
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            raise SettingError(_("{text} is outside [{low}, {high}]").format(text=text[:20], low=f"{self.min:g}", high=f"{self.max:g}"))
        return value


def check_link(params: dict, settings: tuple) -> tuple[dict, list[str]]:
    """Split a link's parameters into the values that fit the page's settings and notices about the rest.

    params: name -> raw text (or list of texts). Returns ({key: value}, ["why each other was ignored"]).
    """
    by_key = {s.key: s for s in settings}
    good, notices = {}, []
    for name, raw in params.items():
        setting = by_key.get(name)
        if setting is None:
            notices.append(f"`{name[:40]}`: " + _("not a setting of this page"))
            continue
        try:
            good[name] = setting.parse(raw)
        except SettingError as exc:
            notices.append(f"`{name}`: {exc}")
    return good, notices


# --- the table ---------------------------------------------------------------------------

_DEFAULT_FORM = form_from_scenario(PRESETS["tutorial"])
MATRIX_TEXT_LIMIT = 4_000  # characters in one matrix field: 6 rows of 4 numbers need far fewer

# The forward and backward pages edit one scenario: the same settings, kept across both.
STEP_SETTINGS = (
    Setting("preset", "choice", "tutorial", options=tuple(PRESETS)),
    Setting("n", "int", 1, min=1, max=4),
    Setting("m", "int", 1, min=1, max=3),
    Setting("k", "int", 1, min=1, max=3),
    Setting("T", "int", 2, min=1, max=6),
    Setting("f", "choice", "tanh", options=tuple(ACTIVATIONS)),
    Setting("g", "choice", "sigmoid", options=tuple(OUTPUTS)),
    Setting("loss", "choice", "bce", options=tuple(LOSS_NEEDS_OUTPUT)),
    Setting("loss_at", "choice", "last", options=LOSS_AT),
) + tuple(Setting(field, "text", _DEFAULT_FORM[field], max=MATRIX_TEXT_LIMIT)
          for field in ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0", "x", "y"))

# The vanishing/exploding lab: one entry per FlowSettings field (keys differ from the step pages'
# so that their shared scenario never meets a lab value).
_LAB = FlowSettings()
LAB_SETTINGS = (
    Setting("length", "int", _LAB.T, min=1, max=1000),
    Setting("hidden", "int", _LAB.n, min=1, max=128),
    Setting("activation", "choice", _LAB.f, options=tuple(ACTIVATIONS)),
    Setting("matrix", "choice", _LAB.matrix, options=MATRICES),
    Setting("lambda1", "float", _LAB.scale, min=0.0, max=8.0, step=0.01),
    Setting("input_scale", "float", _LAB.input_scale, min=0.0, max=3.0, step=0.05),
    Setting("inputs", "choice", _LAB.inputs, options=INPUTS),
    Setting("seed", "int", _LAB.seed, min=0, max=2**31 - 1),
    Setting("clip", "choice", _LAB.clip, options=CLIPS),
    Setting("theta", "float", _LAB.theta, min=0.05, max=10.0, step=0.05),
)
LAB_FIELDS = dict(zip((s.key for s in LAB_SETTINGS),
                      ("T", "n", "f", "matrix", "scale", "input_scale", "inputs", "seed", "clip", "theta")))


def lab_settings(values: dict) -> FlowSettings:
    """FlowSettings from the lab's widget values (keyed as LAB_SETTINGS)."""
    return FlowSettings(**{LAB_FIELDS[key]: value for key, value in values.items()})


# The training page: TrainSettings, plus the clipping that the side-by-side run uses.
_TRAIN = TrainSettings()
LEARNING_RATES = ("0.0005", "0.001", "0.005", "0.01", "0.05", "0.1", "0.5")
TRAIN_SETTINGS = (
    Setting("task", "choice", _TRAIN.task, options=TASKS),
    Setting("seq_len", "int", 20, min=2, max=200),  # T of the memory tasks (the tutorial's is 2)
    Setting("layers", "int", _TRAIN.layers, min=1, max=3),
    Setting("units", "int", _TRAIN.hidden, min=1, max=16),
    Setting("act", "choice", _TRAIN.f, options=("sigmoid", "tanh", "relu", "linear")),
    Setting("optimizer", "choice", _TRAIN.optimizer, options=OPTIMIZERS),
    Setting("rate", "choice", "0.05", options=LEARNING_RATES),
    Setting("epochs", "int", 300, min=1, max=2000),
    Setting("batch", "int", _TRAIN.batch_size, min=1, max=256),
    Setting("train_seed", "int", _TRAIN.seed, min=0, max=2**31 - 1),
    Setting("init", "choice", _TRAIN.init, options=("keras", "small")),
    Setting("train_clip", "choice", "norm", options=("norm", "value")),
    Setting("train_theta", "float", 1.0, min=0.05, max=10.0, step=0.05),
)


def train_settings(values: dict) -> TrainSettings:
    """The clipped run's TrainSettings from the training page's widget values (keyed as TRAIN_SETTINGS)."""
    v = values
    return TrainSettings(task=v["task"], T=2 if v["task"] == "tutorial" else int(v["seq_len"]), layers=int(v["layers"]),
                         hidden=int(v["units"]), f=v["act"], optimizer=v["optimizer"], lr=float(v["rate"]),
                         epochs=int(v["epochs"]), batch_size=int(v["batch"]), seed=int(v["train_seed"]), init=v["init"],
                         clip=v["train_clip"], theta=float(v["train_theta"]))


# The cliff page: where gradient descent starts and how it steps.
CLIFF_SETTINGS = (
    Setting("w0", "float", 4.5, min=0.0, max=10.0, step=0.05),
    Setting("b0", "float", -2.5, min=-5.0, max=0.0, step=0.05),
    Setting("step_size", "choice", "0.1", options=("0.01", "0.05", "0.1", "0.5", "1", "2")),
    Setting("descent_steps", "int", 200, min=1, max=1000),
    Setting("clip_theta", "float", 1.0, min=0.05, max=10.0, step=0.05),
)

# The LSTM & GRU page: the cell stepped through, its step, and the three-cell comparison.
GATES_SETTINGS = (
    Setting("cell", "choice", "lstm", options=("lstm", "gru")),
    Setting("step", "int", 1, min=1, max=3),
    Setting("gate_bias", "float", 3.0, min=-3.0, max=6.0, step=0.5),
    Setting("cells_T", "int", 100, min=10, max=300),
    Setting("cells_n", "int", 16, min=1, max=64),
    Setting("cells_seed", "int", 0, min=0, max=2**31 - 1),
)

# Settings of every page's link: the language, and the classroom view (the controls students see,
# as a comma-separated list of setting keys, empty for all; larger type).
LINK_SETTINGS = (
    Setting("lang", "choice", "en", options=tuple(LANGUAGES)),
    Setting("show", "text", "", max=2_000),
    Setting("big", "bool", False),
)

PAGE_SETTINGS = {
    "app.py": (
        Setting("w_hh", "float", 1.0, min=-3.0, max=3.0, step=0.05),
    ),
    "pages/forward.py": STEP_SETTINGS,
    "pages/backward.py": STEP_SETTINGS,
    "pages/vanishing.py": LAB_SETTINGS,
    "pages/training.py": TRAIN_SETTINGS,
    "pages/cliff.py": CLIFF_SETTINGS,
    "pages/gates.py": GATES_SETTINGS,
    "pages/trace.py": (
        Setting("scenario", "text", tutorial_scenario().to_json(indent=2)),
    ),
}
