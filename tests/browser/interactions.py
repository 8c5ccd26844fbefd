"""One settings change per page, as a person makes it in the browser, and the number it should show.

Every page in the navigation (rnnviz.ui.PAGES) needs an entry here: the browser tests, the latency
benchmark and the classroom load test all drive pages through it, and fail for a page without one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from rnnviz import trace, tutorial_scenario
from rnnviz.tables import vec

# a signature of what every chart on the page draws: changes when an ECharts chart drawn as SVG
# (the unrolled graph, rnnviz.ui.draw_chart: it keeps its node positions and changes its labels)
# draws other shapes or text, or when one drawn on a canvas (every other chart) paints other pixels
CHART_SIGNATURE_JS = """() => Array.from(document.querySelectorAll('[_echarts_instance_] svg')).map(svg => svg.innerHTML)
    .concat(Array.from(document.querySelectorAll('[_echarts_instance_] canvas')).map(c => c.toDataURL()))
    .join('|')"""
# the same, cheap enough to run at every DOM mutation (the benchmarks' timing): a canvas chart by its
# description (the summary rnnviz.ui.chart gives it), which its data change with, not its pixels
CHART_CHANGE_JS = """() => Array.from(document.querySelectorAll('[_echarts_instance_] svg')).map(svg => svg.innerHTML)
    .concat(Array.from(document.querySelectorAll('[_echarts_instance_]'))
            .filter(e => e.querySelector('canvas')).map(e => e.getAttribute('aria-label')))
    .join('|')"""


@dataclass(frozen=True)
class Interaction:
    """apply(page, i): make the i-th change (i = 1, 2, …; each differs from the one before);
    expect(i): (metric label, the value that metric must then show)."""

    apply: Callable
    expect: Callable


def press_slider(page, key_presses: int, key: str = "ArrowRight"):
    """Press `key` on the page's first slider (focused first), `key_presses` times."""
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    for _ in range(key_presses):
        thumb.press(key)


def _home_apply(page, i):
    press_slider(page, 1)  # one step (0.05) right per change, from the default 1.0


def _home_expect(i):
    w_hh = round(1.0 + 0.05 * i, 10)
    return "h₂", f"{math.tanh(w_hh * math.tanh(1.0)):.4f}"


def _trace_scenario(i):
    return tutorial_scenario(w_hh=round(0.1 * i, 10))


def _trace_apply(page, i):
    editor = page.locator('[data-testid="stTextArea"] textarea').first
    editor.fill(_trace_scenario(i).to_json(indent=2))
    editor.press("Control+Enter")  # Streamlit commits a text area on Ctrl+Enter (or on blur)


def _trace_expect(i):
    return "loss L", f"{trace(_trace_scenario(i)).loss:.4f}"


def _step_w_hh(i):
    return round(0.1 * i, 10)


def _step_apply(page, i):
    field = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input').nth(1)  # W_hh
    field.fill(str(_step_w_hh(i)))
    field.press("Enter")


def _forward_expect(i):
    return "L", f"{trace(tutorial_scenario(w_hh=_step_w_hh(i))).loss:.4f}"


def _backward_expect(i):
    return "∂L/∂h₀", vec(trace(tutorial_scenario(w_hh=_step_w_hh(i))).dh[0])


def _vanishing_apply(page, i):
    press_slider(page, 1)  # the first slider is λ₁: one step (0.01) right per change, from 1.0


def _vanishing_expect(i):
    return "λ₁ = ‖W_hh‖₂", f"{1.0 + 0.01 * i:.4g}"


def _training_apply(page, i):
    press_slider(page, 1)  # the only slider is θ: one step (0.05) right per change, from 1.0


def _training_expect(i):
    from rnnviz.training import TrainSettings, train

    theta = round(1.0 + 0.05 * i, 10)
    run = train(TrainSettings(lr=0.05, epochs=300, clip="norm", theta=theta))
    return f"final loss, with norm clipping, θ = {theta:g}", f"{run.losses[-1]:.4f}"


def _cliff_apply(page, i):
    press_slider(page, 1)  # the first slider is w₀: one step (0.05) right per change, from 4.5


def _cliff_expect(i):
    from rnnviz.cliff import descend

    return "final E, without clipping", f"{descend(round(4.5 + 0.05 * i, 10), -2.5, 0.1, 200).E[-1]:.3g}"


def _gates_apply(page, i):
    field = page.locator('[data-testid="stSidebar"] [data-testid="stNumberInput"] input').nth(1)  # steps T
    field.fill(str(100 + i))
    field.press("Enter")


def _gates_expect(i):
    from rnnviz.cell_flow import CellFlowSettings, cell_flow, gradient_norms
    from rnnviz.flow_text import number

    norms = gradient_norms(cell_flow(CellFlowSettings(T=100 + i))["lstm"])["‖∂L/∂c_k‖"]
    return "LSTM ‖∂L/∂c_k‖ at lag 50", number(float(norms[100 + i - 50]))


INTERACTIONS = {
    "app.py": Interaction(_home_apply, _home_expect),
    "pages/forward.py": Interaction(_step_apply, _forward_expect),
    "pages/backward.py": Interaction(_step_apply, _backward_expect),
    "pages/vanishing.py": Interaction(_vanishing_apply, _vanishing_expect),
    "pages/training.py": Interaction(_training_apply, _training_expect),
    "pages/cliff.py": Interaction(_cliff_apply, _cliff_expect),
    "pages/gates.py": Interaction(_gates_apply, _gates_expect),
    "pages/trace.py": Interaction(_trace_apply, _trace_expect),
}


# every st.metric's (label, value) as the page shows them (innerText, as Playwright's inner_text reads it)
METRICS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"]')).map(m => [
    m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim(),
    m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim()])"""


def metric_value(page, label: str) -> str:
    """The text of the (first) st.metric whose label is `label`. One evaluate, not a locator call
    per metric: under the classroom benchmark's load each call is a round trip through the driver
    and the browser, and reading the backward page's fourth metric took six."""
    for shown, value in page.evaluate(METRICS_JS):
        if shown == label:
            return value
    raise LookupError(f"no metric labelled {label!r}")


