"""rnnviz.charts.packed: a dict spec's numpy arrays go to the browser as Plotly's typed arrays,
and come back out (as plotly.js reads them) with the same numbers."""

import json

import numpy as np
import plotly.io as pio

from apptest_helpers import plotly_array
from rnnviz.charts import packed


def test_arrays_round_trip_through_the_json_the_browser_gets():
    rng = np.random.default_rng(7)
    surface = rng.normal(size=(3, 4)).astype(np.float32)
    spec = {"data": [{"type": "heatmap", "z": surface, "x": np.arange(4), "y": np.array([0.5, np.nan, 2.0])},
                     {"type": "scatter", "x": np.array([1.0, None, 3.0], dtype=object), "y": [1, 2, 3]}],
            "layout": {"height": 300}}
    sent = json.loads(pio.to_json(packed(spec), validate=False))
    z, x, y = (sent["data"][0][k] for k in ("z", "x", "y"))
    assert z["dtype"] == "f4" and z["shape"] == "3, 4"
    np.testing.assert_array_equal(plotly_array(z), surface)
    assert x["dtype"] == "i4"  # int64 has no plotly.js type: int32 when it fits
    np.testing.assert_array_equal(plotly_array(x), np.arange(4))
    np.testing.assert_array_equal(plotly_array(y), [0.5, np.nan, 2.0])  # NaN stays a gap
    assert sent["data"][1]["x"] == [1.0, None, 3.0]  # arrays of objects stay lists
    assert sent["layout"] == {"height": 300}


def test_a_200_by_200_surface_is_a_fraction_of_its_list_form():
    surface = np.linspace(-6, 0, 200 * 200, dtype=np.float32).reshape(200, 200)
    spec = {"data": [{"type": "heatmap", "z": surface}]}
    as_lists, as_typed = pio.to_json(spec, validate=False), pio.to_json(packed(spec), validate=False)
    assert len(as_typed) < 0.4 * len(as_lists)
