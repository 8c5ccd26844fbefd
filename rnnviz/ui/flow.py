"""The vanishing/exploding lab's controls and cached computations (Streamlit side of rnnviz.gradient_flow)."""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

from .. import charts_flow, i18n
from ..activations import ACTIVATIONS
from ..cell_flow import CellFlowSettings, cell_scenarios
from ..gradient_flow import Flow, FlowSettings, gradient_flow, jacobian_norms, sweep
from ..i18n import _
from ..settings import GATES_SETTINGS, LAB_SETTINGS, lab_settings
from ..tracing import Trace, trace
from . import control, control_row, values
from .classroom import sidebar_section

SETTING = {s.key: s for s in LAB_SETTINGS}
SWEEP_SCALES = 41  # rows of the heatmap: lambda_1 from 0 to 2/gamma


def lab_controls() -> None:
    """Draw the lab's controls where the caller draws (the page's live control, in the sidebar);
    lab_values() reads them."""
    with sidebar_section("network", _("Network")):
        control_row((SETTING["length"], _("steps T"), {"help": _("Length of the sequence; the loss is at the last step.")}),
                    (SETTING["hidden"], _("hidden n")))
        control(SETTING["activation"], _("activation f"))
        control(SETTING["matrix"], _("recurrent matrix W_hh"),
                help=_("λ₁ times: the identity, a random orthogonal matrix, or a random Gaussian matrix "
                       "rescaled so that its largest singular value is 1."))
        control(SETTING["lambda1"], _("λ₁, the largest singular value of W_hh"))
        control_row((SETTING["inputs"], _("inputs x_t"),
                     {"help": _("random: Gaussian noise; constant: 1 at every step; zeros: no input at all.")}),
                    (SETTING["seed"], _("seed")))
        control(SETTING["input_scale"], _("input-weight scale"))
    with sidebar_section("clipping", _("Gradient clipping")):
        control(SETTING["clip"], _("clip"), help=_("none: no clipping; norm: rescale the whole gradient to norm θ "
                                                   "when it is longer; value: cut every element to [−θ, θ]."))
        control(SETTING["theta"], _("threshold θ"))


def lab_values() -> FlowSettings:
    """The lab's settings: its controls' values (their defaults before they are drawn)."""
    return lab_settings(values(LAB_SETTINGS))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_jacobian(settings: FlowSettings) -> tuple[np.ndarray, np.ndarray]:
    """jacobian_norms(settings): clipping does not change it, so a page passes the settings without it."""
    return jacobian_norms(settings)


# A resource (shared, never copied): the page reads it four times a rerun, and cache_data unpickled a copy
# each time (a λ₁ change's server time 22 -> 19.5 ms). A Flow is frozen and nothing writes into its arrays.
@st.cache_resource(max_entries=64, show_spinner=False)
def cached_flow(settings: FlowSettings) -> Flow:
    """gradient_flow(settings), reusing the Jacobian norms of the same network under other clipping."""
    unclipped = dataclasses.replace(settings, clip="none", theta=FlowSettings.theta)
    return gradient_flow(settings, jacobian=cached_jacobian(unclipped))


def sweep_scales(f: str) -> np.ndarray:
    """lambda_1 from 0 to 2/gamma: the critical 1/gamma sits in the middle of the heatmap."""
    return np.linspace(0.0, 2.0 / ACTIVATIONS[f]["gamma"], SWEEP_SCALES)


@st.cache_data(max_entries=32, show_spinner=False)
def cached_sweep(settings: FlowSettings) -> np.ndarray:
    """sweep() over sweep_scales(settings.f); scale, clip and theta do not enter (callers drop them)."""
    return sweep(settings, sweep_scales(settings.f))


def _network(settings: FlowSettings) -> FlowSettings:
    """The settings the sweep depends on: all but lambda_1 and clipping (set to their defaults)."""
    return dataclasses.replace(settings, scale=FlowSettings.scale, clip="none", theta=FlowSettings.theta)


def sweep_data(settings: FlowSettings) -> tuple[np.ndarray, np.ndarray]:
    """(scales, log10) of the heatmap for these settings: its rows' lambda_1 and cached_sweep's values."""
    return sweep_scales(settings.f), cached_sweep(_network(settings))


# Figures as resources (shared, never copied), as rnnviz.ui.cached_figure does for the step pages;
# they carry text, so the language is part of their key.
def cached_flow_figure(settings: FlowSettings):
    """charts_flow.flow_figure of the lab's network, in the language in use."""
    return _cached_flow_figure(settings, i18n.current())


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_flow_figure(settings: FlowSettings, language: str):
    return charts_flow.flow_figure(cached_flow(settings))


def cached_sweep_figure(settings: FlowSettings):
    """charts_flow.sweep_figure (the heatmap over lambda_1 and lag), in the language in use."""
    return _cached_sweep_figure(settings, i18n.current())


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_sweep_figure(settings: FlowSettings, language: str):
    layers = _cached_sweep_layers(_network(settings), language)
    return charts_flow.sweep_figure(*sweep_data(settings), ACTIVATIONS[settings.f]["gamma"], settings.scale,
                                    layers=layers)


# The sweep's image and hover grid, for every lambda_1 of one network: a new lambda_1 only moves a line
@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_sweep_layers(network: FlowSettings, language: str) -> dict:
    return charts_flow.sweep_layers(*sweep_data(network), ACTIVATIONS[network.f]["gamma"])


def gates_controls() -> None:
    """The LSTM & GRU page's controls, drawn where the caller draws (the page's live control, in
    the sidebar); gates_values() reads them."""
    setting = {s.key: s for s in GATES_SETTINGS}
    with sidebar_section("cell", _("The cell")):
        control_row((setting["cell"], _("cell")), (setting["step"], _("step t")))
        control(setting["gate_bias"], _("gate bias (LSTM f, GRU z)"),
                help=_("Added to the bias of the gate that carries the state over: the LSTM's forget gate, the GRU's "
                       "update gate. σ(3) ≈ 0.95."))
    with sidebar_section("cells", _("Three cells compared")):
        control_row((setting["cells_T"], _("steps T")), (setting["cells_n"], _("units n")))
        control(setting["cells_seed"], _("seed"))


def gates_values() -> tuple[str, int, CellFlowSettings, CellFlowSettings]:
    """The cell and step to show, the three-step example it steps through, and the three-cell
    comparison's settings (both with the gate bias set): the controls' values (their defaults
    before they are drawn)."""
    v = values(GATES_SETTINGS)
    bias = float(v["gate_bias"])
    example = CellFlowSettings(T=3, n=2, seed=1, gate_bias=bias)
    compared = CellFlowSettings(T=int(v["cells_T"]), n=int(v["cells_n"]), seed=int(v["cells_seed"]), gate_bias=bias)
    return v["cell"], int(v["step"]), example, compared


@st.cache_data(max_entries=64, show_spinner=False)
def cached_cell_trace(settings: CellFlowSettings, cell: str) -> Trace:
    """The trace of cell_scenarios(settings)[cell] (the LSTM & GRU page)."""
    return trace(cell_scenarios(settings)[cell])
