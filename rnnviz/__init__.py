"""rnnviz: a small NumPy engine for recurrent networks, with every intermediate kept for teaching.

    from rnnviz import Scenario, trace, tutorial_scenario
    tr = trace(tutorial_scenario())
    tr.h, tr.y, tr.loss, tr.grads["W_hh"]

Modules: scenario (the validated configuration), rnn (forward and backward), gated (LSTM and GRU,
forward and backward, PyTorch's layout), tracing (the
whole pass), clipping, jacobian (||dh_T/dh_k||), gradient_flow (the vanishing/exploding lab:
the bound, the measured norms, the sweep), gradcheck, tutorial (the default example and the
tutorial's errata). Only numpy and the standard library are imported here.
"""

from .clipping import ClipResult, clip_gradients, global_norm
from .gradcheck import GradCheck, gradient_check
from .gradient_flow import Flow, FlowSettings, gradient_flow
from .jacobian import hidden_jacobian_norms
from .scenario import LIMITS, VALUE_LIMIT, Scenario, ScenarioError
from .tracing import Trace, trace
from .tutorial import ERRATA, TUTORIAL_EXAMPLE, tutorial_scenario

__all__ = [
    "ClipResult", "ERRATA", "Flow", "FlowSettings", "GradCheck", "LIMITS", "Scenario", "ScenarioError", "TUTORIAL_EXAMPLE",
    "Trace", "VALUE_LIMIT", "clip_gradients", "global_norm", "gradient_check", "gradient_flow",
    "hidden_jacobian_norms", "trace", "tutorial_scenario",
]
