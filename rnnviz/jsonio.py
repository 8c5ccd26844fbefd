"""Strict JSON out (RFC 8259: no NaN or Infinity), laid out so that a matrix reads as rows."""

from __future__ import annotations

import json


def dumps(obj, indent: int | None = None) -> str:
    """Compact JSON, or with indent: lists of plain numbers on one line, everything else indented.

    allow_nan=False makes a stray NaN an error here rather than an invalid file downstream;
    traces turn overflow into null before they get here."""
    if indent is None:
        return json.dumps(obj, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    return _pretty(obj, indent, 0)


def _pretty(obj, indent: int, level: int) -> str:
    pad, inner = " " * (indent * level), " " * (indent * (level + 1))
    if isinstance(obj, dict) and obj:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, indent, level + 1)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and obj and any(isinstance(v, (list, dict)) for v in obj):
        return "[\n" + ",\n".join(inner + _pretty(v, indent, level + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False, ensure_ascii=False, separators=(", ", ": "))
