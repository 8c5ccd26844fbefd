"""The latency benchmark's second yardstick (bench_latency.py): the bare page plus one small chart.

One slider, its value as one line of text, and one ECharts line chart of 50 points that the value
changes, drawn as the app draws its charts (rnnviz.ui.draw_chart: on a canvas, with a description
for screen readers that says what it shows). The issue that set the latency target measured such a
page (with Plotly) at about 2x the bare page: beside the app's pages in the same run, it says how
many charts' worth of work each page's ratio is. Not a page of the app (it lives outside pages/).
"""

import math

import streamlit as st

value = st.slider("value", min_value=0, max_value=1000, value=0, step=1)
st.write(value)
points = [[x, round(math.sin(x * (1 + value) / 100), 4)] for x in range(50)]
st.echarts_chart({"animation": False, "xAxis": {"type": "value"}, "yAxis": {"type": "value"},
                  "series": [{"type": "line", "data": points, "showSymbol": False}]},
                 key="echarts-one-chart", alt=f"sin(x·{1 + value}/100) for x = 0..49", height=300)
