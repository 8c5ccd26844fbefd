"""rnnviz.charts_image: a heatmap coloured in Python and sent as a PNG, read back as a PNG reader would."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
import pytest

from rnnviz import cliff
from rnnviz.charts_image import VIRIDIS, colourise, heatmap_image, png_bytes
from rnnviz.charts_training import HOVER_POINTS, cliff_figure, cliff_surface


def read_png(data: bytes) -> np.ndarray:
    """An 8-bit RGB or RGBA PNG's pixels (H, W, 3 or 4), decoded from the format's definition (every chunk's CRC
    checked, each row's filter undone), independently of the encoder."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        length, = struct.unpack(">I", data[pos:pos + 4])
        tag, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF, tag
        chunks.append((tag, body))
        pos += 12 + length
    assert [tag for tag, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    w, h, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(body for tag, body in chunks if tag == b"IDAT"))
    stride = channels * w
    rows, previous = [], [0] * stride
    for y in range(h):
        kind, line = raw[y * (stride + 1)], list(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:  # Up
            line = [(v + p) % 256 for v, p in zip(line, previous)]
        else:
            assert kind == 0, kind
        rows.append(line)
        previous = line
    return np.array(rows, dtype=np.uint8).reshape(h, w, channels)


@pytest.mark.parametrize("channels", [3, 4])
def test_a_png_reads_back_pixel_for_pixel(channels):
    pixels = np.random.default_rng(0).integers(0, 256, size=(7, 5, channels), dtype=np.uint8)
    np.testing.assert_array_equal(read_png(png_bytes(pixels)), pixels)


def test_colours_follow_the_scale_as_plotly_maps_a_heatmap():
    z = np.array([[0.0, 10.0, 5.0, -3.0, 13.0, np.nan, -np.inf]])
    rgba = colourise(z, zmin=0.0, zmax=10.0)
    rgb = rgba[..., :3]
    first, last = VIRIDIS[0][1], VIRIDIS[-1][1]  # "#440154" and "#fde725"
    assert tuple(rgb[0, 0]) == tuple(int(first[i:i + 2], 16) for i in (1, 3, 5))
    assert tuple(rgb[0, 1]) == tuple(int(last[i:i + 2], 16) for i in (1, 3, 5))
    assert tuple(rgb[0, 3]) == tuple(rgb[0, 0]) and tuple(rgb[0, 4]) == tuple(rgb[0, 1])  # clamped
    assert list(rgba[0, :5, 3]) == [255] * 5 and rgba[0, 5, 3] == 0  # NaN: a gap, as Plotly leaves it
    assert tuple(rgb[0, 6]) == tuple(rgb[0, 0])  # -inf: the lowest colour
    # the middle, 0.5, lies between the stops at 4/9 and 5/9: by hand, linear between them
    lo, hi = VIRIDIS[4], VIRIDIS[5]
    frac = (0.5 - lo[0]) / (hi[0] - lo[0])
    by_hand = [round(int(lo[1][i:i + 2], 16) * (1 - frac) + int(hi[1][i:i + 2], 16) * frac) for i in (1, 3, 5)]
    assert list(rgb[0, 2]) == by_hand


def test_the_image_covers_the_cells_as_a_heatmap_would_with_its_first_row_at_the_bottom():
    xs, ys = np.linspace(0.0, 10.0, 6), np.linspace(-5.0, 0.0, 3)
    z = np.arange(18, dtype=float).reshape(3, 6)  # row 0 at y = -5
    image = heatmap_image(z, xs, ys, 0.0, 17.0)
    assert (image["x"], image["y"], image["sizex"], image["sizey"]) == (-1.0, 1.25, 12.0, 7.5)  # cell edges
    assert (image["xref"], image["yref"], image["layer"], image["sizing"]) == ("x", "y", "below", "stretch")
    pixels = read_png(base64.b64decode(image["source"].removeprefix("data:image/png;base64,")))
    np.testing.assert_array_equal(pixels, colourise(z, 0.0, 17.0)[::-1])  # the top row is y = 0


@pytest.fixture(scope="module")
def surface():
    return cliff.surface(points=200)[:3]


def test_the_cliff_surface_is_one_image_and_a_sparse_invisible_heatmap_for_hover(surface):
    ws, bs, E = surface
    paths = {"plain": cliff.descend(4.5, -2.5, 0.05, 50, None), "clipped": cliff.descend(4.5, -2.5, 0.05, 50, 1.0)}
    figure = cliff_figure(ws, bs, E, paths)
    hover, image = figure["data"][0], figure["layout"]["images"][0]
    log_E = np.log10(np.maximum(E, 1e-12))
    assert hover["type"] == "heatmap" and hover["opacity"] == 0
    assert hover["z"].shape == (HOVER_POINTS, HOVER_POINTS)  # a sixteenth of the 200 × 200 cells
    assert (hover["x"][0], hover["x"][-1], hover["y"][0], hover["y"][-1]) == (ws[0], ws[-1], bs[0], bs[-1])
    np.testing.assert_allclose(hover["z"][-1, -1], log_E[-1, -1], rtol=1e-6)  # a corner: same cell, same value
    # its colour bar is the image's scale
    assert (hover["colorscale"], hover["zmin"], hover["zmax"]) == (VIRIDIS, log_E.min(), log_E.max())
    pixels = read_png(base64.b64decode(image["source"].removeprefix("data:image/png;base64,")))
    assert pixels.shape == (200, 200, 4)
    np.testing.assert_array_equal(pixels, colourise(log_E, log_E.min(), log_E.max())[::-1])
    again = cliff_figure(ws, bs, E, paths, cliff_surface(ws, bs, E))  # as a page draws it, from a cached surface
    assert again["layout"]["images"][0] == image
    np.testing.assert_array_equal(again["data"][0]["z"], hover["z"])


def test_the_sweep_is_a_crisp_image_and_a_hover_grid_of_at_most_101_lags():
    from rnnviz.charts_flow import HOVER_COLUMNS, SWEEP_COLOURS, sweep_figure, sweep_layers
    from rnnviz.charts_image import CRISP_PX

    scales = np.linspace(0.0, 2.0, 41)
    log10 = np.outer(scales - 1.0, np.arange(1001)) * 0.01  # (41, T + 1 = 1001): shrinking below λ₁ = 1
    log10[3, 7] = np.nan
    layers = sweep_layers(scales, log10, gamma=1.0)
    hover, image = layers["hover"], layers["image"]
    assert hover["opacity"] == 0 and hover["z"].shape == (41, HOVER_COLUMNS)
    assert (hover["x"][0], hover["x"][-1]) == (0, 1000)
    assert hover["zmin"] == -hover["zmax"] == -10.0  # the rows with λ₁γ >= 1/2 reach 10 decades
    assert SWEEP_COLOURS[0][1] == "rgb(5,48,97)" and SWEEP_COLOURS[-1][1] == "rgb(103,0,31)"  # blue low, red high
    pixels = read_png(base64.b64decode(image["source"].removeprefix("data:image/png;base64,")))
    rows, cols = pixels.shape[0] // 41, pixels.shape[1] // 1001
    assert pixels.shape[:2] == (41 * rows, 1001 * cols) and min(pixels.shape[:2]) >= CRISP_PX
    assert rows >= 2  # 41 rows drawn as blocks: the browser's smoothing stays at their edges
    cells = pixels[::rows, ::cols]  # one pixel a cell, the top row the largest λ₁
    np.testing.assert_array_equal(cells, colourise(np.clip(log10, -10, 10), -10.0, 10.0, SWEEP_COLOURS)[::-1])
    assert (pixels[::rows, ::cols] == pixels[rows - 1::rows, cols - 1::cols]).all()  # every block one colour
    assert cells[40 - 3, 7, 3] == 0  # the NaN is a gap
    # a new λ₁ moves the "now" line over the same layers
    one, two = (sweep_figure(scales, log10, 1.0, now, layers=layers) for now in (0.5, 1.5))
    assert one["layout"]["images"][0] is two["layout"]["images"][0] is image
    assert [s["y0"] for s in one["layout"]["shapes"]] == [1.0, 0.5] and two["layout"]["shapes"][1]["y0"] == 1.5
