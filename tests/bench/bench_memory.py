"""Memory for Streamlit Community Cloud: the server's resident memory with 1, 10 and 20 sessions open,
and how many students one 1 GB instance holds.

    python tests/bench/bench_memory.py       # this file alone (2-5 minutes)
    python tests/bench/run.py memory         # the same, through the runner

Community Cloud gives each app 1 GB of memory; past it the app is stopped. What a class adds to
that is the server's memory per browser session. This starts one `streamlit run app.py`
(tests/browser/conftest.py's Server, its flags) and opens sessions one at a time, each in a
browser context of its own (own cookies, own websocket, own Session State) of one Chromium, driven
by the async Playwright API, up to SESSIONS. The sessions are spread round-robin over every page of
rnnviz.ui.PAGES, as a class wanders across pages, and each makes CHANGES settings changes through
the browser tests' INTERACTIONS[page] (tests/browser/interactions.py), waits for the rerun to show
and checks the metric interactions' expect() names (as bench_classroom.py does, with its helpers:
open_session, make_changes). Every session stays open, its websocket alive, while the next ones open.

Memory: VmRSS of the server process and its children (/proc/<pid>/status; bench_classroom's
rss_mb), before any session and once sessions 1, 10 and 20 are open and done with their changes:
after a pause of GC_PAUSE_S (the last rerun's post-script garbage collection and messages are done)
the largest of SAMPLES readings over about 2 s. From these:

    per extra session = (RSS(20) - RSS(1)) / 19                    target <= 30 MB
    students one 1 GB instance holds = floor((1024 - RSS(1)) / per extra session) + 1

RSS(1) holds the server's one-off cost (Streamlit, the app's imports, the first page's caches), so
it is left out of the slope. Sessions 2..8 are the first on their page, so they also pay one-off
page imports and cache entries: the rows also give the slope from 10 to 20 sessions, when every page
has been seen, and split RSS into anonymous memory (Python's heap: objects, caches, session state)
and file-backed pages (shared libraries, byte code), with the server's thread count and the client
side's CPU while the sessions sit idle (what keeping them open costs the machine, not the server).

Not measured: cache growth from different settings. Every session makes the same CHANGES changes
(interactions' apply(page, i) builds on the change before), so after the first visit of a page its
reruns hit the server's caches; distinct settings per student add cache entries up to the
max_entries of rnnviz.ui's caches, once per server, not per session.

Bounded: no session opens after BUDGET_S from the start (RNNVIZ_MEMORY_BUDGET_S gives a slow machine
more), a page load waits at most OPEN_TIMEOUT_S and a change at most bench_classroom's
CHANGE_TIMEOUT_S; rows then say how many sessions were reached and the slope uses the last count
measured. Most of the time goes into Chromium loading the pages (about 8 s of CPU each): on a quiet
2-core machine 20 sessions take about 3 minutes, on a busy one the budget may cut them short.
Everything started here is stopped in `finally`. Without Playwright or Chromium the rows say "skipped".
"""

from __future__ import annotations

import asyncio
import math
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (ROOT, HERE):  # run as a script, sys.path[0] is tests/bench
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def _load_classroom():
    """bench_classroom.py, loaded by its path as run.py loads benchmarks (once per process): its
    browser helpers and its loading of tests/browser/conftest.py (Server, Chromium) and interactions."""
    from by_path import load_by_path

    return load_by_path("rnnviz_bench_classroom", HERE / "bench_classroom.py")


classroom = _load_classroom()
rss_mb, tree = classroom.rss_mb, classroom.tree

SESSIONS = 20
MEASURE_AT = (1, 10, 20)      # sessions open when RSS is measured (and the last count reached)
CHANGES = 3                   # per session: INTERACTIONS[page].apply(page, i) for i = 1..CHANGES
MEMORY_MB = 1024              # Community Cloud's memory per app
PER_SESSION_TARGET_MB = 30.0
GC_PAUSE_S = 1.0              # before sampling: the last rerun's gc and messages are done
SAMPLES = 5                   # RSS readings, the largest counts ...
SAMPLE_GAP_S = 0.5            # ... this far apart: about 2 s
OPEN_TIMEOUT_S = 60.0         # one page load and first run; longer is an error
EXTRA_ATTEMPTS = 3            # page loads that fail may be retried this often in all (as other sessions)
# From run()'s start: no session opens after BUDGET_S; a session opened before it makes its changes
# (each at most bench_classroom.CHANGE_TIMEOUT_S), so the file ends within about 5 minutes.
BUDGET_S = float(os.environ.get("RNNVIZ_MEMORY_BUDGET_S", 255))

PREFIX = "memory: "
ROWS = [  # (name, unit, target) of the main rows; a skipped run reports these with no value
    ("sessions open, one at a time, round-robin over every page", "", f"= {SESSIONS}"),
    (f"settings changes made ({CHANGES} per session)", "", f"= {SESSIONS * CHANGES}"),
    ("errors (wrong value, stException, no rerun in time, page not loaded)", "", "= 0"),
    ("server RSS before any session", "MB", None),
    *((f"server RSS with {n} session{'s' if n > 1 else ''} open", "MB", None) for n in MEASURE_AT),
    (f"server RSS per extra session = (RSS({SESSIONS}) - RSS(1)) / {SESSIONS - 1}", "MB",
     f"<= {PER_SESSION_TARGET_MB:g}"),
    (f"students one 1 GB instance holds = floor(({MEMORY_MB} - RSS(1)) / per extra session) + 1", "", None),
]


def log(msg: str) -> None:
    print(f"[memory] {msg}", file=sys.stderr, flush=True)


def breakdown(pid: int) -> dict:
    """RssAnon, RssFile, RssShmem (MB) and Threads of pid and its descendants, from /proc (empty without)."""
    fields = {"RssAnon:": "anon", "RssFile:": "file", "RssShmem:": "shmem", "Threads:": "threads"}
    out = dict.fromkeys(fields.values(), 0.0)
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    key = fields.get(line.split(":", 1)[0] + ":")
                    if key:
                        n = int(line.split()[1])
                        out[key] += n if key == "threads" else n / 1024
        except (OSError, ValueError, IndexError):
            if p == pid:
                return {}
    return out


async def measure_rss(pid: int) -> dict:
    """After GC_PAUSE_S, the largest of SAMPLES readings of the server's RSS, with its breakdown,
    and the CPU share (100 % = one core) of the server and of the client side meanwhile (idle)."""
    meter = classroom.CpuMeter(pid).start()
    await asyncio.sleep(GC_PAUSE_S)
    best = {"rss": None}
    for k in range(SAMPLES):
        if k:
            await asyncio.sleep(SAMPLE_GAP_S)
        rss = rss_mb(pid)
        if rss is not None and (best["rss"] is None or rss > best["rss"]):
            best = {"rss": rss, **breakdown(pid)}
    idle = meter.stop()
    return {**best, "idle_client": idle["client"] / idle["wall"], "idle_server": idle["server"] / idle["wall"]}


async def open_class(server, deadline: float) -> tuple[list, list, dict]:
    """Open the sessions one at a time, each making its changes; RSS at 0 and MEASURE_AT sessions.
    Returns (sessions, failed page loads, {sessions open: measure_rss()})."""
    from playwright.async_api import async_playwright

    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="memory")  # one session's sync calls at a time
    pid = server.proc.pid
    points = {0: await measure_rss(pid)}
    log(f"RSS before any session: {points[0]['rss']:.0f} MB")
    sessions, failed_opens = [], []
    playwright = browser = None
    try:
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=classroom.CHROMIUM, args=classroom.CHROMIUM_FLAGS)
        attempts = 0
        while len(sessions) < SESSIONS and attempts < SESSIONS + EXTRA_ATTEMPTS:
            if time.monotonic() > deadline:
                log(f"time budget ({BUDGET_S:.0f} s) spent: stopped at {len(sessions)} sessions")
                break
            attempts += 1
            page_file = classroom.PAGES[len(sessions) % len(classroom.PAGES)][0]
            url = f"{server.url}/{classroom.url_path(page_file)}"
            t0 = time.monotonic()
            try:
                s = await asyncio.wait_for(classroom.open_session(browser, url, len(sessions) + 1, loop),
                                           OPEN_TIMEOUT_S)
            except Exception as exc:
                why = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:160]}"
                failed_opens.append(f"{page_file}: {why}")
                log(f"session {len(sessions) + 1} on {page_file} did not open: {why}")
                kept = {s.context for s in sessions}
                for context in browser.contexts:  # the failed one: close it, its websocket must not count
                    if context not in kept:
                        try:
                            await asyncio.wait_for(context.close(), 10)
                        except Exception:
                            pass
                continue
            s.page_file = page_file
            sessions.append(s)
            opened = time.monotonic() - t0
            await classroom.make_changes(s, classroom.INTERACTIONS[page_file], list(range(1, CHANGES + 1)),
                                         pool, deadline + 30)
            changed = time.monotonic() - t0 - opened
            n = len(sessions)
            note = ""
            if n in MEASURE_AT:
                points[n] = await measure_rss(pid)
                note = (f"; RSS {points[n]['rss']:.0f} MB; while idle: client CPU "
                        f"{100 * points[n]['idle_client']:.0f} %, server {100 * points[n]['idle_server']:.0f} %")
            log(f"session {n} on {page_file}: loaded in {opened:.1f} s, {s.made} change(s) made in "
                f"{changed:.1f} s, {s.wrong + s.exceptions + s.failed} error(s){note}")
        if sessions and len(sessions) not in points:  # cut short: measure the last count reached
            points[len(sessions)] = await measure_rss(pid)
        return sessions, failed_opens, points
    finally:
        await classroom.close_all(sessions, browser, playwright, pool)


def skipped(reason: str) -> list:
    rows = [(PREFIX + name, None, unit, target, None) for name, unit, target in ROWS]
    rows[0] = (f"{rows[0][0]} ({reason})",) + rows[0][1:]
    return rows


def run():
    """Server RSS with 1, 10 and 20 sessions open, as rows (name, value, unit, target, ok)."""
    problem = classroom.browser_problem()
    if problem:
        return skipped(problem)
    missing = [f for f, _, _ in classroom.PAGES if f not in classroom.INTERACTIONS]
    if missing:
        raise RuntimeError(f"pages without an entry in tests/browser/interactions.py: {missing}")

    t_start = time.monotonic()
    server = classroom.Server("app.py", log_name="memory-streamlit")
    log(f"server on {server.url}, pid {server.proc.pid}, log {server.log.relative_to(ROOT)}")
    try:
        sessions, failed_opens, points = asyncio.run(open_class(server, t_start + BUDGET_S))
    finally:
        server.stop()
    log(f"done in {time.monotonic() - t_start:.0f} s")
    return rows(sessions, failed_opens, points)


def rows(sessions: list, failed_opens: list, points: dict) -> list:
    problems = [f"session {s.number} ({s.page_file}): {p}" for s in sessions for p in s.problems] + failed_opens
    for p in problems[:30]:
        log(p)
    if len(problems) > 30:
        log(f"... and {len(problems) - 30} more")
    made = sum(s.made for s in sessions)
    errors = sum(s.wrong + s.exceptions + s.failed for s in sessions) + len(failed_opens)

    def rss(n):
        return points.get(n, {}).get("rss")

    # the slope from 1 session to the most measured (SESSIONS unless the budget cut it short)
    last = max(points)
    per = None
    if last > 1 and rss(1) is not None and rss(last) is not None:
        per = (rss(last) - rss(1)) / (last - 1)
    students, students_note = None, ""
    if per is not None and per > 0:
        students = math.floor((MEMORY_MB - rss(1)) / per) + 1
    elif per is not None:
        students_note = " (no growth per session measured: memory does not bound it here)"

    values = [
        (len(sessions), len(sessions) == SESSIONS),
        (made, made == SESSIONS * CHANGES),
        (errors, errors == 0),
        (rss(0), None),
        *((rss(n), None) for n in MEASURE_AT),
        (per, per is not None and per <= PER_SESSION_TARGET_MB),
        (students, None),
    ]
    out = [(PREFIX + name, value, unit, target, None if value is None else ok)
           for (name, unit, target), (value, ok) in zip(ROWS, values)]
    i_per = len(ROWS) - 2
    if last != SESSIONS and per is not None:  # cut short: name the count the slope used
        out[i_per] = (PREFIX + f"server RSS per extra session = (RSS({last}) - RSS(1)) / {last - 1}",) + out[i_per][1:]
    out[i_per + 1] = (out[i_per + 1][0] + students_note,) + out[i_per + 1][1:]
    if last not in MEASURE_AT:
        out.insert(i_per, (PREFIX + f"server RSS with {last} sessions open (the last count reached)",
                           rss(last), "MB", None, None))

    # evidence, without targets: one-off costs against per-session costs, and which memory grows
    def diff(key, a, b):
        pa, pb = points.get(a, {}), points.get(b, {})
        if pa.get(key) is None or pb.get(key) is None:
            return None
        return (pb[key] - pa[key]) / (b - a)

    mid = 10 if 10 in points and last > 10 else None
    info = [("first session: RSS(1) - RSS before (its page's imports, caches, one-off)",
             diff("rss", 0, 1) if 1 in points else None, "MB")]
    if mid:
        info += [(f"per extra session from {mid} to {last} = (RSS({last}) - RSS({mid})) / {last - mid}"
                  " (every page seen)", diff("rss", mid, last), "MB"),
                 (f"per extra session from 1 to {mid} (includes first visits of the other pages)",
                  diff("rss", 1, mid), "MB")]
    if 1 in points and last > 1:
        info += [(f"of the per-session growth 1 -> {last}: anonymous (heap: objects, caches, state)",
                  diff("anon", 1, last), "MB"),
                 (f"of the per-session growth 1 -> {last}: file-backed (libraries, byte code)",
                  diff("file", 1, last), "MB"),
                 (f"of the per-session growth 1 -> {last}: shared memory", diff("shmem", 1, last), "MB")]
    for n in sorted(points):
        p = points[n]
        if p.get("anon") is not None:
            info.append((f"server with {n} session{'' if n == 1 else 's'} open: anonymous / file-backed RSS",
                         p["anon"], f"MB / {p['file']:.3g} MB"))
    info += [(f"server threads with {n} session{'' if n == 1 else 's'} open", points[n].get("threads"), "")
             for n in sorted({0, last})]
    if points[last].get("idle_client") is not None:
        info.append((f"{last} sessions open and idle: CPU of Chromium and this driver (100 % = one core)",
                     100 * points[last]["idle_client"], "%"))
    return out + [(PREFIX + name, value, unit, None, None) for name, value, unit in info]


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(format_table(run()))
