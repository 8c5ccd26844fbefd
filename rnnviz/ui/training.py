"""The training and cliff pages' controls, cached runs and progress (Streamlit side of rnnviz.training, rnnviz.cliff)."""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict

import numpy as np
import streamlit as st

from .. import charts_training, cliff
from ..i18n import _
from ..settings import CLIFF_SETTINGS, TRAIN_SETTINGS, train_settings
from ..training import WORK_BUDGET, Run, TrainSettings, clipping_never_acts, epoch_work, train_epochs
from ..training_text import run_label
from . import control, control_row, values
from .classroom import sidebar_section
from .live import fragment_rerun

TRAIN = {s.key: s for s in TRAIN_SETTINGS}
CLIFF = {s.key: s for s in CLIFF_SETTINGS}
FINISHED_RUNS = 64      # finished runs kept for every session: a classroom shares them
DRAW_EVERY_S = 0.3      # while training, redraw the charts at most this often
STOP_FROM_WORK = WORK_BUDGET / 10  # runs of at least this much work (about half a second) get a Stop button


def training_controls() -> None:
    """The training page's controls, drawn where the caller draws (its live control's fragment, in
    the sidebar); training_settings() reads them."""
    with sidebar_section("data", _("Data and model")):
        control(TRAIN["task"], _("task"), help=_("tutorial: its five sequences (§5.2). first_bit: remember bit 1 "
                                                 "for T steps. adding: sum the two marked numbers."))
        if st.session_state.get("task", TRAIN["task"].default) != "tutorial":
            control(TRAIN["seq_len"], _("sequence length T"))
        control_row((TRAIN["layers"], _("layers")), (TRAIN["units"], _("units per layer")))
        control(TRAIN["act"], _("activation f"))
        control(TRAIN["init"], _("initialisation"), help=_("keras: glorot-uniform inputs, orthogonal recurrent, zero "
                                                           "biases (Keras's defaults). small: N(0, 0.1²)."))
    with sidebar_section("optimizer", _("Optimizer")):
        control_row((TRAIN["optimizer"], _("optimizer"), {"help": _(
                        "sgd: plain gradient descent. momentum: with momentum μ = 0.9. adam: Adam "
                        "(Kingma & Ba 2015).")}),
                    (TRAIN["rate"], _("learning rate")))
        control_row((TRAIN["epochs"], _("epochs")), (TRAIN["batch"], _("batch size")))
        control(TRAIN["train_seed"], _("seed"))
    with sidebar_section("clipping", _("Clipping (the blue run)")):
        control(TRAIN["train_clip"], _("clip by"), help=_("norm: rescale the whole gradient when its norm exceeds "
                                                          "θ. value: clip every component to [−θ, θ]."))
        control(TRAIN["train_theta"], _("threshold θ"))


def training_settings() -> TrainSettings:
    """The clipped run's settings, as asked: the controls' values (their defaults before they are drawn)."""
    return train_settings(values(TRAIN_SETTINGS))


@st.cache_resource(show_spinner=False)
def _finished() -> OrderedDict:
    """Finished runs by settings, the oldest dropped past FINISHED_RUNS (shared by all sessions)."""
    return OrderedDict()


def finished_run(s: TrainSettings) -> Run | None:
    runs = _finished()
    if s in runs:
        runs.move_to_end(s)
        return runs[s]
    return None


PARTIAL = "_train_partial"   # (settings, runs) of the runs being trained, for a Stop to show
STOPPED = "_train_stopped"   # the settings whose training the user stopped


def stop_button(settings: list[TrainSettings]) -> None:
    """A Stop button: clicking it reruns the page, which interrupts training; the next run sees
    the flag and shows what was trained so far instead of starting again."""
    st.button(_("Stop training"), icon=":material/stop:", key="stop_training",
              on_click=lambda: st.session_state.__setitem__(STOPPED, tuple(settings)))


def stopped_runs(settings: list[TrainSettings]) -> list[Run] | None:
    """The partial runs of `settings` if the user stopped them, else None (train them)."""
    if st.session_state.get(STOPPED) != tuple(settings):
        return None
    partial = st.session_state.get(PARTIAL)
    return partial[1] if partial and partial[0] == tuple(settings) else None


def worth_stopping(settings: list[TrainSettings]) -> bool:
    """Whether training these takes long enough (about half a second or more) to offer a Stop button: a
    shorter run would flash the button on and off, and move the chart under it, at every change."""
    return sum(epoch_work(s) * s.epochs for s in settings) >= STOP_FROM_WORK


def run_with_progress(settings: list[TrainSettings], draw, on_progress=None) -> list[Run]:
    """Train every settings not trained before, calling draw(runs, epoch, total) at most every
    DRAW_EVERY_S while it trains and once at the end, and on_progress() first if that takes long
    (worth_stopping; in a fragment's rerun such a training starts a run of the whole page instead,
    where Stop can interrupt it). A clipped run that clipping never touched is read off its unclipped
    run (clipping_never_acts). Runs that finish are kept for everyone; runs the user stops stay in
    this session (PARTIAL) to be shown, never cached."""
    def known(s: TrainSettings) -> Run | None:
        """s's finished run, or one read off its finished unclipped run."""
        return finished_run(s) or clipping_never_acts(finished_run(unclipped(s)), s)

    runs, pending = [], []
    for s in settings:
        done = known(s)
        if done is None:
            gen = train_epochs(s)
            done = next(gen)
            pending.append((len(runs), s, gen))
        runs.append(done)
    if pending:
        long = on_progress is not None and worth_stopping([s for _i, s, _gen in pending])
        if long and fragment_rerun():
            # a click does not interrupt a fragment's run (Streamlit queues the rerun it asks for until
            # the run ends), so a Stop there would stop nothing: train in a run of the whole page
            st.rerun(scope="app")
        st.session_state.pop(STOPPED, None)
        st.session_state[PARTIAL] = (tuple(settings), runs)  # the Run objects grow as they train
        if long:
            on_progress()
    last = time.monotonic()  # a run that finishes within DRAW_EVERY_S is drawn once, at the end
    for index, s, gen in pending:
        # the clipped run after its unclipped one, trained just now: clipping may never have acted
        same = known(s)
        if same is not None:
            runs[index] = same
        else:
            for record in gen:
                if time.monotonic() - last > DRAW_EVERY_S:
                    draw(runs, record.epoch, s.epochs)
                    last = time.monotonic()
        store = _finished()
        store[s] = runs[index]
        while len(store) > FINISHED_RUNS:
            store.popitem(last=False)
    st.session_state.pop(PARTIAL, None)
    draw(runs, None, None)
    return runs


def unclipped(s: TrainSettings) -> TrainSettings:
    """The same run without clipping; θ reset too, so every θ finds this run in the cache."""
    return dataclasses.replace(s, clip="none", theta=TrainSettings.theta)


def cliff_controls() -> None:
    """The cliff page's controls, drawn where the caller draws (its live control's fragment, in the sidebar)."""
    with sidebar_section("descent", _("Gradient descent")):
        control(CLIFF["w0"], _("start w₀"))
        control(CLIFF["b0"], _("start b₀"))
        control_row((CLIFF["step_size"], _("learning rate")), (CLIFF["descent_steps"], _("steps")))
        control(CLIFF["clip_theta"], _("norm clipping θ (blue run)"))


def cliff_settings() -> tuple[float, float, float, int, float]:
    """(w0, b0, learning rate, steps, theta): the cliff controls' values (their defaults before they are drawn)."""
    v = values(CLIFF_SETTINGS)
    return float(v["w0"]), float(v["b0"]), float(v["step_size"]), int(v["descent_steps"]), float(v["clip_theta"])


@st.cache_data(max_entries=4, show_spinner=False)
def cached_surface(points: int = 200):
    return cliff.surface(points=points)


@st.cache_resource(max_entries=4, show_spinner=False)
def cached_cliff_surface(points: int = 200) -> dict:
    """charts_training.cliff_surface of cached_surface(points): coloured and compressed once (~12 ms),
    shared by every session and never copied (cliff_figure only reads it)."""
    ws, bs, E = cached_surface(points)[:3]
    return charts_training.cliff_surface(ws, bs, E)


def cached_descents(w0: float, b0: float, lr: float, steps: int, theta: float) -> dict:
    """The two descents by their names in the language in use ("without clipping", "with norm
    clipping, θ = 1"): the cache holds the numbers only, the names are added on every run."""
    plain, clipped = _cached_descents(w0, b0, lr, steps, theta)
    return {run_label("none", theta): plain, run_label("norm", theta): clipped}


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_descents(w0: float, b0: float, lr: float, steps: int, theta: float) -> tuple:
    return cliff.descend(w0, b0, lr, steps), cliff.descend(w0, b0, lr, steps, clip=theta)


@st.cache_data(max_entries=2, show_spinner=False)
def cached_bifurcation(w: float = 5.0):
    bs = np.linspace(-4.0, -1.0, 301)
    branches = [(b, x, stable) for b in bs for x, stable in cliff.fixed_points(float(b), w)]
    return bs, branches, cliff.bistable_interval(w)
