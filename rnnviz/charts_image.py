"""A large heatmap as one PNG image, stretched over a chart's plot.

Why: a chart library colours a heatmap cell by cell on every redraw (plotly.js took ~120 ms of a
cliff page change for its 200 × 200 surface; an ECharts heatmap of 100 × 100 cells ~120 ms too),
and the page redraws the chart whenever a path or line on it moves. The cliff's loss surface and
the vanishing lab's sweep (41 × (T + 1) cells) never change with those: coloured here once (both
are cached), each is an image the browser only scales.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

# Colour scales: colours at evenly spaced stops, interpolated linearly between them (colourise), for a
# heatmap's image and its colour bar's (rnnviz.charts_echarts.colour_bar) alike.
# Viridis (matplotlib's, as Plotly samples it):
VIRIDIS = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725")
# ColorBrewer's RdBu, blue (low) to red (high)
BLUE_TO_RED = ("#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d",
               "#b2182b", "#67001f")
CRISP_PX = 600  # a crisp image's least width and height in pixels (heatmap_png)


def colourise(z: np.ndarray, zmin: float, zmax: float, colours=VIRIDIS) -> np.ndarray:
    """z (H, W) as RGBA (H, W, 4) uint8, linear between the colours (evenly spaced "#rrggbb"):
    zmin -> the first, zmax -> the last, values beyond clamped (±inf too); NaN transparent, a gap."""
    stops = np.linspace(0.0, 1.0, len(colours))
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in colours], dtype=float)
    z = np.asarray(z, dtype=float)
    span = zmax - zmin if zmax > zmin else 1.0
    t = np.clip((np.nan_to_num(z, nan=zmin) - zmin) / span, 0.0, 1.0)
    out = np.stack([np.interp(t, stops, rgb[:, c]) for c in range(3)] + [np.full(z.shape, 255.0)], axis=-1)
    out[np.isnan(z)] = 0.0
    return np.rint(out).astype(np.uint8)


def png_bytes(pixels: np.ndarray) -> bytes:
    """An RGB or RGBA image (H, W, 3 or 4) uint8, row 0 at the top, as PNG: every row filtered "Up"
    (its difference from the row above, which a smooth surface makes mostly zeros) and deflated."""
    h, w, channels = pixels.shape
    rows = pixels.reshape(h, w * channels)
    up = rows.copy()
    up[1:] -= rows[:-1]  # uint8 arithmetic wraps modulo 256, as the filter is defined
    raw = np.concatenate([np.full((h, 1), 2, dtype=np.uint8), up], axis=1).tobytes()  # 2: the Up filter

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    colour_type = {3: 2, 4: 6}[channels]  # RGB, RGBA
    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)  # 8 bits a channel, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def heatmap_png(z: np.ndarray, zmin: float, zmax: float, colours=VIRIDIS, crisp: bool = False) -> str:
    """z (rows, columns) coloured as a heatmap, row 0 at the bottom, as a PNG data URL, to be stretched
    over the plot from the first cells' outer edges to the last's (rnnviz.charts_echarts.image_series).

    The browser smooths an image it scales. crisp: every cell is repeated into a block of pixels
    first (the image at least CRISP_PX wide and tall), so that the smoothing blurs no more than a
    pixel at a cell's edge; else neighbouring cells blend (fine for a smooth surface)."""
    pixels = colourise(np.asarray(z)[::-1], zmin, zmax, colours)  # an image's first row is its top
    if crisp:
        rows, cols = pixels.shape[:2]
        pixels = np.repeat(np.repeat(pixels, -(-CRISP_PX // rows), axis=0), -(-CRISP_PX // cols), axis=1)
    return "data:image/png;base64," + base64.b64encode(png_bytes(pixels)).decode("ascii")
