"""Server time of a full rerun of every page, in Streamlit's AppTest (no browser, no network).

Target for the step-through pages (issue 4): median ≤ 50 ms. Every page is measured, with the
caches warm as a classroom's second student finds them; one row per page.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

REPEATS = 25
TARGET_MS = {"pages/forward.py": 50, "pages/backward.py": 50}


def run():
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings
    from apptest_helpers import open_page
    from rnnviz.ui import PAGES

    rows = []
    for path, title, _ in PAGES:
        at = open_page(path, panels=False)  # the view a page opens with: tables, export and classroom closed
        for _ in range(3):  # warm: imports, caches
            at.run()
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1e3)
        if at.exception:
            raise RuntimeError(f"{path} raised: {at.exception[0].message}")
        median = statistics.median(times)
        target = TARGET_MS.get(path)
        rows.append((f"full rerun, server (AppTest): {title}", median, "ms",
                     None if target is None else f"<= {target}", None if target is None else median <= target))
    return rows


if __name__ == "__main__":
    from run import format_table

    print(format_table(run()))
