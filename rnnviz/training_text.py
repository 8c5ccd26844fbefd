"""What the training and cliff pages write (pure Python: no UI library)."""

from __future__ import annotations

import math

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
TUTORIAL_UPDATE_LATEX = (
    r"\text{tutorial §3.2:}\quad m = \beta_1 m + (1-\beta_1)\,dW,\quad \hat m = \frac{m}{1-\beta_1^t},"
    r"\quad W = W - \eta\,\hat m,\quad b = b - \eta\, db"
)
TUTORIAL_UPDATE_WRONG = (
    "The tutorial's pseudocode (§3.2) calls this Adam, but it keeps only the first moment m: without the "
    "second moment v there is no per-parameter step size, so it is momentum with a bias correction. It also "
    "moves b by the raw gradient while W gets the averaged one, and its t is never defined (inside the loop "
    "over examples, t is the time step of the previous loop). Above is Adam as Kingma & Ba (2015) define it "
    "(β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁷ as in Keras), as rnnviz computes it."
)
FLOOR_NOTE = (
    f"**Why no model beats 80 %.** The tutorial's data has [1, 0] twice, once labelled 0 and once 1. Whatever a "
    f"model predicts for [1, 0], one of the two is wrong, so accuracy is at most 4/5. The best it can do there is "
    f"predict ½ for both, costing ln 2 each; the other three can cost nothing. So the mean binary cross-entropy "
    f"over the five is at least 2 ln 2 / 5 ≈ {TUTORIAL_LOSS_FLOOR:.4f} (the dashed line): any run that reaches it "
    f"has learned all there is to learn."
)
STALL_LOSS = 0.6 * -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
STALL_NOTE = (
    f"**The tutorial's own model (one unit per layer) stalls.** From Keras's initialisation, Adam settles at "
    f"loss ≈ {STALL_LOSS:.4f}: the model reads only the first input, giving all three sequences that start with 1 "
    f"the probability 2/3 (three of them, two labelled 1). That is still 80 % accurate, but 1.38 × the floor. "
    f"With two units per layer the same data and optimizer reach the floor."
)
MEMORY_NOTE = (
    "**Memory tasks.** The answer depends on the first step(s), so the gradient that teaches it must travel back "
    "through all T steps. Lengthen T: runs wait longer on the no-memory line before they learn, and past some "
    "length (it depends on the seed, the units and the activation) they never leave it, because the gradient "
    "from the answer has vanished by the time it reaches step 1. Clipping (blue) cannot bring that gradient back; "
    "with a small θ it shortens every step and slows learning too. It helps where the norm spikes."
)
CLIFF_INTRO = (
    "One unit and no input: x_t = w σ(x_{t−1}) + b, x_0 = 0.5, T = 50, loss E = (σ(x_50) − 0.7)² (Pascanu, "
    "Mikolov & Bengio 2013, Fig. 6). Over most of the plane E is flat, but along a curve the unit's long-run "
    "state jumps from one attractor to another and E drops off a wall: there the gradient is hundreds of times "
    "larger than elsewhere (|∂E/∂w| > 100 at w ≈ 4.819 on b = −2.5, against a median ‖∇E‖ ≈ 0.02). A plain "
    "gradient step that lands on the wall is thrown far away; norm clipping shortens exactly those steps."
)
BIFURCATION_NOTE = (
    "Why the wall: with w = 5 the map x ↦ 5σ(x) + b has two attractors for b in about (−2.656, −2.344) (shaded). "
    "Crossing the interval's edge removes one attractor, and the state x_50 (and with it E) jumps."
)
