"""The tutorial's two-step example (§4.3), read consistently, and what the tutorial got wrong.

§4.3 contradicts itself: W_h = [1, 1] cannot multiply [h_t, x_t] with x_1 = [1, 0], and
W_y = [1, 0] cannot multiply a scalar h_2. What it actually computes is a scalar input
sequence x = (1, 0) (the first sample of its own data in §5.2, label 0), a scalar hidden
state with h_0 = 0, W_h = [w_hh, w_xh] = [1, 1], b_h = 0, f = tanh, and
yhat = sigmoid(w_y h_2 + b_y) with w_y = 1, b_y = 0.
"""

from __future__ import annotations

import math

from .i18n import N_
from .scenario import Scenario

TUTORIAL_EXAMPLE = {
    "cell": "rnn",
    "activation": "tanh",
    "output": "sigmoid",
    "loss": "bce",
    "loss_at": "last",
    "inputs": [[1.0], [0.0]],
    "targets": [[0.0]],
    "h0": [0.0],
    "weights": {"W_xh": [[1.0]], "W_hh": [[1.0]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
    "clip": None,
}

TUTORIAL_READING = N_(
    "The tutorial this app grew from (§4.3) contradicts itself: its W_h = [1, 1] cannot multiply "
    "[h_t, x_t] with x_1 = [1, 0], and its W_y = [1, 0] cannot multiply a scalar h_2. What it "
    "actually computes is a **scalar input sequence x = (1, 0)** (the first sample of its own data "
    "in §5.2, label y = 0), a scalar hidden state with h_0 = 0, **w_hh = w_xh = 1**, b_h = 0, "
    "f = tanh, and **ŷ = σ(w_hy·h_2 + b_y)** with w_hy = 1, b_y = 0, binary cross-entropy. "
    "That reading is the default scenario on every page."
)

_e2 = math.e ** 2

# What the tutorial prints, beside what its own example gives. Each entry: the quantity,
# the tutorial's expression and value, the correct expression and value, and why (English,
# marked for the catalogue: translate it where it is shown).
ERRATA = (
    {
        "quantity": "h_1",
        "tutorial_expr": r"\frac{2}{e^2+1}",
        "tutorial_value": 2 / (_e2 + 1),
        "correct_expr": r"\tanh(1)",
        "correct_value": math.tanh(1.0),
        "why": N_("tanh(1) = (e − e⁻¹)/(e + e⁻¹) = (e² − 1)/(e² + 1) ≈ 0.7616; the tutorial writes "
                  "2/(e² + 1) ≈ 0.2384, which is 1 − tanh(1)."),
    },
    {
        "quantity": "h_2",
        "tutorial_expr": r"\frac{e^2-1}{e^2+1}",
        "tutorial_value": (_e2 - 1) / (_e2 + 1),
        "correct_expr": r"\tanh(h_1) = \tanh(\tanh 1)",
        "correct_value": math.tanh(math.tanh(1.0)),
        "why": N_("with x_2 = 0, h_2 = tanh(w_hh·h_1) = tanh(0.7616) ≈ 0.6420; the tutorial writes "
                  "tanh(1) ≈ 0.7616, as if the pre-activation were 1 again."),
    },
    {
        "quantity": r"\hat y",
        "tutorial_expr": r"\sigma\!\left(\frac{e^2-1}{e^2+1}\right)",
        "tutorial_value": 1 / (1 + math.exp(-(_e2 - 1) / (_e2 + 1))),
        "correct_expr": r"\sigma(h_2)",
        "correct_value": 1 / (1 + math.exp(-math.tanh(math.tanh(1.0)))),
        "why": N_("ŷ = σ(w_y·h_2) = σ(0.6420) ≈ 0.6552; the tutorial's σ(0.7616) ≈ 0.6817 carries its "
                  "wrong h_2 forward (and its W_y = [1, 0] cannot multiply a scalar h_2)."),
    },
)

# The tutorial's other mistakes, which the pages that reach them point out (marked for the
# catalogue: translate each where it is shown).
OTHER_MISTAKES = (
    N_("§2.2 and §4.1 index the update as hₜ₊₁ = f(W·[hₜ, xₜ] + b), pairing hₜ with xₜ; §4.3 then pairs "
       "hₜ₋₁ with xₜ. rnnviz writes hₜ = f(W_xh xₜ + W_hh hₜ₋₁ + b_h) throughout."),
    N_("§3.2 says clipping small gradients stops them vanishing. It does not: clipping only ever shrinks a "
       "gradient (Pascanu, Mikolov & Bengio 2013), so a vanished long-range contribution stays vanished "
       "(the Vanishing & exploding page shows it)."),
    N_("§3.2's update keeps only Adam's first moment and applies its bias correction without the second "
       "moment (the Training page writes Adam out and says what is missing)."),
    N_("§4.4 prints garbled LSTM and GRU equations: its LSTM squashes the cell state through a sigmoid, its "
       "GRU has a cell state and an output gate (the LSTM & GRU page gives PyTorch's equations beside them)."),
)


def tutorial_scenario(w_hh: float = 1.0) -> Scenario:
    """The default scenario: the tutorial's two-step example, made consistent (w_hh = 1).

    Another w_hh gives the same example with that recurrent weight, as the home page's slider does."""
    weights = dict(TUTORIAL_EXAMPLE["weights"], W_hh=[[float(w_hh)]])
    return Scenario.from_dict(dict(TUTORIAL_EXAMPLE, weights=weights))
