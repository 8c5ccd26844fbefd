"""Classroom load test: one server, 30 browser sessions on its busiest page, 10 settings changes each, all at once.

    python tests/bench/bench_classroom.py            # this file alone (about 4-5 minutes)
    python tests/bench/run.py classroom              # the same, through the runner

A teacher shares one link and a class of 30 works on one `streamlit run app.py`. This starts such a
server on a free port of 127.0.0.1 (tests/browser/conftest.py's Server), opens 30 independent
Streamlit sessions on its busiest page (one Chromium; one browser context per session: own cookies,
own websocket, own Session State) and has every session make its 10 changes through the browser
tests' own INTERACTIONS, concurrently: the async Playwright API drives all 30 from one event loop.

The busiest page is chosen by measurement: the script CPU time of a full rerun of every page in
Streamlit's AppTest, caches warm (as tests/bench/bench_pages.py measures it), largest wins. The
server is what the class shares (each pupil's browser is their own), so server work per rerun is
what decides; AppTest needs no browser, so the choice costs seconds, not a page load per page.

Latency of a change: from just before apply() starts to the moment the page itself sees the rerun
finished (connected, script state notRunning, no skeleton, and its charts (CHART_CHANGE_JS) or
metrics show something else than before). The page stamps that moment with Date.now(), so
Playwright's round trip back to Python is not counted (it has its own row). A change that shows
no rerun within CHANGE_TIMEOUT_S is an error and counts as that long in the percentiles. After
each change the page's metric must show interactions' expected value and no stException may appear.

Besides the targets, rows give the evidence for where the time goes: the pages' script time in
AppTest; one session alone, first with changes the server has not seen (cache misses) and then
the same changes again (cache hits, as 29 of 30 pupils find them here, since all make the same
changes); under load, each change split at the script-state transitions the page sees (until the
script starts, while it runs, until the page shows it), the server's CPU (100 % = one core, all a
Python process can use for Python code) and its event-loop share, and how busy the machine was:
the 30 Chromium pages run on the same machine and compete with the server for its cores.

The reference (rows without targets): then the same class, same machinery, on a page with next to
nothing to draw (class_reference_page.py: one slider, its value as one metric) on a server of its
own. What that class's latency is, the 30 browser pages sharing the cores with the server cost any
page; what the busiest page adds to it, its own drawing and computing do.

Memory: resident set of the server process and its children (/proc/<pid>/status VmRSS; psutil where
there is no /proc) before any session, after the first, and the peak while all 30 are open
(sampled every 0.5 s while they work). Per extra session = (peak - before any) / sessions open.

Script runs are timed inside the server: it is conftest.Server's `streamlit run app.py`, same
flags, started through tests/bench/timed_streamlit.py, which logs each run's wall and CPU time.

Bounded: 30 sessions x 10 changes, each change at most CHANGE_TIMEOUT_S, each page load at most
OPEN_TIMEOUT_S; no page load starts after OPEN_BUDGET_S and no change after BUDGET_S (set
RNNVIZ_CLASSROOM_BUDGET_S to give a slow machine more time). What these cut is reported as
sessions not open and changes not made, apart from the errors. Everything started here is stopped
in `finally`. Without Playwright or Chromium the rows say "skipped".
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BROWSER_TESTS = ROOT / "tests" / "browser"
for p in (ROOT, BROWSER_TESTS):  # run as a script, sys.path[0] is tests/bench
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


from by_path import load_by_path  # noqa: E402  (tests/bench is on sys.path: run.py and this file live there)


SESSIONS = 30
CHANGES = 10                 # per session: INTERACTIONS[page].apply(page, i) for i = 1..CHANGES
SOLO_CHANGES = 4             # one session alone, before the others open: i = 1..SOLO_CHANGES, twice
APPTEST_RUNS = 5             # timed AppTest reruns per page, after 2 warm-up runs
P95_TARGET_S = 3.0
RSS_PER_SESSION_TARGET_MB = 30.0
CHANGE_TIMEOUT_S = 25.0      # one change: apply, rerun, check; longer is an error
OPEN_TIMEOUT_S = 90.0        # one session: page load and first run
OPEN_PARALLEL = 3            # sessions loading the page at once (page loads are not what is measured)
# From run()'s start: no page load starts after OPEN_BUDGET_S, no change after BUDGET_S; with the
# last change's CHANGE_TIMEOUT_S and the clean-up the class stays near 4 minutes, and the reference
# class (budgets counted again from its start) takes well under one more. Changes and sessions cut
# by them are reported as not made / not open, apart from errors.
BUDGET_S = float(os.environ.get("RNNVIZ_CLASSROOM_BUDGET_S", 205))
OPEN_BUDGET_S = 0.6 * BUDGET_S
SAMPLE_S = 0.5               # RSS sampling period while the sessions work
VIEWPORT = {"width": 1400, "height": 1200}  # as the browser tests (the step pages need their sidebar)

# What the page shows that a change must alter: every chart's data (CHART_CHANGE_JS) and
# every metric's value. The charts alone are not enough: the step pages' unrolled graph keeps its
# x and y when a weight changes (labels and colours follow), while each interaction's expect()
# names a metric that differs from one change to the next.
SIGNATURE_JS = """() => (%s)() + '#' + Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
    .map(e => e.textContent).join('|')"""
# The page has finished a rerun and shows something other than `before`: returns when it saw that.
SETTLED_JS = """([before, charted]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
      || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')
      || (charted && !document.querySelector('[_echarts_instance_] svg, [_echarts_instance_] canvas'))) return false;
  const now = (%s)();
  return now !== before ? Date.now() : false;
}"""
# Waits in the page, without polling, until SETTLED_JS holds: it is a function of the DOM alone, so
# it can only turn true at a DOM mutation, and a MutationObserver checks it at each one. Resolves with
# the page's Date.now() at that moment, or null after timeoutMs. Polling from Python every 50 ms (as
# before) cost each of the 30 pages a CDP round trip through the browser and the driver 20 times a
# second, on the same 2 cores as the app it measures, and stamped the moment up to 50 ms late.
WAIT_JS = """([before, charted, timeoutMs]) => new Promise((resolve) => {
  const settled = (%s);
  const now = settled([before, charted]);
  if (now) return resolve(now);
  let timer = null;
  const observer = new MutationObserver(() => {
    const t = settled([before, charted]);
    if (t) { observer.disconnect(); clearTimeout(timer); resolve(t); }
  });
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(() => { observer.disconnect(); resolve(null); }, timeoutMs);
})"""


class ChangeTimeout(Exception):
    """WAIT_JS gave up: no rerun showed the change in time (its name says Timeout, as Playwright's does)."""


async def wait_settled(page, before: str, timeout_s: float, charted: bool = True) -> float:
    """The page's Date.now() (ms) at which it finished a rerun showing something other than `before`
    (charted: and, as every page of the app does, draws its charts)."""
    seen = await page.evaluate(WAIT_JS, [before, charted, timeout_s * 1000])
    if seen is None:
        raise ChangeTimeout(f"no rerun showed a change within {timeout_s:g} s")
    return seen


# Installed in every page before it loads: the time of the last key pressed, and every change of
# the script state with its time (a MutationObserver keeps even a run too short to be polled).
INSTRUMENT_JS = """(() => {
  window.__key = null; window.__states = [];
  document.addEventListener('keydown', () => { window.__key = Date.now(); }, true);
  const watch = () => new MutationObserver((records) => {
    for (const r of records) {
      if (window.__states.length > 5000) window.__states.splice(0, 1000);
      window.__states.push([Date.now(), r.target.getAttribute('data-test-script-state')]);
    }
  }).observe(document.documentElement, {subtree: true, attributes: true,
                                        attributeFilter: ['data-test-script-state']});
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})()"""
# For the change that started at t0 (ms) and showed at t1: the last key press, the first move of
# the script state away from notRunning after it, and the last return to notRunning before t1.
PHASES_JS = """([t0, t1]) => {
  const key = window.__key !== null && window.__key >= t0 ? window.__key : null;
  let start = null, end = null;
  for (const [t, s] of window.__states) {
    if (t < (key || t0) || t > t1) continue;
    if (start === null && s !== 'notRunning') start = t;
    if (start !== null && s === 'notRunning') end = t;
  }
  return {key, start, end};
}"""

try:  # tests/browser: the browser tests' Server, Chromium settings and interactions
    _browser_conftest = load_by_path("rnnviz_browser_conftest", BROWSER_TESTS / "conftest.py")  # imports pytest
    CHROMIUM, CHROMIUM_FLAGS, OUTPUT = _browser_conftest.CHROMIUM, _browser_conftest.CHROMIUM_FLAGS, _browser_conftest.OUTPUT
    Server, url_path = _browser_conftest.Server, _browser_conftest.url_path
    from interactions import CHART_CHANGE_JS, INTERACTIONS, metric_value, press_slider
    logging.disable(logging.WARNING)  # importing rnnviz.ui outside `streamlit run` warns "No runtime found"
    try:
        from rnnviz.ui import PAGES
    finally:
        logging.disable(logging.NOTSET)
except ImportError as exc:
    IMPORT_PROBLEM = f"{exc.name or exc} not importable (pip install -r requirements-dev.txt)"
    Server = object  # TimedServer below is then defined but never started: run() reports "skipped"
else:
    IMPORT_PROBLEM = None
    SIGNATURE_JS = SIGNATURE_JS % CHART_CHANGE_JS
    SETTLED_JS = SETTLED_JS % SIGNATURE_JS
    WAIT_JS = WAIT_JS % SETTLED_JS

PREFIX = "classroom: "
ROWS = [  # (name, unit, target) of the judged rows; a skipped run reports these with no value
    ("sessions open on the busiest page", "", f"= {SESSIONS}"),
    ("settings changes made", "", f"= {SESSIONS * CHANGES}"),
    ("errors (wrong value, stException, no rerun in time)", "", "= 0"),
    (f"sessions showing the right value after change {CHANGES}", "", f"= {SESSIONS}"),
    ("change latency p50", "s", None),
    ("change latency p95", "s", f"<= {P95_TARGET_S:g}"),
    ("server RSS before any session", "MB", None),
    ("server RSS with all sessions open (peak)", "MB", None),
    ("server RSS per extra session", "MB", f"<= {RSS_PER_SESSION_TARGET_MB:g}"),
]


# The reference: the same class on a page with next to nothing to draw (class_reference_page.py). The
# machine's 2 cores run the 30 browser pages as well as the server, so the class's latency is as much
# theirs as the server's; the reference measures that part in the same run.
REFERENCE_PAGE = "tests/bench/class_reference_page.py"


def _reference_apply(page, i):
    press_slider(page, 1)  # one step per change from 0: the value is then i


def _reference_expect(i):
    return "value", str(i)


def log(msg: str) -> None:
    print(f"[classroom] {msg}", file=sys.stderr, flush=True)


# --- processes: RSS and CPU from /proc (psutil where there is no /proc) ---------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
HAVE_PROC = Path("/proc/self/status").is_file()


def _stat_fields(path: str) -> list[str]:
    """The fields of a /proc/.../stat after the command name (which may hold spaces): [0] = state."""
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()


def tree(pid: int) -> list[int]:
    """pid and its descendants alive now."""
    if not HAVE_PROC:
        try:
            import psutil
            return [pid] + [c.pid for c in psutil.Process(pid).children(recursive=True)]
        except Exception:
            return [pid]
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                children.setdefault(int(_stat_fields(f"/proc/{entry.name}/stat")[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass  # gone meanwhile
    out, todo = [], [pid]
    while todo and len(out) < 10_000:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def rss_mb(pid: int) -> float | None:
    """Resident memory of pid and its descendants, MB (2**20 bytes); None if pid is gone or unmeasurable."""
    total_kb = 0
    for p in tree(pid):
        try:
            if HAVE_PROC:
                with open(f"/proc/{p}/status") as f:
                    total_kb += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            else:
                import psutil
                total_kb += psutil.Process(p).memory_info().rss // 1024
        except Exception:  # gone meanwhile, or no way to measure
            if p == pid:
                return None
    return total_kb / 1024


def cpu_s(pids) -> float:
    """User + system CPU seconds of the live pids (0 without /proc)."""
    total = 0
    for p in pids:
        try:
            f = _stat_fields(f"/proc/{p}/stat")
            total += int(f[11]) + int(f[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / CLK_TCK


def main_thread_cpu_s(pid: int) -> float:
    """CPU seconds of a process's main thread: for `streamlit run`, the asyncio event loop (HTTP,
    websockets, sending messages); each script run has a ScriptRunner thread of its own."""
    try:
        f = _stat_fields(f"/proc/{pid}/task/{pid}/stat")
        return (int(f[11]) + int(f[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far, from /proc/stat; (0, 0) without it."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        idle = v[3] + v[4]  # idle + iowait
        return sum(v) - idle, sum(v)
    except (OSError, ValueError, IndexError):
        return 0, 0


class CpuMeter:
    """CPU used between start() and stop(), in seconds: the server, its event loop, the client side
    (this process, its Playwright driver and Chromium), and every process on the machine."""

    def __init__(self, server_pid: int):
        self.server_pid = server_pid

    def _read(self) -> dict:
        server = tree(self.server_pid)
        skip = set(server) | {os.getpid()}
        me = os.times()
        busy, total = machine_cpu()
        return {"server": cpu_s(server), "loop": main_thread_cpu_s(self.server_pid),
                "client": cpu_s(p for p in tree(os.getpid()) if p not in skip) + me.user + me.system,
                "busy": busy, "total": total, "wall": time.monotonic()}

    def start(self) -> "CpuMeter":
        self.t0 = self._read()
        return self

    def stop(self) -> dict:
        t1 = self._read()
        d = {k: t1[k] - self.t0[k] for k in t1}
        cores = os.cpu_count() or 1
        # jiffies of all CPUs: busy share of the machine, times the cores, is CPU seconds per second
        d["machine"] = d["busy"] / d["total"] * cores * d["wall"] if d["total"] else None
        return d


# --- the server ------------------------------------------------------------------------------------

class TimedServer(Server):
    """conftest.Server's `streamlit run app.py` (or `script`), started through timed_streamlit.py so
    that every script run's wall and CPU time is logged."""

    def __init__(self, script: str = "app.py"):
        self.timings = OUTPUT / f"classroom-runs-{id(self)}.txt"
        OUTPUT.mkdir(exist_ok=True)
        self.timings.write_text("")
        super().__init__(script, launcher=[sys.executable, str(HERE / "timed_streamlit.py"), str(self.timings)],
                         log_name="classroom-streamlit")

    def runs(self, since: float, until: float) -> list[tuple[float, float]]:
        """(wall, CPU) seconds of every script run that ended between the two time.time()s."""
        out = []
        for line in self.timings.read_text().splitlines():
            try:
                end, wall, cpu = map(float, line.split())
            except ValueError:
                continue
            if since <= end <= until:
                out.append((wall, cpu))
        return out



# --- the busiest page, in AppTest ------------------------------------------------------------------


def script_times_ms() -> dict:
    """page -> median CPU time in ms of a full rerun in AppTest, caches warm (as bench_pages.py
    measures it, but CPU time: other processes on the machine change it less than wall time)."""
    open_page = load_by_path("rnnviz_apptest_helpers", ROOT / "tests" / "apptest_helpers.py").open_page

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings
    times = {}
    for file, _, _ in PAGES:
        at = open_page(file)
        at.run()  # warm: imports, caches
        samples = []
        for _ in range(APPTEST_RUNS):
            t0 = time.process_time()  # this process does nothing else meanwhile
            at.run()
            samples.append((time.process_time() - t0) * 1e3)
        if at.exception:
            raise RuntimeError(f"{file} raised in AppTest: {at.exception[0].message}")
        times[file] = statistics.median(samples)
    return times


# --- driving pages ---------------------------------------------------------------------------------


class SyncFacade:
    """A blocking, sync-API-shaped view of an async Playwright object.

    INTERACTIONS[...].apply and interactions.metric_value are written for the sync API. Run in a
    worker thread, they are given this in place of the page: every attribute and call is carried
    out on the event loop (and awaited there if it returns an awaitable) while the worker waits.
    So the one loop drives all sessions at once, and the interactions stay the one definition of
    a change (tests/browser/interactions.py)."""

    __slots__ = ("_obj", "_loop")

    def __init__(self, obj, loop):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_loop", loop)

    def _run(self, thunk):
        async def on_loop():
            result = thunk()
            return await result if inspect.isawaitable(result) else result
        fut = asyncio.run_coroutine_threadsafe(on_loop(), self._loop)
        try:
            return self._wrap(fut.result(CHANGE_TIMEOUT_S))
        except FutureTimeout:
            fut.cancel()
            raise TimeoutError(f"a Playwright call did not return within {CHANGE_TIMEOUT_S:g} s") from None

    def _wrap(self, value):
        if isinstance(value, list):
            return [self._wrap(v) for v in value]
        if type(value).__module__.startswith("playwright.") and not isinstance(value, BaseException):
            return SyncFacade(value, self._loop)
        return value

    def __getattr__(self, name):
        obj = self._obj
        value = self._run(lambda: getattr(obj, name))
        if callable(value) and not isinstance(value, SyncFacade):
            def call(*args, **kwargs):
                args = [a._obj if isinstance(a, SyncFacade) else a for a in args]
                kwargs = {k: v._obj if isinstance(v, SyncFacade) else v for k, v in kwargs.items()}
                return self._run(lambda: value(*args, **kwargs))
            return call
        return value


class Session:
    """One browser context on the page, and what its changes measured."""

    def __init__(self, number: int, charted: bool = True):
        self.number = number
        self.charted = charted  # the page draws charts: a rerun is over once they are drawn
        self.context = self.page = self.facade = None
        self.reset()

    def reset(self):
        self.latencies: list[float] = []    # apply starts -> page sees the rerun finished, s; a
        #                                     timeout counts as CHANGE_TIMEOUT_S (not left out)
        self.round_trips: list[float] = []  # apply starts -> Python hears of it, s
        self.phases: list[dict] = []        # per change: key, script start, script end, shown (s)
        self.made = self.wrong = self.exceptions = self.failed = 0
        self.final_ok = self.reached_last = False
        self.problems: list[str] = []


async def open_session(browser, url: str, number: int, loop, charted: bool = True) -> Session:
    s = Session(number, charted)
    s.context = await browser.new_context(viewport=VIEWPORT)
    await s.context.add_init_script(INSTRUMENT_JS)
    s.page = await s.context.new_page()
    s.facade = SyncFacade(s.page, loop)
    await s.page.goto(url, timeout=OPEN_TIMEOUT_S * 1000)
    await wait_settled(s.page, "", OPEN_TIMEOUT_S, s.charted)
    if await s.page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{url} shows an exception on load")
    return s


async def reopen(s: Session, url: str) -> None:
    """The page's original link again, in a new Streamlit session: change i of an interaction is
    then i steps from the defaults (a slider's presses add up), as the expected values assume."""
    await s.page.goto(url, timeout=OPEN_TIMEOUT_S * 1000)
    await wait_settled(s.page, "", OPEN_TIMEOUT_S, s.charted)


async def make_changes(s: Session, interaction, changes: list, pool, deadline: float) -> None:
    """The session's changes, one after the other, each timed and checked; failures are counted."""
    loop = asyncio.get_running_loop()
    for i in changes:
        if time.monotonic() > deadline:
            s.problems.append(f"changes {i}..{changes[-1]} not made: time budget spent")
            break
        s.reached_last = i == CHANGES
        try:
            before = await s.page.evaluate(SIGNATURE_JS)
            t0 = time.time()  # wall clock, comparable with the page's Date.now() on this machine
            await loop.run_in_executor(pool, interaction.apply, s.facade, i)
            seen = await wait_settled(s.page, before, CHANGE_TIMEOUT_S, s.charted) / 1000
            s.round_trips.append(time.time() - t0)
            s.latencies.append(max(seen - t0, 0.0))
            s.made += 1
            ph = await s.page.evaluate(PHASES_JS, [t0 * 1000, seen * 1000])
            s.phases.append({"t0": t0, "seen": seen, **{k: None if v is None else v / 1000 for k, v in ph.items()}})
            label, expected = interaction.expect(i)
            shown = await loop.run_in_executor(pool, metric_value, s.facade, label)
            if shown != expected:
                s.wrong += 1
                s.problems.append(f"change {i}: {label} shows {shown!r}, expected {expected!r}")
            n_exc = await s.page.locator('[data-testid="stException"]').count()
            if n_exc:
                s.exceptions += 1
                s.problems.append(f"change {i}: {n_exc} stException element(s)")
        except Exception as exc:  # a timeout or a broken page: count it, go on with the next change
            s.failed += 1
            if "Timeout" in type(exc).__name__ and len(s.latencies) < s.made + s.failed:
                s.latencies.append(CHANGE_TIMEOUT_S)  # no rerun in time: it counts at least this long
            s.problems.append(f"change {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    if s.reached_last and s.made:
        label, expected = interaction.expect(CHANGES)
        try:
            await asyncio.sleep(0.5)  # a late rerun would show up now
            s.final_ok = await loop.run_in_executor(pool, metric_value, s.facade, label) == expected
        except Exception as exc:
            s.problems.append(f"final check: {type(exc).__name__}: {exc}")


async def sample_rss(server_pid: int, into: list, stop: asyncio.Event) -> None:
    while not stop.is_set():
        into.append(rss_mb(server_pid))
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_S)
        except asyncio.TimeoutError:
            pass


def percentile(values, q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation, as numpy's default."""
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    x = q * (len(v) - 1)
    lo = int(x)
    return v[lo] + (v[min(lo + 1, len(v) - 1)] - v[lo]) * (x - lo)


# --- the benchmark ---------------------------------------------------------------------------------


async def classroom(server, page_file: str, open_deadline: float, deadline: float,
                    interaction=None) -> tuple[list, dict]:
    """The class on server's page_file (a page of the app, driven by its INTERACTIONS entry; or,
    given an interaction, the server's own script: the reference page, which draws no chart)."""
    from playwright.async_api import async_playwright

    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=2 * SESSIONS, thread_name_prefix="classroom")
    pid = server.proc.pid
    charted = interaction is None
    url = f"{server.url}/{url_path(page_file)}" if charted else server.url
    interaction = interaction or INTERACTIONS[page_file]
    ev = {"rss_base": rss_mb(pid)}
    sessions: list[Session] = []
    playwright = browser = None
    try:
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        # 1. One session alone: its first load pays the server's one-off imports; then the same
        # changes twice, first unseen by the server's caches, then seen.
        first = await open_session(browser, url, 1, loop, charted)
        sessions.append(first)
        ev["rss_first"] = rss_mb(pid)
        for phase in ("cold", "warm"):
            if phase == "warm":
                await reopen(first, url)
            first.reset()
            meter, since = CpuMeter(pid).start(), time.time()
            await make_changes(first, interaction, list(range(1, SOLO_CHANGES + 1)), pool, deadline)
            ev[phase] = meter.stop()
            if first.failed or first.wrong or first.exceptions or not first.made:
                raise RuntimeError(f"{page_file} fails with one session alone: {first.problems}")
            ev[phase].update(latency=statistics.median(first.latencies), changes=first.made,
                             window=(since, time.time()))
            log(f"alone, {phase} cache: latency p50 {ev[phase]['latency']:.2f} s, per change "
                f"server CPU {1e3 * ev[phase]['server'] / first.made:.0f} ms, "
                f"client CPU {1e3 * ev[phase]['client'] / first.made:.0f} ms")
        await reopen(first, url)
        first.reset()

        # 2. The rest of the class loads the page, a few at a time (page loads are not measured).
        gate = asyncio.Semaphore(OPEN_PARALLEL)

        async def join(number):
            async with gate:
                if time.monotonic() > open_deadline:
                    raise TimeoutError("not opened: the time budget for page loads is spent")
                return await open_session(browser, url, number, loop, charted)

        meter = CpuMeter(pid).start()
        opened = await asyncio.gather(*(join(n) for n in range(2, SESSIONS + 1)), return_exceptions=True)
        ev["open_rest"] = meter.stop()
        reasons = {}
        for result in opened:
            if isinstance(result, BaseException):
                why = f"{type(result).__name__}: {str(result).splitlines()[0][:160]}"
                reasons[why] = reasons.get(why, 0) + 1
            else:
                sessions.append(result)
        for why, count in reasons.items():
            log(f"{count} session(s) did not open: {why}")
        ev["open_rest"]["sessions"] = len(sessions) - 1
        log(f"{len(sessions)} sessions open; the other {len(sessions) - 1} took {ev['open_rest']['wall']:.0f} s "
            f"to load, {ev['open_rest']['client'] / max(len(sessions) - 1, 1):.1f} s of client CPU each")
        await asyncio.sleep(1.0)
        ev["rss_open"] = rss_mb(pid)

        # 3. Every session makes its changes, all at once.
        rss_samples = [ev["rss_open"]]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, rss_samples, stop))
        meter, since = CpuMeter(pid).start(), time.time()
        try:
            await asyncio.gather(*(make_changes(s, interaction, list(range(1, CHANGES + 1)), pool, deadline)
                                   for s in sessions))
        finally:
            ev["load"] = meter.stop()
            ev["load"]["window"] = (since, time.time())
            stop.set()
            await sampler
        ev["rss_after"] = rss_mb(pid)
        ev["rss_peak"] = max((r for r in rss_samples + [ev["rss_after"]] if r is not None), default=None)
        log(f"load phase: {ev['load']['wall']:.0f} s")
        return sessions, ev
    finally:
        await close_all(sessions, browser, playwright, pool)


async def close_all(sessions, browser, playwright, pool) -> None:
    """Close every session's context, the browser, Playwright and the thread pool, whatever failed."""
    for s in sessions:
        try:
            await asyncio.wait_for(s.context.close(), 10)
        except Exception:
            pass
    for closing in ((browser.close() if browser is not None else None),
                    (playwright.stop() if playwright is not None else None)):
        if closing is not None:
            try:
                await asyncio.wait_for(closing, 20)
            except Exception:
                pass
    pool.shutdown(wait=False, cancel_futures=True)


def browser_problem() -> str | None:
    """Why the browser benchmarks cannot run here (a "skipped: …" row), or None."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "skipped: Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    if IMPORT_PROBLEM:
        return f"skipped: {IMPORT_PROBLEM}"
    if not Path(CHROMIUM).is_file():
        return f"skipped: {CHROMIUM} is missing (apt-get install chromium)"
    return None


def skipped(reason: str) -> list:
    rows = [(PREFIX + name, None, unit, target, None) for name, unit, target in ROWS]
    rows[0] = (f"{rows[0][0]} ({reason})",) + rows[0][1:]
    return rows


def run():
    """The classroom load test, as rows (name, value, unit, target, ok)."""
    problem = browser_problem()
    if problem:
        return skipped(problem)
    missing = [f for f, _, _ in PAGES if f not in INTERACTIONS]
    if missing:
        raise RuntimeError(f"pages without an entry in tests/browser/interactions.py: {missing}")

    t_start = time.monotonic()
    load_before = os.getloadavg()[0]
    scripts = script_times_ms()
    page_file = max(scripts, key=scripts.get)
    log("script CPU per rerun (AppTest): " + ", ".join(f"{f} {ms:.0f} ms" for f, ms in scripts.items())
        + f"; the class works on {page_file}")
    server = TimedServer()
    log(f"server on {server.url}, pid {server.proc.pid}, log {server.log.relative_to(ROOT)}")
    try:
        sessions, ev = asyncio.run(classroom(server, page_file, t_start + OPEN_BUDGET_S, t_start + BUDGET_S))
    finally:
        server.stop()
    for phase in ("cold", "warm", "load"):
        ev[phase]["runs"] = server.runs(*ev[phase]["window"])
    ev.update(page=page_file, scripts=scripts, load_before=load_before, load_after=os.getloadavg()[0])
    log(f"done in {time.monotonic() - t_start:.0f} s; 1-min load average {load_before:.1f} before, "
        f"{ev['load_after']:.1f} after, on {os.cpu_count()} CPUs")
    return rows(sessions, ev) + reference_rows()


def reference_rows() -> list:
    """The same class on the reference page, on a server of its own: rows without targets."""
    from interactions import Interaction

    name = PREFIX + "reference class (one slider, one metric)"
    t_start = time.monotonic()
    server = TimedServer(REFERENCE_PAGE)
    log(f"reference class: server on {server.url}, log {server.log.relative_to(ROOT)}")
    try:
        sessions, ev = asyncio.run(classroom(server, REFERENCE_PAGE, t_start + OPEN_BUDGET_S, t_start + BUDGET_S,
                                             interaction=Interaction(_reference_apply, _reference_expect)))
    except Exception as exc:  # the reference is evidence, not a gate: say why it is missing
        log(f"reference class failed: {type(exc).__name__}: {exc}")
        return [(f"{name} ({type(exc).__name__})", None, "", None, None)]
    finally:
        server.stop()
    latencies = [x for s in sessions for x in s.latencies]
    made = sum(s.made for s in sessions)
    load = ev["load"]
    log(f"reference class done in {time.monotonic() - t_start:.0f} s")
    return [
        (f"{name}: settings changes made", made, "", None, None),
        (f"{name}: errors", sum(s.wrong + s.exceptions + s.failed for s in sessions), "", None, None),
        (f"{name}: change latency p50", percentile(latencies, 0.5), "s", None, None),
        (f"{name}: change latency p95", percentile(latencies, 0.95), "s", None, None),
        (f"{name}: one session alone, latency p50", ev["warm"]["latency"], "s", None, None),
        (f"{name}: under load, client CPU per change", 1e3 * load["client"] / max(made, 1), "ms", None, None),
        (f"{name}: under load, server CPU per change", 1e3 * load["server"] / max(made, 1), "ms", None, None),
        (f"{name}: under load, client busy ({100 * (os.cpu_count() or 1)} % = all cores)",
         100 * load["client"] / load["wall"], "%", None, None),
    ]


def rows(sessions: list, ev: dict) -> list:
    latencies = [x for s in sessions for x in s.latencies]
    made = sum(s.made for s in sessions)
    errors = sum(s.wrong + s.exceptions + s.failed for s in sessions)
    final_ok = sum(s.final_ok for s in sessions)
    problems = [f"session {s.number}: {p}" for s in sessions for p in s.problems]
    for p in problems[:30]:
        log(p)
    if len(problems) > 30:
        log(f"... and {len(problems) - 30} more")
    p95 = percentile(latencies, 0.95)
    base, peak = ev["rss_base"], ev["rss_peak"]
    per = None if base is None or peak is None or not sessions else (peak - base) / len(sessions)
    values = [
        (len(sessions), len(sessions) == SESSIONS),
        (made, made == SESSIONS * CHANGES),
        (errors, errors == 0),
        (final_ok, final_ok == SESSIONS),
        (percentile(latencies, 0.5), None),
        (p95, p95 is not None and p95 <= P95_TARGET_S),
        (base, None),
        (peak, None),
        (per, per is not None and per <= RSS_PER_SESSION_TARGET_MB),
    ]
    out = [(PREFIX + name, value, unit, target, None if value is None else ok)
           for (name, unit, target), (value, ok) in zip(ROWS, values)]
    out[0] = (f"{out[0][0]}: {ev['page']}",) + out[0][1:]
    out[7] = (out[7][0].replace("all sessions", f"{len(sessions)} sessions"),) + out[7][1:]

    # evidence, without targets: where the time and the memory go
    load, n, cores = ev["load"], max(made, 1), os.cpu_count() or 1
    phases = [p for s in sessions for p in s.phases]

    def phase(f):
        return percentile([f(p) for p in phases if None not in (p["key"], p["start"], p["end"])], 0.5)

    def runs(kind, stat):
        r = ev[kind]["runs"]
        if not r:
            return [(f"{kind}: script runs (not timed: see timed_streamlit.py)", None, "")]
        changes = ev[kind]["changes"] if kind != "load" else made
        return [
            (f"{stat}: script runs per change", len(r) / max(changes, 1), ""),
            (f"{stat}: script run, wall time p50", 1e3 * percentile([w for w, _ in r], 0.5), "ms"),
            (f"{stat}: script run, wall time p95", 1e3 * percentile([w for w, _ in r], 0.95), "ms"),
            (f"{stat}: script run, CPU time p50", 1e3 * percentile([c for _, c in r], 0.5), "ms"),
        ]

    info = [(f"script CPU per rerun, AppTest, warm: {f}", ms, "ms") for f, ms in ev["scripts"].items()]
    for kind in ("cold", "warm"):
        solo = ev[kind]
        stat = ("one session alone, unseen changes (cache misses)" if kind == "cold"
                else "one session alone, the same changes again (cache hits)")
        info += [
            (f"{stat}: latency p50", solo["latency"], "s"),
            (f"{stat}: server CPU per change", 1e3 * solo["server"] / solo["changes"], "ms"),
            (f"{stat}: client CPU per change", 1e3 * solo["client"] / solo["changes"], "ms"),
        ] + runs(kind, stat)
    opened = ev["open_rest"]
    info += [
        (f"loading the page in {opened['sessions']} more sessions: wall time", opened["wall"], "s"),
        ("loading the page: client CPU per session", opened["client"] / max(opened["sessions"], 1), "s"),
        ("loading the page: server CPU per session", opened["server"] / max(opened["sessions"], 1), "s"),
        ("under load: change latency max", max(latencies, default=None), "s"),
        ("under load: latency p95 as Python hears it (+ Playwright round trip)",
         percentile([x for s in sessions for x in s.round_trips], 0.95), "s"),
        ("under load, p50: apply starts -> key pressed (driver, browser)", phase(lambda p: p["key"] - p["t0"]), "s"),
        ("under load, p50: key pressed -> script starts (browser, websocket, server)",
         phase(lambda p: p["start"] - p["key"]), "s"),
        ("under load, p50: script running, as the page sees it", phase(lambda p: p["end"] - p["start"]), "s"),
        ("under load, p50: script done -> page shows it (browser)", phase(lambda p: p["seen"] - p["end"]), "s"),
    ] + runs("load", "under load") + [
        ("under load: changes finished per second", made / load["wall"], "/s"),
        ("under load: server CPU per change", 1e3 * load["server"] / n, "ms"),
        ("under load: of which its event-loop thread", 1e3 * load["loop"] / n, "ms"),
        ("under load: client CPU per change (Chromium, driver, this script)", 1e3 * load["client"] / n, "ms"),
        ("under load: server busy (100 % = one core, the most the GIL allows)", 100 * load["server"] / load["wall"], "%"),
        (f"under load: client busy ({100 * cores} % = all {cores} cores)", 100 * load["client"] / load["wall"], "%"),
        (f"under load: machine busy, every process ({100 * cores} % = all)",
         None if load["machine"] is None else 100 * load["machine"] / load["wall"], "%"),
        ("under load: of which other processes (not this test's)",
         None if load["machine"] is None else
         100 * max(load["machine"] - load["server"] - load["client"], 0.0) / load["wall"], "%"),
        ("under load: wall time", load["wall"], "s"),
        ("server RSS after the first session", ev["rss_first"], "MB"),
        (f"server RSS with {len(sessions)} sessions open, before their changes", ev["rss_open"], "MB"),
        (f"server RSS after their {made} changes", ev["rss_after"], "MB"),
        ("server RSS per session after the first (one-off imports left out)",
         None if ev["rss_first"] is None or peak is None or len(sessions) < 2
         else (peak - ev["rss_first"]) / (len(sessions) - 1), "MB"),
        ("1-min load average before this test", ev["load_before"], ""),
    ]
    return out + [(PREFIX + name, value, unit, None, None) for name, value, unit in info]


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(format_table(run()))
