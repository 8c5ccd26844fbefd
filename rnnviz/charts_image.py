"""A large heatmap as one PNG image under a Plotly chart's axes.

Why: plotly.js colours a heatmap cell by cell on every redraw, and Streamlit redraws a figure anew
whenever any of its traces changes. The cliff's 200 × 200 loss surface never changes, yet a moved
start point redrew it (~120 ms of the page's ~350 ms in Chromium); the vanishing lab's sweep
(41 × (T + 1) cells) was redrawn and re-sent (536 kB at T = 1000) for every λ₁. Coloured here once
(both are cached), each is an <image> the browser only scales.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
from plotly.colors import get_colorscale, hex_to_rgb, unlabel_rgb

# Plotly's own Viridis, as [stop, "#rrggbb"]: the image and a trace's colour bar share it
VIRIDIS = get_colorscale("Viridis")
CRISP_PX = 600  # a crisp image's least width and height in pixels (heatmap_image)


def colourise(z: np.ndarray, zmin: float, zmax: float, colorscale=VIRIDIS) -> np.ndarray:
    """z (H, W) as RGBA (H, W, 4) uint8, linear between the colour scale's stops as Plotly colours
    a heatmap: zmin -> the first stop, zmax -> the last, values beyond clamped (±inf too); NaN
    transparent, a gap as Plotly leaves it."""
    stops = np.array([float(s) for s, _colour in colorscale])
    rgb = np.array([_rgb(colour) for _stop, colour in colorscale], dtype=float)
    z = np.asarray(z, dtype=float)
    span = zmax - zmin if zmax > zmin else 1.0
    t = np.clip((np.nan_to_num(z, nan=zmin) - zmin) / span, 0.0, 1.0)
    out = np.stack([np.interp(t, stops, rgb[:, c]) for c in range(3)] + [np.full(z.shape, 255.0)], axis=-1)
    out[np.isnan(z)] = 0.0
    return np.rint(out).astype(np.uint8)


def _rgb(colour: str) -> tuple:
    """A Plotly colour scale's colour, "#rrggbb" or "rgb(r, g, b)", as (r, g, b)."""
    return hex_to_rgb(colour) if colour.startswith("#") else unlabel_rgb(colour)


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


def heatmap_image(z: np.ndarray, xs: np.ndarray, ys: np.ndarray, zmin: float, zmax: float,
                  colorscale=VIRIDIS, crisp: bool = False) -> dict:
    """A Plotly layout image showing z as a heatmap would: z (len(ys), len(xs)) with row 0 at ys[0]
    (the bottom), cell centres at xs, ys (evenly spaced), drawn under the traces (layer "below").

    The browser smooths an image it scales. crisp: every cell is repeated into a block of pixels
    first (the image at least CRISP_PX wide and tall), so that the smoothing blurs no more than a
    pixel at a cell's edge, as Plotly draws a heatmap's cells; else the cells blend (zsmooth "fast")."""
    dx = (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else 1.0
    dy = (ys[-1] - ys[0]) / (len(ys) - 1) if len(ys) > 1 else 1.0
    pixels = colourise(z[::-1], zmin, zmax, colorscale)  # an image's first row is its top
    if crisp:
        pixels = np.repeat(np.repeat(pixels, -(-CRISP_PX // len(ys)), axis=0), -(-CRISP_PX // len(xs)), axis=1)
    return {"source": "data:image/png;base64," + base64.b64encode(png_bytes(pixels)).decode("ascii"),
            "xref": "x", "yref": "y", "x": float(xs[0] - dx / 2), "y": float(ys[-1] + dy / 2),
            "sizex": float(xs[-1] - xs[0] + dx), "sizey": float(ys[-1] - ys[0] + dy),
            "xanchor": "left", "yanchor": "top", "sizing": "stretch", "layer": "below"}


def heatmap_layers(z: np.ndarray, xs: np.ndarray, ys: np.ndarray, zmin: float, zmax: float, colorscale=VIRIDIS,
                   hover_cells: tuple[int, int] = (50, 50), crisp: bool = False, **trace) -> dict:
    """A heatmap as a chart draws it here: {"image": heatmap_image of z, "hover": an invisible heatmap
    trace of at most hover_cells (rows, columns) of its cells, the first and last of each included,
    with the same colours: it gives the colour bar and the hover values}. trace: the hover trace's
    other properties (colorbar, hovertemplate). z (len(ys), len(xs)), row 0 at ys[0]."""
    rows, cols = (np.unique(np.linspace(0, len(a) - 1, min(len(a), n)).round().astype(int))
                  for a, n in zip((ys, xs), hover_cells))
    hover = {"type": "heatmap", "x": xs[cols], "y": ys[rows], "z": np.asarray(z)[np.ix_(rows, cols)].astype(np.float32),
             "opacity": 0, "colorscale": colorscale, "zmin": zmin, "zmax": zmax, **trace}
    return {"image": heatmap_image(z, xs, ys, zmin, zmax, colorscale, crisp), "hover": hover}
