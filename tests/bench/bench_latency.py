"""Latency benchmark in the browser: a settings change to the chart redrawn, every page, beside a bare page.

    python tests/bench/bench_latency.py     # this file alone (table, then the phase split)
    python tests/bench/run.py               # every tests/bench/bench_*.py
    RNNVIZ_BENCH_PAGES=app.py,pages/forward.py python tests/bench/bench_latency.py   # some pages

For every page in rnnviz.ui.PAGES, CHANGES settings changes made as a person makes them
(tests/browser/interactions.py: INTERACTIONS[file].apply(page, i)), each timed in the page with
performance.now() from just before apply to the first animation frame after the first DOM mutation
at which the page's charts draw different data (CHART_CHANGE_JS) and the app is idle as
wait_for_rerun defines it (connected, script state notRunning, no skeleton). The frame, not the
mutation: Streamlit handles a run's deltas in one task whose microtasks may also draw charts, so
the idle state and the new data can be in the DOM while the main thread is still busy (measured on
the backward page with Plotly charts: mutation at 270 ms, next frame at 438 ms), and nothing reaches
the screen before that task ends; ECharts draws in an animation-frame callback of that frame. After each change the page's metric must show
INTERACTIONS[file].expect(i). A wrong number, no redraw within TIMEOUT_MS, or a rerun that ended
SETTLE_MS ago with the charts unchanged is a failed change (an ERROR row); WARMUP unmeasured
changes come first.

The yardstick is a bare page (tests/bench/bare_page.py: one slider, st.write of its value) on a
second server started with the same flags (and, from the same directory, the same config.toml),
timed the same way from just before ArrowRight to the first frame after the text shows the new
value with the app idle. Each page is judged by median(page) / median(bare): the target is <= TARGET, the goal GOAL.
A second yardstick, not judged: the bare page and one ECharts line chart of 50 points that the
slider changes (tests/bench/one_chart_page.py, a third server), timed until its text and its chart
both show the change. Beside it, a page's ratio says how many such charts' worth of work a change
on it costs.
The pages and the bare page are measured round-robin, one change each per round, so that load
drifting on the machine hits them alike (as bench_engine does), in an order shuffled every round
(seeded): in a fixed order each target follows the same one, and what that one leaves running (its
server's and renderer's work after the frame) always lands on it. On a busy machine the rounds stop
at BUDGET_S and a row says how many were made.

Each timing is also split by the script-state transitions the page itself sees: until the
page hears that the script runs, while it runs, and after it stopped until the chart is drawn.
Careful: Streamlit flushes its messages from the server's event loop, so anything holding the
GIL after the script body (runner.postScriptGC's gc.collect) and a busy renderer main thread both
show up as "running". The rows report that part; the whole split is in details(), printed by
this file when run alone.

Charts with a timeline (stepping through time inside one scenario without a server round trip:
the unrolled graph, rnnviz.charts_unrolled): on every page where one is found, stepping it is
timed too, from just before the click on a step to the painted frame that shows it; with none,
one row says so.

Chromium or Playwright missing: the rows say "skipped". Servers and browser are always stopped.
"""

from __future__ import annotations

import logging
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BROWSER_TESTS = ROOT / "tests" / "browser"
for p in (ROOT, BROWSER_TESTS):  # run as a script, sys.path[0] is tests/bench
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

CHANGES = 15          # measured changes per page (and on the bare page)
WARMUP = 2            # unmeasured changes per page first (first run of a page imports, compiles)
ORDER_SEED = 1        # the rounds' shuffled order of targets
TARGET = 2.5          # median(page) / median(bare) must be at most this ...
GOAL = 1.5            # ... and should be at most this
TIMEOUT_MS = 15_000   # one change that has not redrawn by then is a failure ...
SETTLE_MS = 3_000     # ... as is one whose rerun ended this long ago without the change showing
MAX_FAILURES = 3      # a page failing this often is not measured further
MIN_JUDGED = 5        # a page is judged on at least this many good changes and no failed one
BUDGET_S = 280        # no new round after this many seconds, no new timeline step after
SCRUB_BUDGET_S = 310  # this many (servers, browser and all): the file stays under ~6 minutes. Timed to
                      # the painted frame, a round of 9 changes took 11-16 s on 2 cores (130 s made 8
                      # rounds; 15 rounds took 191 s on a quiet machine)
VIEWPORT = {"width": 1400, "height": 1200}
BARE_SCRIPT = HERE / "bare_page.py"
ONE_CHART_SCRIPT = HERE / "one_chart_page.py"  # the reference: the bare page and one small chart

# Arms one measurement in the page. COND is a JS function of one argument, true once the change
# shows. Every DOM mutation (and every animation frame, from the Python side's wait) runs check():
# it notes when the script state first leaves notRunning and comes back, and the first moment
# the change shows with the app idle as wait_for_rerun defines it.
ARM_JS = """(arg) => {
  const cond = %s;
  const app = document.querySelector('[data-testid="stApp"]');
  const m = {t0: performance.now(), key: null, running: null, idle: null, t1: null, frame: null};
  document.addEventListener('keydown', () => { if (m.key === null) m.key = performance.now(); },
                            {capture: true, once: true});
  m.check = () => {
    if (m.t1 !== null) return true;
    const now = performance.now();
    const state = app.getAttribute('data-test-script-state');
    if (state !== 'notRunning' && m.running === null) m.running = now;
    if (state === 'notRunning' && m.running !== null && m.idle === null) m.idle = now;
    if (state === 'notRunning' && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && !document.querySelector('[data-testid="stSkeleton"]') && cond(arg)) {
      m.t1 = now;
      m.observer.disconnect();
      // the first frame that shows it: its animation-frame callbacks (ECharts draws in one) run once
      // the task holding the change ends; a message posted from there arrives after that frame's paint
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { m.frame = performance.now(); };
        channel.port2.postMessage(null);
      });
      return true;
    }
    return false;
  };
  // a short run may go notRunning -> running -> notRunning between two callbacks: the records keep it
  m.observer = new MutationObserver((records) => {
    if (m.running === null && records.some(r => r.target === app
        && r.attributeName === 'data-test-script-state' && r.oldValue !== 'notRunning')) {
      m.running = performance.now();
    }
    m.check();
  });
  m.observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                                characterData: true, attributeOldValue: true});
  window.__latency = m;
}"""
# the Python side's wait: the change shows in a drawn frame, or the script ran and stopped SETTLE_MS ago without it
SETTLED_JS = """() => { const m = window.__latency;
  return (m.check() && m.frame !== null) || (m.t1 === null && m.idle !== null && performance.now() - m.idle > %d); }"""
SHOWN_JS = "() => window.__latency.check() && window.__latency.frame !== null"
READ_JS = "() => { const m = window.__latency; return {t0: m.t0, key: m.key, running: m.running, idle: m.idle, t1: m.t1, frame: m.frame}; }"

BARE_TEXT_JS = """(want) => {
  const e = document.querySelector('[data-testid="stMain"] [data-testid="stMarkdown"]');
  return !!e && e.innerText.trim() === want;
}"""

# Charts stepped through in the browser: ECharts charts with a timeline, which rnnviz.ui.chart keys
# "timeline-<name>" (Streamlit puts the key in the element's class)
TIMELINE_CHARTS = '[class*="st-key-timeline-"] [_echarts_instance_]'
TIMELINES_JS = "(sel) => document.querySelectorAll(sel).length"  # how many a page draws

# A timeline chart's geometry, in viewport px: its step labels (the texts in its bottom TIMELINE_PX,
# left to right) and the current step's marker (the checkpoint, an orange symbol of at most 24 px
# on the timeline: rnnviz.charts_unrolled draws the step shown in the current nodes' orange)
TIMELINE_PX = 40
TIMELINE_JS = """(a) => { const svg = document.querySelectorAll(a.sel)[a.index].querySelector('svg');
  const box = svg.getBoundingClientRect();
  const centre = (e) => { const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width}; };
  const labels = Array.from(svg.querySelectorAll('text')).map(t => ({text: t.textContent, ...centre(t)}))
    .filter(t => t.y > box.bottom - %d).sort((p, q) => p.x - q.x);
  const marks = Array.from(svg.querySelectorAll('[fill="#E69F00" i]')).map(centre)
    .filter(m => m.w <= 24 && m.y > box.bottom - 3 * %d);
  return {labels, checkpoint: marks.length ? marks[marks.length - 1] : null, signature: svg.innerHTML}; }""" % (
    TIMELINE_PX, TIMELINE_PX)


def ScriptServer(script: str):
    """conftest.Server for `script`, started without waiting: start both, then wait_healthy() each."""
    from conftest import Server

    return Server(script, log_name="bench-latency-streamlit", wait=False)


class Target:
    """One thing measured: a page of the app or the bare page, in its own browser tab.

    cond_js: JS function (arg) -> bool, true once the change shows; before(i): that arg, read
    before change i; apply(i): make change i; verify(i): None if the page then shows the right
    number, else why not; unchanged: what it means when a rerun shows no change.
    (A plain class: run.py loads this file without a sys.modules entry, which @dataclass needs.)"""

    def __init__(self, name: str, page, cond_js: str, before: Callable, apply: Callable, verify: Callable,
                 unchanged: str = "the text did not change"):
        self.name, self.page, self.cond_js = name, page, cond_js
        self.before, self.apply, self.verify, self.unchanged = before, apply, verify, unchanged
        self.samples = []   # one dict of in-page times per measured change
        self.failures = []  # (i, why)

    def change(self, i: int, measured: bool) -> None:
        """Make change i and wait until it shows; keep its timings if measured."""
        from conftest import wait_for_rerun

        self.page.bring_to_front()
        arg = self.before(i)
        self.page.evaluate(ARM_JS % self.cond_js, arg)
        self.apply(i)
        try:  # done, or the rerun is over and SETTLE_MS later the change still does not show
            self.page.wait_for_function(SETTLED_JS % SETTLE_MS, timeout=TIMEOUT_MS)
            wait_for_rerun(self.page, timeout_ms=TIMEOUT_MS)
        except Exception as exc:  # playwright's TimeoutError; other agents may load the machine
            self.failures.append((i, f"not redrawn within {TIMEOUT_MS} ms ({type(exc).__name__})"))
            return
        times = self.page.evaluate(READ_JS)
        wrong = self.verify(i)
        if times["t1"] is None:
            self.failures.append((i, f"the page reran ({'but ' + wrong if wrong else 'and shows the right number'}),"
                                     f" yet its charts drew the same data {SETTLE_MS} ms later ({self.unchanged})"))
            return
        if wrong:
            self.failures.append((i, wrong))
        elif measured:
            self.samples.append(times)


def start_loading(browser, url: str):
    """A new tab that has started loading url (not waited for: tabs load side by side)."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url, wait_until="commit")
    return page


def finish_loading(page, what: str):
    """Wait until the tab is loaded and idle; raise (closing it) if it shows an exception."""
    from conftest import wait_for_rerun

    try:
        page.wait_for_load_state("load", timeout=60_000)
        wait_for_rerun(page, timeout_ms=60_000)  # the first run of a page imports its modules
        exception = page.locator('[data-testid="stException"]')
        if exception.count():
            text = " ".join(exception.first.inner_text().split())
            raise RuntimeError(f"{what} shows an exception on load: {text[:200]}")
    except Exception:
        page.close()
        raise
    return page


def chart_page_target(page, file: str, title: str) -> Target:
    """The page `file`, open in `page`, driven through interactions.INTERACTIONS[file]."""
    from interactions import CHART_CHANGE_JS, INTERACTIONS, metric_value

    interaction = INTERACTIONS[file]  # a KeyError here: every page needs an entry (see interactions.py)
    try:  # the page is idle before an ECharts chart's code has loaded and drawn it
        page.wait_for_function(f"() => ({CHART_CHANGE_JS})() !== ''", timeout=30_000)
    except Exception:
        pass
    if not page.evaluate(CHART_CHANGE_JS):
        raise RuntimeError(f"{file} draws no chart: there is nothing to time")

    def verify(i):
        label, expected = interaction.expect(i)
        try:
            shown = metric_value(page, label)
        except LookupError as exc:
            return str(exc)
        return None if shown == expected else f"{label} shows {shown!r}, expected {expected!r}"

    return Target(
        name=f"{title} ({file})", page=page,
        cond_js=f"(before) => ({CHART_CHANGE_JS})() !== before",
        before=lambda i: page.evaluate(CHART_CHANGE_JS),
        apply=lambda i: interaction.apply(page, i),
        verify=verify,
        unchanged="CHART_CHANGE_JS, every SVG chart's shapes and text and every canvas chart's description, is the same",
    )


def bare_target(page) -> Target:
    """The bare page, loaded in `page`."""
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first

    def apply(i):
        thumb.focus()
        thumb.press("ArrowRight")  # from 0, one step per change: the value is then i

    def verify(i):
        text = page.locator('[data-testid="stMain"] [data-testid="stMarkdown"]').first.inner_text().strip()
        return None if text == str(i) else f"shows {text!r}, expected {i!r}"

    return Target(name="bare page (1 slider, st.write)", page=page, cond_js=BARE_TEXT_JS,
                  before=lambda i: str(i), apply=apply, verify=verify)


def one_chart_target(page) -> Target:
    """The reference page (one_chart_page.py), loaded in `page`: the bare page's change, timed until
    its text shows the new value and its chart draws the new data (CHART_CHANGE_JS, as the app's)."""
    from interactions import CHART_CHANGE_JS

    target = bare_target(page)
    target.name = "reference: bare page + one chart of 50 points"
    target.cond_js = (f"(want) => ({BARE_TEXT_JS})(want) && ({CHART_CHANGE_JS})().includes('x·' + (1 + Number(want)) + '/')")
    return target


def measure_scrub(page, index: int, steps: int = CHANGES, deadline: float = math.inf) -> tuple[list, list]:
    """Step the timeline of timeline chart `index` by clicking its points, one step further each
    time; per step, the time from just before the click until that chart draws something else, to
    the next painted frame (no server round trip: the script state must stay notRunning), and the
    timeline's marker must then be on the step clicked.
    No step starts after `deadline` (time.monotonic()).

    Returns (times in ms, failures)."""
    def geometry():
        return page.evaluate(TIMELINE_JS, {"sel": TIMELINE_CHARTS, "index": index})

    page.locator(TIMELINE_CHARTS).nth(index).scroll_into_view_if_needed()
    g = geometry()
    labels, mark = g["labels"], g["checkpoint"]
    if len(labels) < 2 or mark is None:
        return [], [f"chart {index}: a timeline with {len(labels)} step label(s) and "
                    f"{'a' if mark else 'no'} marker cannot be stepped"]
    axis_y = mark["y"]  # the points sit on the timeline's axis, where the marker is
    active = min(range(len(labels)), key=lambda i: abs(labels[i]["x"] - mark["x"]))
    times, failures = [], []
    for k in range(WARMUP + steps):
        if time.monotonic() > deadline:
            break
        target_step = (active + 1 + k) % len(labels)
        # the pointer goes there first: hovering a point redraws it, which is not the step
        page.mouse.move(labels[target_step]["x"], axis_y)
        page.wait_for_timeout(150)
        before = geometry()["signature"]
        page.evaluate(ARM_JS % "(a) => document.querySelectorAll(a.sel)[a.index].querySelector('svg').innerHTML !== a.before",
                      {"sel": TIMELINE_CHARTS, "index": index, "before": before})
        page.mouse.click(labels[target_step]["x"], axis_y)
        try:
            page.wait_for_function(SHOWN_JS, timeout=TIMEOUT_MS)
        except Exception as exc:
            failures.append(f"step to {target_step}: not redrawn within {TIMEOUT_MS} ms ({type(exc).__name__})")
            continue
        m = page.evaluate(READ_JS)
        g = geometry()  # the marker is drawn in the same frame as the step: no animation
        on_step = g["checkpoint"] is not None and abs(g["checkpoint"]["x"] - labels[target_step]["x"]) < 3
        if m["running"] is not None:
            failures.append(f"step to {target_step}: made a server round trip")
        elif not on_step:
            failures.append(f"step to {target_step}: the timeline's marker is not on that step")
        elif k >= WARMUP:
            times.append(m["frame"] - m["t0"])
    return times, failures


def p90(xs: list) -> float:
    return statistics.quantiles(xs, n=10, method="inclusive")[8] if len(xs) >= 2 else xs[0]


def phases(samples: list) -> dict:
    """Medians in ms of: total (just before apply -> the first frame that shows the change), first
    keydown -> that frame, just before apply -> the page hears the script runs, script state
    running (as the page sees it), script state back to notRunning -> the change in the DOM, the
    change in the DOM -> the frame. A phase whose moments a sample lacks leaves it out (nan)."""
    def med(a: str, b: str) -> float:
        xs = [s[b] - s[a] for s in samples if s[a] is not None and s[b] is not None]
        return statistics.median(xs) if xs else float("nan")
    return {"total": med("t0", "frame"), "from keystroke": med("key", "frame"), "to script start": med("t0", "running"),
            "script running": med("running", "idle"), "after script": med("idle", "t1"), "to frame": med("t1", "frame")}


_LAST_DETAILS: list[str] = []


def details() -> str:
    """The per-phase breakdown of the last run(), as text."""
    return "\n".join(_LAST_DETAILS)


def skipped(reason: str) -> list:
    return [(f"browser latency ({reason})", None, "ms", None, None)]


def run():
    """Every page of the navigation, the bare page and the one-chart page, in one browser; rows as
    bench_engine's."""
    logging.disable(logging.WARNING)  # importing rnnviz.ui outside `streamlit run` warns "No runtime found"
    try:
        from rnnviz.ui import PAGES
    finally:
        logging.disable(logging.NOTSET)
    try:
        from playwright.sync_api import sync_playwright
        from conftest import CHROMIUM, CHROMIUM_FLAGS, url_path
    except ImportError as exc:
        return skipped(f"skipped: {exc.name or exc} not importable (pip install -r requirements-dev.txt)")
    if not Path(CHROMIUM).is_file():
        return skipped(f"skipped: {CHROMIUM} is missing (apt-get install chromium)")

    started = time.monotonic()
    servers, pages, broken, timelines, scrubs, rounds = [], [], [], {}, {}, 0
    try:
        servers = [ScriptServer("app.py"), ScriptServer(str(BARE_SCRIPT.relative_to(ROOT))),
                   ScriptServer(str(ONE_CHART_SCRIPT.relative_to(ROOT)))]
        app_server, bare_server, one_chart_server = servers
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)  # while they boot
            try:
                for server in servers:
                    server.wait_healthy()
                # The app's pages load one after the other: first runs side by side on a fresh
                # server can race on imports (one session's thread takes a module another is still
                # importing from sys.modules: "partially initialized module").
                bare_tab = start_loading(browser, bare_server.url)  # other servers: side by side
                one_chart_tab = start_loading(browser, one_chart_server.url)
                tabs = {}  # name -> tab of every page that opened, measured or not
                only = os.environ.get("RNNVIZ_BENCH_PAGES")  # "app.py,pages/forward.py": these alone
                for file, title, _ in PAGES:  # a page that cannot be driven is an ERROR row
                    if only and file not in only.split(","):
                        continue
                    name = f"{title} ({file})"
                    try:
                        tab = start_loading(browser, f"{app_server.url}/{url_path(file)}")
                        tabs[name] = finish_loading(tab, file)
                        pages.append(chart_page_target(tabs[name], file, title))
                    except Exception as exc:
                        broken.append((name, exc))
                bare = bare_target(finish_loading(bare_tab, "the bare page"))
                one_chart = one_chart_target(finish_loading(one_chart_tab, "the one-chart page"))
                targets = [bare, one_chart, *pages]
                for i in range(1, WARMUP + 1):
                    for t in targets:
                        t.change(i, measured=False)
                order = random.Random(ORDER_SEED)
                for i in range(WARMUP + 1, WARMUP + CHANGES + 1):
                    if time.monotonic() - started > BUDGET_S:
                        break  # a busy machine: fewer rounds, and a row that says so
                    for t in order.sample(targets, len(targets)):
                        if len(t.failures) < MAX_FAILURES:
                            t.change(i, measured=True)
                    rounds += 1
                for name in tabs:  # looked for now that every page has drawn (and redrawn) its charts
                    timelines[name] = tabs[name].evaluate(TIMELINES_JS, TIMELINE_CHARTS)
                    for index in range(timelines[name]):
                        tabs[name].bring_to_front()
                        scrubs[(name, index)] = measure_scrub(tabs[name], index, deadline=started + SCRUB_BUDGET_S)
            finally:
                browser.close()
    finally:
        for server in servers:
            server.stop()
    return rows(bare, pages, broken, timelines, scrubs, rounds, time.monotonic() - started, one_chart)


def rows(bare: Target, pages: list, broken: list, timelines: dict, scrubs: dict, rounds: int,
         elapsed: float, one_chart: Target | None = None) -> list:
    out, notes = [], []
    _LAST_DETAILS.clear()
    _LAST_DETAILS.append(f"{rounds} measured round(s) after {WARMUP} warm-up, {elapsed:.0f} s in all; "
                         "medians in ms, timed in the page (performance.now())")
    _LAST_DETAILS.append(f"{'':34} {'total':>7} {'from key':>9} {'to start':>9} {'script':>7} {'after':>7} "
                         f"{'to frame':>9}")

    def timing_rows(t: Target, what: str) -> dict | None:
        if not t.samples:
            out.append((f"{t.name}: {what} (no successful change)", None, "ms", None, None))
            return None
        ph = phases(t.samples)
        total = [s["frame"] - s["t0"] for s in t.samples]
        _LAST_DETAILS.append(f"{t.name[:34]:34} {ph['total']:7.0f} {ph['from keystroke']:9.0f} "
                             f"{ph['to script start']:9.0f} {ph['script running']:7.0f} {ph['after script']:7.0f} "
                             f"{ph['to frame']:9.0f}")
        n = len(total)
        out.append((f"{t.name}: {what}, median of {n}", ph["total"], "ms", None, None))
        out.append((f"{t.name}: {what}, p90 of {n}", p90(total), "ms", None, None))
        out.append((f"{t.name}: of which script state running (seen in page)", ph["script running"], "ms",
                    None, None))
        return ph

    if rounds < CHANGES:
        out.append((f"browser latency: measured rounds within the {BUDGET_S} s budget (machine busy?)", rounds,
                    "", f">= {CHANGES}", False))
    base = timing_rows(bare, "ArrowRight -> text on screen")
    if bare.failures:
        out.append((f"{bare.name}: changes that did not show", len(bare.failures), "", "0", "ERROR"))
        notes.append(f"{bare.name}: change {bare.failures[0][0]} failed: {bare.failures[0][1]}")
    if one_chart is not None:  # a yardstick, not judged: how many charts' worth of work a page's ratio is
        ph = timing_rows(one_chart, "ArrowRight -> text and chart on screen")
        if ph is not None and base is not None:
            out.append((f"{one_chart.name} / bare page, medians (not judged)", ph["total"] / base["total"], "x",
                        None, None))
        if one_chart.failures:
            out.append((f"{one_chart.name}: changes that did not show", len(one_chart.failures), "", "0", "ERROR"))
            notes.append(f"{one_chart.name}: change {one_chart.failures[0][0]} failed: {one_chart.failures[0][1]}")
    for t in pages:
        ph = timing_rows(t, "change -> redrawn chart on screen")
        if ph is not None and base is not None:
            ratio = ph["total"] / base["total"]
            judged = not t.failures and len(t.samples) >= MIN_JUDGED
            out.append((f"{t.name} / bare page, medians" + ("" if judged else " (not judged: too few good changes)"),
                        ratio, "x", f"<= {TARGET} x; goal <= {GOAL}", (ratio <= TARGET) if judged else None))
        failed = len(t.failures)
        out.append((f"{t.name}: changes with a wrong number or no redraw", failed, "", "0",
                    True if failed == 0 else "ERROR"))
        for i, why in t.failures[:1]:
            notes.append(f"{t.name}: change {i} failed: {why}")
    for name, exc in broken:
        why = "no entry in tests/browser/interactions.py INTERACTIONS" if isinstance(exc, KeyError) else \
            f"{type(exc).__name__}: {str(exc).splitlines()[0][:100] if str(exc) else ''}"
        out.append((f"{name}: not measured ({why})", None, "x", f"<= {TARGET} x; goal <= {GOAL}", "ERROR"))
    if not any(timelines.values()):
        unchecked = len(pages) + len(broken) - len(timelines)  # pages that did not open
        note = f"; {unchecked} page(s) that did not open not checked" if unchecked else ""
        out.append((f"step through a timeline (no page has a timeline chart{note})", None, "ms", None, None))
    for (name, index), (times, failures) in scrubs.items():
        if times:
            what = f"{name}: timeline {index}, click on a step -> step on screen (no server)"
            out.append((f"{what}, median of {len(times)}", statistics.median(times), "ms", None, None))
            out.append((f"{what}, p90 of {len(times)}", p90(times), "ms", None, None))
        if not times and not failures:
            out.append((f"{name}: timeline {index} steps (not measured: out of time)", None, "ms",
                        None, None))
        if failures:
            out.append((f"{name}: timeline {index} steps that failed", len(failures), "", "0", "ERROR"))
            notes.append(f"{name}: timeline {index}: {failures[0]}")
    _LAST_DETAILS.extend(notes)
    return out


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(f"1-min load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", file=sys.stderr)
    table = run()
    print(format_table(table))
    print()
    print(details())
