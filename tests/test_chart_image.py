"""rnnviz.charts_image: a heatmap coloured in Python and sent as a PNG, read back as a PNG reader would;
the cliff's surface and the vanishing lab's sweep as such images under their ECharts charts."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
import pytest

from rnnviz import cliff
from rnnviz.charts_image import VIRIDIS, colourise, heatmap_png, png_bytes
from rnnviz.charts_training import HOVER_POINTS, cliff_figure, cliff_surface


def png_of(data_url: str) -> np.ndarray:
    """The pixels of a PNG data URL, or of an ECharts image symbol ("image://" + data URL)."""
    return read_png(base64.b64decode(data_url.removeprefix("image://").removeprefix("data:image/png;base64,")))


def hex_rgb(colour: str) -> tuple:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


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


def test_colours_follow_the_scale_linearly_between_evenly_spaced_stops():
    z = np.array([[0.0, 10.0, 5.0, -3.0, 13.0, np.nan, -np.inf]])
    rgba = colourise(z, zmin=0.0, zmax=10.0)
    rgb = rgba[..., :3]
    assert tuple(rgb[0, 0]) == hex_rgb(VIRIDIS[0]) == (0x44, 0x01, 0x54)
    assert tuple(rgb[0, 1]) == hex_rgb(VIRIDIS[-1]) == (0xfd, 0xe7, 0x25)
    assert tuple(rgb[0, 3]) == tuple(rgb[0, 0]) and tuple(rgb[0, 4]) == tuple(rgb[0, 1])  # clamped
    assert list(rgba[0, :5, 3]) == [255] * 5 and rgba[0, 5, 3] == 0  # NaN: a transparent gap
    assert tuple(rgb[0, 6]) == tuple(rgb[0, 0])  # -inf: the lowest colour
    # the middle, 0.5, lies between the stops at 4/9 and 5/9 (ten colours): by hand, linear between them
    frac = (0.5 - 4 / 9) / (1 / 9)
    by_hand = [round(a * (1 - frac) + b * frac) for a, b in zip(hex_rgb(VIRIDIS[4]), hex_rgb(VIRIDIS[5]))]
    assert list(rgb[0, 2]) == by_hand


def test_the_image_has_its_first_row_at_the_bottom_and_crisp_cells_are_blocks():
    z = np.arange(18, dtype=float).reshape(3, 6)  # row 0 at the bottom
    np.testing.assert_array_equal(png_of(heatmap_png(z, 0.0, 17.0)), colourise(z, 0.0, 17.0)[::-1])
    crisp = png_of(heatmap_png(z, 0.0, 17.0, crisp=True))
    assert crisp.shape == (600, 600, 4)  # 200 × 100 pixels a cell: at least CRISP_PX each way
    np.testing.assert_array_equal(crisp[::200, ::100], colourise(z, 0.0, 17.0)[::-1])
    assert (crisp[::200, ::100] == crisp[199::200, 99::100]).all()


@pytest.fixture(scope="module")
def surface():
    return cliff.surface(points=200)[:3]


def test_the_cliff_surface_is_one_image_and_a_sparse_invisible_grid_for_hover(surface):
    ws, bs, E = surface
    paths = {"plain": cliff.descend(4.5, -2.5, 0.05, 50, None), "clipped": cliff.descend(4.5, -2.5, 0.05, 50, 1.0)}
    figure = cliff_figure(ws, bs, E, paths)
    image, hover = figure["series"][:2]
    log_E = np.log10(np.maximum(E, 1e-12))
    # the image: every cell of the surface, coloured on the colour bar's scale, stretched over the plot's w and b
    assert image["type"] == "pictorialBar" and image["symbolSize"] == ["100%", "100%"]
    pixels = png_of(image["symbol"])
    assert pixels.shape == (200, 200, 4)
    np.testing.assert_array_equal(pixels, colourise(log_E, log_E.min(), log_E.max())[::-1])
    assert [figure["xAxis"][0][k] for k in ("min", "max")] == [ws[0], ws[-1]]
    assert [figure["yAxis"][0][k] for k in ("min", "max")] == [bs[0], bs[-1]]
    # the colour bar: the same colours from log₁₀ E's least to its largest, bottom to top, beside an axis
    # over that range with its title, in a grid of its own at the right
    bar, labels = figure["series"][-1], figure["yAxis"][-1]
    assert "visualMap" not in figure and bar["type"] == "pictorialBar" and bar["yAxisIndex"] == len(figure["yAxis"]) - 2
    np.testing.assert_array_equal(png_of(bar["symbol"])[::-1, 0],
                                  colourise(np.linspace(log_E.min(), log_E.max(), 256)[:, None], log_E.min(),
                                            log_E.max())[:, 0])
    assert (labels["min"], labels["max"]) == (round(log_E.min(), 6), round(log_E.max(), 6))
    assert labels["name"] == "log₁₀ E"
    assert labels["gridIndex"] == figure["xAxis"][bar["xAxisIndex"]]["gridIndex"] == len(figure["grid"]) - 1 == 1
    # the hover grid: a sixteenth... of the cells, the corners included, each telling its w, b and log₁₀ E
    assert hover["itemStyle"]["opacity"] == 0 and hover["large"] and len(hover["data"]) == HOVER_POINTS ** 2
    first, last = hover["data"][0], hover["data"][-1]
    assert (first[0], first[1], last[0], last[1]) == (ws[0], bs[0], ws[-1], bs[-1])
    assert last[2] == round(float(log_E[-1, -1]), 2)  # the corner's own cell
    assert hover["tooltip"]["formatter"] == "w = {@[0]}, b = {@[1]}<br>log₁₀ E = {@[2]}"
    again = cliff_figure(ws, bs, E, paths, cliff_surface(ws, bs, E))  # as a page draws it, from a cached surface
    assert again["series"] == figure["series"]


def test_the_cliff_paths_stop_where_they_leave_the_square(surface):
    ws, bs, E = surface
    far = cliff.descend(4.5, -2.5, 0.5, 40, None)  # thrown off the wall: leaves the plotted square
    figure = cliff_figure(ws, bs, E, {"plain": far, "clipped": cliff.descend(4.5, -2.5, 0.5, 40, 1.0)})
    line, dots = figure["series"][2:4]
    inside = (far.w >= ws[0]) & (far.w <= ws[-1]) & (far.b >= bs[0]) & (far.b <= bs[-1])
    assert not inside.all()
    assert [row[0] is not None for row in line["data"]] == list(inside) == [row[0] is not None for row in dots["data"]]
    kept = [row for row in line["data"] if row[0] is not None]
    np.testing.assert_allclose([r[0] for r in kept], far.w[inside], atol=5e-5)  # to 4 decimals: a pixel is ~0.01
    assert line["name"] == dots["name"] == "plain" and dots["large"] and dots["data"][:2] == [
        [4.5, -2.5, 0], [round(far.w[1], 4), round(far.b[1], 4), 1]]  # w, b and the step, for the tooltip
    assert dots["tooltip"]["formatter"] == "{a}<br>step {@[2]}: w = {@[0]}, b = {@[1]}"
    start = figure["series"][-2]  # the colour bar's image last
    assert start["data"] == [[4.5, -2.5, "start: w = 4.5, b = -2.5"]]


def test_the_sweep_is_a_crisp_image_and_a_hover_grid_of_a_few_rows_and_lags():
    from rnnviz.charts_flow import HOVER_COLUMNS, HOVER_ROWS, SWEEP_COLOURS, sweep_figure, sweep_layers
    from rnnviz.charts_image import CRISP_PX

    scales = np.linspace(0.0, 2.0, 41)
    log10 = np.outer(scales - 1.0, np.arange(1001)) * 0.01  # (41, T + 1 = 1001): shrinking below λ₁ = 1
    log10[3, 7] = np.nan
    layers = sweep_layers(scales, log10, gamma=1.0)
    hover, image = layers["hover"], layers["image"]
    assert hover["itemStyle"]["opacity"] == 0 and len(hover["data"]) == HOVER_ROWS * HOVER_COLUMNS
    assert (hover["data"][0][:2], hover["data"][-1][:2]) == ([0, 0], [1000, 2])  # the corners
    assert hover["data"][-1][2] == 10.0  # log₁₀ of the ratio at the corner, for the tooltip's template
    assert hover["tooltip"]["formatter"] == "lag {@[0]}, λ₁ = {@[1]}<br>‖∂L/∂h_k‖ / ‖∂L/∂h_T‖ = 10^{@[2]}"
    bar = layers["colour_bar"]
    assert bar["min"] == -bar["max"] == -10  # the rows with λ₁γ >= 1/2 reach 10 decades
    ends = png_of(bar["image"])[[-1, 0], 0, :3]  # bottom row (−10), top row (+10): blue low, red high
    assert SWEEP_COLOURS[0] == "#053061" and [tuple(p) for p in ends] == [hex_rgb(SWEEP_COLOURS[0]),
                                                                           hex_rgb(SWEEP_COLOURS[-1])]
    # the axes span the cells' outer edges, as the image does
    assert layers["extent"] == ((-0.5, 1000.5), (-0.025, 2.025))
    pixels = png_of(image["symbol"])
    rows, cols = pixels.shape[0] // 41, pixels.shape[1] // 1001
    assert pixels.shape[:2] == (41 * rows, 1001 * cols) and min(pixels.shape[:2]) >= CRISP_PX
    assert rows >= 2  # 41 rows drawn as blocks: the browser's smoothing stays at their edges
    cells = pixels[::rows, ::cols]  # one pixel a cell, the top row the largest λ₁
    np.testing.assert_array_equal(cells, colourise(np.clip(log10, -10, 10), -10.0, 10.0, SWEEP_COLOURS)[::-1])
    assert (pixels[::rows, ::cols] == pixels[rows - 1::rows, cols - 1::cols]).all()  # every block one colour
    assert cells[40 - 3, 7, 3] == 0  # the NaN is a gap
    # a new λ₁ moves the "now" line over the same layers
    one, two = (sweep_figure(scales, log10, 1.0, now, layers=layers) for now in (0.5, 1.5))
    assert one["series"][0]["symbol"] is two["series"][0]["symbol"] is image["symbol"]
    marks = [s["markLine"]["data"][0]["yAxis"] for s in one["series"] if "markLine" in s]
    assert marks == [1.0, 0.5] and [s for s in two["series"] if "markLine" in s][1]["markLine"]["data"][0]["yAxis"] == 1.5
    assert [one["xAxis"][0][k] for k in ("min", "max")] == [-0.5, 1000.5]
