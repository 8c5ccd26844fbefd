"""Forward pass, step by step: every hidden-state update with the scenario's numbers written in."""

import streamlit as st

from rnnviz import latex, tables
from rnnviz.i18n import _
from rnnviz.tutorial import TUTORIAL_READING
from rnnviz.ui import cached_figure, cached_trace, chart, lazy_expander, metric_rows, page_setup, table
from rnnviz.ui.scenario import (current, import_into_editor, opened_step, predicting, reveal_panel, step_control,
                                step_page)
from rnnviz.ui.share import scenario_import

PATH = "pages/forward.py"
page_setup(PATH)
scenario_import("forward_import", import_into_editor)
predict = predicting()


def results() -> None:
    """Everything a weight changes: drawn at the end of the page's run, and again when a weight is typed."""
    scenario = current()
    tr = cached_trace(scenario.to_json())
    step = opened_step(PATH, scenario.T)  # frame t = 0..T
    shown = step if predict else scenario.T  # the steps whose numbers are on the page
    chart(cached_figure(scenario.to_json(), "forward", start=step, upto=step if predict else None), "forward-pass",
          tables.forward_summary(tr) if shown == scenario.T else _("The unrolled network up to step {t}.").format(t=shown),
          tables.forward_rows(tr)[:shown + 1])
    if predict:
        reveal_panel(PATH, step, scenario.T,
                     latex.forward_step(tr, step + 1, hide=True) if step < scenario.T else "",
                     f"h{step + 1}".translate(latex.SUBSCRIPT_DIGITS))

    def value(t: int, text: str) -> str:
        """A step's number, or a question mark while predict-then-reveal keeps it hidden."""
        return text if t <= shown else "?"

    if scenario.n == 1:  # one number per step fits a metric; vectors go in a table
        metric_rows([(f"h{t}".translate(latex.SUBSCRIPT_DIGITS), value(t, tables.vec(tr.h[t])))
                     for t in range(1, scenario.T + 1)]
                    + [(f"ŷ{scenario.T}".translate(latex.SUBSCRIPT_DIGITS), value(scenario.T, tables.vec(tr.y[-1]))),
                       ("L", value(scenario.T, tables.vec(tr.loss)))])
    else:
        st.metric("L", value(scenario.T, tables.vec(tr.loss)))
        st.dataframe(tables.forward_rows(tr)[:shown + 1], hide_index=True, width="stretch")

    # closed at first: the timeline's step text already writes each step's numbers in, and this typeset
    # copy of every step, redrawn on each typed weight, cost ~30 ms of the ~130 ms a weight took to show
    # (KaTeX in the browser; tests/bench/bench_latency.py)
    equations = lazy_expander(_("Every step as equations"), "_equations")
    if equations.open:
        equations.latex(latex.stack([latex.forward_step(tr, t) for t in range(1, shown + 1)]
                             + ([latex.output_step(tr, scenario.T), latex.loss_line(tr)] if shown == scenario.T else [])))


st.title(_("Forward pass, step by step"))
model = st.empty()  # the model's equations: f and g change only in a full run
left, right = st.columns([1, 3], vertical_alignment="bottom")
with right:
    st.caption(_("Click a step on the timeline under the graph, or its ‹ ›, or ▶ to play: stepping happens in "
                 "your browser, with no wait. Change anything in the sidebar and every number follows."))
scenario = step_page(results, "forward", cached_trace)
with left:  # after the editor, which knows T
    step_control(PATH, scenario.T)
model.latex(r" \qquad ".join(latex.model_equations(scenario.activation, scenario.output)))

errata = lazy_expander(_("Where the tutorial is wrong (its §4.3 example, w_hh = 1)"), "_errata")
if errata.open:
    errata.markdown(_(TUTORIAL_READING))
    table(tables.errata_rows(), where=errata)
