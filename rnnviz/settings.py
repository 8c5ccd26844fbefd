"""Every shareable setting, in one declarative table per page: the widget's key, the URL
parameter, its type, default and bounds (after tensorflow/playground's state.ts).

Pure Python: pages build their widgets from these entries (through rnnviz.ui), and links are
checked against them before any widget reads them, so a bad link is reported, never a traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .activations import ACTIVATIONS, OUTPUTS
from .cell_flow import CellFlowSettings, cell_scenarios
from .i18n import LANGUAGES, N_, _
from .gradient_flow import CLIPS, INPUTS, MATRICES, FlowSettings
from .losses import LOSS_NEEDS_OUTPUT
from .optimizers import OPTIMIZERS
from .presets import PRESETS
from .scenario import LOSS_AT, Scenario
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


def link_text(s: Setting, value) -> str:
    """A setting's value as its link writes it (the inverse of Setting.parse)."""
    if s.kind == "bool":
        return "true" if value else "false"
    if s.kind == "float":
        return format(float(value), ".10g")
    return str(value)


def link_query(settings: tuple, values: dict) -> dict:
    """The query string (name -> text) that reproduces `values`: as bound widgets write the link,
    a setting at its default is left out."""
    return {s.key: link_text(s, values[s.key]) for s in settings if s.key in values and values[s.key] != s.default}


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
    if good.get("show"):  # the classroom view's list of controls: only this page's
        controls = {s.key for s in settings} | {"preset"}
        keys = [key for key in good["show"].split(",") if key]
        unknown = [key for key in keys if key not in controls]
        if unknown:
            notices.append("`show`: " + _("not controls of this page: {keys}").format(keys=", ".join(k[:40] for k in unknown[:10])))
            good["show"] = ",".join(key for key in keys if key in controls)
            if not good["show"]:
                del good["show"]  # nothing left: dropped, as any other bad value
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
    Setting("predict", "bool", False),  # the step pages: the next number stays hidden until a click
)

# The step pages, and the setting each keeps the step its unrolled graph opens at in (7: the last,
# whatever T is; clamped to the frames there are).
STEP_KEY = {"pages/forward.py": "fstep", "pages/backward.py": "bstep"}

PAGE_SETTINGS = {
    "app.py": (
        Setting("w_hh", "float", 1.0, min=-3.0, max=3.0, step=0.05),
    ),
    **{path: STEP_SETTINGS + (Setting(key, "int", 7, min=0, max=7),) for path, key in STEP_KEY.items()},
    "pages/vanishing.py": LAB_SETTINGS,
    "pages/training.py": TRAIN_SETTINGS,
    "pages/cliff.py": CLIFF_SETTINGS,
    "pages/gates.py": GATES_SETTINGS,
    "pages/trace.py": (
        Setting("scenario", "text", tutorial_scenario().to_json(indent=2)),
    ),
}


# --- presets: named sets of a page's settings (the step pages pick scenarios with their own "preset") ---

def _preset(settings: tuple, **overrides) -> dict:
    """Every setting of the page: its default, or the override. A preset gives the whole view,
    whatever was on screen before."""
    keys = {s.key for s in settings}
    assert set(overrides) <= keys, set(overrides) - keys
    return {s.key: overrides.get(s.key, s.default) for s in settings}


def _trace_preset(scenario) -> dict:
    return {"scenario": scenario.to_json(indent=2)}


def _gated_example(cell: str):
    """The LSTM & GRU page's two-unit, three-step example cell."""
    return cell_scenarios(CellFlowSettings(T=3, n=2, seed=1))[cell]


# page -> preset name (English, translated where shown) -> {setting key: value}
PAGE_PRESETS = {
    "app.py": {
        N_("The tutorial's example (w_hh = 1)"): _preset(PAGE_SETTINGS["app.py"]),
        N_("A small recurrent weight (w_hh = 0.2): h₁ barely reaches h₂"): _preset(PAGE_SETTINGS["app.py"], w_hh=0.2),
        N_("A large recurrent weight (w_hh = 3): tanh saturates"): _preset(PAGE_SETTINGS["app.py"], w_hh=3.0),
        N_("A negative recurrent weight (w_hh = −1)"): _preset(PAGE_SETTINGS["app.py"], w_hh=-1.0),
    },
    "pages/vanishing.py": {
        N_("On the edge: tanh, orthogonal, λ₁ = 1 (the default)"): _preset(LAB_SETTINGS),
        N_("Vanishing: tanh, λ₁ = 0.8"): _preset(LAB_SETTINGS, lambda1=0.8),
        N_("Exploding: linear, λ₁ = 1.1, T = 100"): _preset(LAB_SETTINGS, activation="linear", lambda1=1.1, length=100),
        N_("Past float64's range: linear, 2·I, T = 1000"): _preset(LAB_SETTINGS, activation="linear", matrix="identity",
                                                                   lambda1=2.0, length=1000, hidden=8),
        N_("Sigmoid: γ = 1/4, so λ₁ = 4 is the edge"): _preset(LAB_SETTINGS, activation="sigmoid", lambda1=4.0),
        N_("Value clipping turns the gradient: linear, λ₁ = 1.05, T = 200"): _preset(
            LAB_SETTINGS, activation="linear", lambda1=1.05, length=200, clip="value", theta=0.05),
    },
    "pages/training.py": {
        N_("The tutorial's model: one unit per layer (stalls at 0.3819)"): _preset(TRAIN_SETTINGS),
        N_("Two units per layer reach the floor"): _preset(TRAIN_SETTINGS, units=2),
        N_("Remember the first bit over 20 steps, SGD"): _preset(TRAIN_SETTINGS, task="first_bit", seq_len=20,
                                                                 act="tanh", optimizer="sgd", rate="0.1", units=8,
                                                                 layers=1, epochs=200),
        N_("The adding problem over 30 steps, Adam"): _preset(TRAIN_SETTINGS, task="adding", seq_len=30, act="tanh",
                                                              units=8, layers=1, rate="0.01", epochs=100),
    },
    "pages/cliff.py": {
        N_("Start before the wall (w₀ = 4.5, b₀ = −2.5)"): _preset(CLIFF_SETTINGS),
        N_("Bigger steps (η = 0.5): the plain run is thrown far"): _preset(CLIFF_SETTINGS, step_size="0.5"),
        N_("Start past the wall (w₀ = 6)"): _preset(CLIFF_SETTINGS, w0=6.0),
        N_("Tight clipping (θ = 0.1)"): _preset(CLIFF_SETTINGS, clip_theta=0.1),
    },
    "pages/gates.py": {
        N_("Gate bias 3: the gated cells keep the gradient"): _preset(GATES_SETTINGS),
        N_("Gate bias 0: the gated cells lose it too"): _preset(GATES_SETTINGS, gate_bias=0.0),
        N_("A GRU, 300 steps"): _preset(GATES_SETTINGS, cell="gru", cells_T=300),
    },
    "pages/trace.py": {
        N_("The tutorial's example"): _trace_preset(tutorial_scenario()),
        N_("Saturated tanh"): _trace_preset(Scenario.from_dict(PRESETS["saturated tanh"])),
        N_("Identity linear"): _trace_preset(Scenario.from_dict(PRESETS["identity linear"])),
        N_("Exploding"): _trace_preset(Scenario.from_dict(PRESETS["exploding"])),
        N_("An LSTM, 2 units, 3 steps"): _trace_preset(_gated_example("lstm")),
        N_("A GRU, 2 units, 3 steps"): _trace_preset(_gated_example("gru")),
    },
}


def preset_values(path: str, name: str) -> dict:
    """The settings a page's preset `name` sets, by key."""
    return dict(PAGE_PRESETS[path][name])
