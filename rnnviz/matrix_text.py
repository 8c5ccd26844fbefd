"""Matrices as short text, the way a person types them: "0.5 0.1; 0 0.5".

Rows are separated by ";" or new lines, numbers by spaces or commas. A vector is one row.
Parsing names the row and column of what is wrong, so a page can say it at that field.
"""

from __future__ import annotations

import math
import re

from .i18n import _

_ROW = re.compile(r"[;\n]")
_CELL = re.compile(r"[,\s]+")


class MatrixTextError(ValueError):
    """Text that is not a matrix of numbers; the message names the row and column."""


def parse_matrix(text: str, rows: int | None = None, cols: int | None = None) -> list[list[float]]:
    """"1 2; 3 4" -> [[1.0, 2.0], [3.0, 4.0]]. rows/cols, when given, are the expected shape."""
    lines = [line.strip() for line in _ROW.split(str(text))]
    while lines and not lines[-1]:  # a trailing ";" or new line is not a row
        lines.pop()
    if not lines:
        raise MatrixTextError(_("empty: type numbers, rows separated by ';'"))
    matrix = []
    for i, line in enumerate(lines, start=1):
        cells = [c for c in _CELL.split(line) if c]
        if not cells:
            raise MatrixTextError(_("row {i} is empty").format(i=i))
        row = []
        for j, cell in enumerate(cells, start=1):
            try:
                value = float(cell)
            except ValueError:
                raise MatrixTextError(_("row {i}, column {j}: {text} is not a number").format(
                    i=i, j=j, text=repr(cell[:20]))) from None
            if not math.isfinite(value):
                raise MatrixTextError(_("row {i}, column {j}: {text} is not a finite number").format(
                    i=i, j=j, text=repr(cell[:20])))
            row.append(value)
        matrix.append(row)
    widths = {len(r) for r in matrix}
    if len(widths) > 1:
        raise MatrixTextError(_("rows have different lengths ({lengths})").format(
            lengths=", ".join(str(len(r)) for r in matrix)))
    got = (len(matrix), widths.pop())
    if (rows is not None and got[0] != rows) or (cols is not None and got[1] != cols):
        want = f"{rows if rows is not None else got[0]}×{cols if cols is not None else got[1]}"
        raise MatrixTextError(_("expected {want}, got {got}").format(want=want, got=f"{got[0]}×{got[1]}"))
    return matrix


def parse_vector(text: str, length: int | None = None) -> list[float]:
    """"1 0" -> [1.0, 0.0]: one row."""
    matrix = parse_matrix(text, rows=1, cols=length)
    return matrix[0]


def number_text(value: float) -> str:
    """A number as a person would type it: up to 6 significant digits, no trailing zeros."""
    text = f"{float(value):.6g}"
    return "0" if text == "-0" else text


def format_matrix(matrix) -> str:
    """[[1, 2], [3, 4]] -> "1 2; 3 4"."""
    return "; ".join(" ".join(number_text(v) for v in row) for row in matrix)


def format_vector(vector) -> str:
    """[1, 0] -> "1 0"."""
    return " ".join(number_text(v) for v in vector)
