"""Classroom load test: one server, 30 browser sessions on its busiest page, 10 settings changes each, all at once.

    python tests/bench/bench_classroom.py            # this file alone (about 3-4 minutes)
    python tests/bench/run.py classroom              # the same, through the runner

A teacher shares one link and a class of 30 works on one `streamlit run app.py`. This starts such a
server on a free port of 127.0.0.1 (tests/browser/conftest.py's Server), opens 30 independent
Streamlit sessions on its busiest page (one Chromium; one browser context per session: own cookies,
own websocket, own Session State) and has every session make its 10 changes through the browser
tests' own INTERACTIONS, concurrently: the async Playwright API drives all 30 from one event loop.

The busiest page is chosen by measurement: the script time of a full rerun of every page in
Streamlit's AppTest, caches warm (as tests/bench/bench_pages.py measures it), largest wins. The
server is what the class shares (each pupil's browser is their own), so server work per rerun is
what decides; AppTest needs no browser, so the choice costs seconds, not a page load per page.

Latency of a change: from just before apply() starts to the moment the page itself sees the rerun
finished (connected, script state notRunning, no skeleton, and its charts (CHART_SIGNATURE_JS) or
metrics show something else than before). The page stamps that moment with Date.now(), so
Playwright's round trip back to Python is not counted (it has its own row). After each change the
page's metric must show interactions' expected value and no stException may appear.

Besides the targets, rows give the evidence for where the time goes: the pages' script time in
AppTest; one session alone, first with changes the server has not seen (cache misses) and then
the same changes again (cache hits, as 29 of 30 pupils find them here, since all make the same
changes); under load, each change split at the script-state transitions the page sees (until the
script starts, while it runs, until the page shows it), the server's CPU (100 % = one core, all a
Python process can use for Python code) and its event-loop share, and how busy the machine was:
the 30 Chromium pages run on the same machine and compete with the server for its cores.

Memory: resident set of the server process and its children (/proc/<pid>/status VmRSS; psutil where
there is no /proc) before any session, after the first, and the peak while all 30 are open
(sampled every 0.5 s while they work). Per extra session = (peak - before any) / 30.

Bounded: 30 sessions x 10 changes, each change at most CHANGE_TIMEOUT_S, each page load at most
OPEN_TIMEOUT_S, and no page load or change starts after BUDGET_S (a change not made is an error).
Everything started here is stopped in `finally`. Without Playwright or Chromium the rows say "skipped".
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import logging
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = ROOT / "tests" / "browser"
for p in (ROOT, BROWSER_TESTS):  # run as a script, sys.path[0] is tests/bench
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def load_by_path(name: str, path: Path):
    """The module in file `path`, imported by its path: tests/ and tests/browser/ both hold a conftest.py."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


SESSIONS = 30
CHANGES = 10                 # per session: INTERACTIONS[page].apply(page, i) for i = 1..CHANGES
SOLO_CHANGES = 4             # one session alone, before the others open: i = 1..SOLO_CHANGES, twice
APPTEST_RUNS = 5             # timed AppTest reruns per page, after 2 warm-up runs
P95_TARGET_S = 3.0
RSS_PER_SESSION_TARGET_MB = 30.0
CHANGE_TIMEOUT_S = 30.0      # one change: apply, rerun, check
OPEN_TIMEOUT_S = 90.0        # one session: page load and first run
OPEN_PARALLEL = 4            # sessions loading the page at once (page loads are not what is measured)
BUDGET_S = 225.0             # from run() start: no page load or change starts after this
SAMPLE_S = 0.5               # RSS sampling period while the sessions work
VIEWPORT = {"width": 1400, "height": 1200}  # as the browser tests (the step pages need their sidebar)

# What the page shows that a change must alter: every Plotly chart's data (CHART_SIGNATURE_JS) and
# every metric's value. The charts alone are not enough: the step pages' unrolled graph keeps its
# x and y when a weight changes (labels and colours follow), while each interaction's expect()
# names a metric that differs from one change to the next.
SIGNATURE_JS = """() => (%s)() + '#' + Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
    .map(e => e.textContent).join('|')"""
# The page has finished a rerun and shows something other than `before`: returns when it saw that.
SETTLED_JS = """(before) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
      || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]') || !document.querySelector('.js-plotly-plot')) return false;
  const now = (%s)();
  return now !== before ? Date.now() : false;
}"""
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
    CHROMIUM, CHROMIUM_FLAGS, Server = _browser_conftest.CHROMIUM, _browser_conftest.CHROMIUM_FLAGS, _browser_conftest.Server
    from interactions import CHART_SIGNATURE_JS, INTERACTIONS, metric_value
    logging.disable(logging.WARNING)  # importing rnnviz.ui outside `streamlit run` warns "No runtime found"
    try:
        from rnnviz.ui import PAGES
    finally:
        logging.disable(logging.NOTSET)
except ImportError as exc:
    IMPORT_PROBLEM = f"{exc.name or exc} not importable (pip install -r requirements-dev.txt)"
else:
    IMPORT_PROBLEM = None
    SIGNATURE_JS = SIGNATURE_JS % CHART_SIGNATURE_JS
    SETTLED_JS = SETTLED_JS % SIGNATURE_JS

PREFIX = "classroom: "
ROWS = [  # (name, unit, target) of the judged rows; a skipped run reports these with no value
    (f"sessions open on the busiest page", "", f"= {SESSIONS}"),
    ("settings changes made", "", f"= {SESSIONS * CHANGES}"),
    ("errors (wrong value, stException, timeout, not made)", "", "= 0"),
    (f"sessions showing the right value after change {CHANGES}", "", f"= {SESSIONS}"),
    ("change latency p50", "s", None),
    ("change latency p95", "s", f"<= {P95_TARGET_S:g}"),
    ("server RSS before any session", "MB", None),
    (f"server RSS with {SESSIONS} sessions open (peak)", "MB", None),
    ("server RSS per extra session", "MB", f"<= {RSS_PER_SESSION_TARGET_MB:g}"),
]


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


# --- the busiest page, in AppTest ------------------------------------------------------------------


def script_times_ms() -> dict:
    """page -> median wall time in ms of a full rerun in AppTest, caches warm (as bench_pages.py)."""
    open_page = load_by_path("rnnviz_apptest_helpers", ROOT / "tests" / "apptest_helpers.py").open_page

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings
    times = {}
    for file, _, _ in PAGES:
        at = open_page(file)
        at.run()  # warm: imports, caches
        samples = []
        for _ in range(APPTEST_RUNS):
            t0 = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - t0) * 1e3)
        if at.exception:
            raise RuntimeError(f"{file} raised in AppTest: {at.exception[0].message}")
        times[file] = statistics.median(samples)
    return times


# --- driving pages ---------------------------------------------------------------------------------


def url_path(file: str) -> str:
    """The path Streamlit's pages/ discovery gives a file: '' for the main script, else its stem."""
    return "" if file == "app.py" else file.removeprefix("pages/").removesuffix(".py")


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

    def __init__(self, number: int):
        self.number = number
        self.context = self.page = self.facade = None
        self.reset()

    def reset(self):
        self.latencies: list[float] = []    # apply starts -> page sees the rerun finished, s
        self.round_trips: list[float] = []  # apply starts -> Python hears of it, s
        self.phases: list[dict] = []        # per change: key, script start, script end, shown (s)
        self.made = self.wrong = self.exceptions = self.failed = 0
        self.final_ok = self.reached_last = False
        self.problems: list[str] = []


async def open_session(browser, url: str, number: int, loop) -> Session:
    s = Session(number)
    s.context = await browser.new_context(viewport=VIEWPORT)
    await s.context.add_init_script(INSTRUMENT_JS)
    s.page = await s.context.new_page()
    s.facade = SyncFacade(s.page, loop)
    await s.page.goto(url, timeout=OPEN_TIMEOUT_S * 1000)
    await s.page.wait_for_function(SETTLED_JS, arg="", polling=50, timeout=OPEN_TIMEOUT_S * 1000)
    if await s.page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{url} shows an exception on load")
    return s


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
            handle = await s.page.wait_for_function(SETTLED_JS, arg=before, polling=50,
                                                    timeout=CHANGE_TIMEOUT_S * 1000)
            seen = await handle.json_value() / 1000
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


async def classroom(server, page_file: str, deadline: float) -> tuple[list, dict]:
    from playwright.async_api import async_playwright

    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=2 * SESSIONS, thread_name_prefix="classroom")
    pid = server.proc.pid
    url = f"{server.url}/{url_path(page_file)}"
    interaction = INTERACTIONS[page_file]
    ev = {"rss_base": rss_mb(pid)}
    sessions: list[Session] = []
    playwright = browser = None
    try:
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        # 1. One session alone: its first load pays the server's one-off imports; then the same
        # changes twice, first unseen by the server's caches, then seen.
        meter = CpuMeter(pid).start()
        first = await open_session(browser, url, 1, loop)
        ev["open_first"] = meter.stop()
        sessions.append(first)
        ev["rss_first"] = rss_mb(pid)
        for phase in ("cold", "warm"):
            first.reset()
            meter = CpuMeter(pid).start()
            await make_changes(first, interaction, list(range(1, SOLO_CHANGES + 1)), pool, deadline)
            ev[phase] = meter.stop()
            if first.failed or first.wrong or first.exceptions:
                raise RuntimeError(f"{page_file} fails with one session alone: {first.problems}")
            ev[phase]["latency"] = statistics.median(first.latencies)
            ev[phase]["changes"] = first.made
            log(f"alone, {phase} cache: latency p50 {ev[phase]['latency']:.2f} s, per change "
                f"server CPU {1e3 * ev[phase]['server'] / first.made:.0f} ms, "
                f"client CPU {1e3 * ev[phase]['client'] / first.made:.0f} ms")
        first.reset()

        # 2. The rest of the class loads the page, a few at a time (page loads are not measured).
        gate = asyncio.Semaphore(OPEN_PARALLEL)

        async def join(number):
            async with gate:
                if time.monotonic() > deadline:
                    raise TimeoutError("time budget spent before this session could open")
                return await open_session(browser, url, number, loop)

        meter = CpuMeter(pid).start()
        opened = await asyncio.gather(*(join(n) for n in range(2, SESSIONS + 1)), return_exceptions=True)
        ev["open_rest"] = meter.stop()
        for result in opened:
            if isinstance(result, BaseException):
                log(f"a session did not open: {type(result).__name__}: {str(result).splitlines()[0][:160]}")
            else:
                sessions.append(result)
        ev["open_rest"]["sessions"] = len(sessions) - 1
        log(f"{len(sessions)} sessions open; the other {len(sessions) - 1} took {ev['open_rest']['wall']:.0f} s "
            f"to load, at {ev['open_rest']['client'] / max(len(sessions) - 1, 1):.1f} s of client CPU each")
        await asyncio.sleep(1.0)
        ev["rss_open"] = rss_mb(pid)

        # 3. Every session makes its changes, all at once.
        rss_samples = [ev["rss_open"]]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, rss_samples, stop))
        meter = CpuMeter(pid).start()
        try:
            await asyncio.gather(*(make_changes(s, interaction, list(range(1, CHANGES + 1)), pool, deadline)
                                   for s in sessions))
        finally:
            ev["load"] = meter.stop()
            stop.set()
            await sampler
        ev["rss_after"] = rss_mb(pid)
        ev["rss_peak"] = max((r for r in rss_samples + [ev["rss_after"]] if r is not None), default=None)
        log(f"load phase: {ev['load']['wall']:.0f} s")
        return sessions, ev
    finally:
        for s in sessions:
            try:
                await asyncio.wait_for(s.context.close(), 10)
            except Exception:
                pass
        if browser is not None:
            try:
                await asyncio.wait_for(browser.close(), 20)
            except Exception:
                pass
        if playwright is not None:
            try:
                await asyncio.wait_for(playwright.stop(), 20)
            except Exception:
                pass
        pool.shutdown(wait=False, cancel_futures=True)


def skipped(reason: str) -> list:
    rows = [(PREFIX + name, None, unit, target, None) for name, unit, target in ROWS]
    rows[0] = (f"{rows[0][0]} ({reason})",) + rows[0][1:]
    return rows


def run():
    """The classroom load test, as rows (name, value, unit, target, ok)."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return skipped("skipped: Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    if IMPORT_PROBLEM:
        return skipped(f"skipped: {IMPORT_PROBLEM}")
    if not Path(CHROMIUM).is_file():
        return skipped(f"skipped: {CHROMIUM} is missing (apt-get install chromium)")
    missing = [f for f, _, _ in PAGES if f not in INTERACTIONS]
    if missing:
        raise RuntimeError(f"pages without an entry in tests/browser/interactions.py: {missing}")

    t_start = time.monotonic()
    load_before = os.getloadavg()[0]
    scripts = script_times_ms()
    page_file = max(scripts, key=scripts.get)
    log("script time per rerun (AppTest): " + ", ".join(f"{f} {ms:.0f} ms" for f, ms in scripts.items())
        + f"; the class works on {page_file}")
    server = Server()
    log(f"server on {server.url}, pid {server.proc.pid}, log {server.log.relative_to(ROOT)}")
    try:
        sessions, ev = asyncio.run(classroom(server, page_file, t_start + BUDGET_S))
    finally:
        server.stop()
    ev.update(page=page_file, scripts=scripts, load_before=load_before, load_after=os.getloadavg()[0])
    log(f"done in {time.monotonic() - t_start:.0f} s; 1-min load average {load_before:.1f} before, "
        f"{ev['load_after']:.1f} after, on {os.cpu_count()} CPUs")
    return rows(sessions, ev)


def rows(sessions: list, ev: dict) -> list:
    latencies = [x for s in sessions for x in s.latencies]
    made = sum(s.made for s in sessions)
    errors = sum(s.wrong + s.exceptions for s in sessions) + SESSIONS * CHANGES - made
    final_ok = sum(s.final_ok for s in sessions)
    shown = 0
    for s in sessions:
        for problem in s.problems[:3]:
            if shown < 40:
                log(f"session {s.number}: {problem}")
            shown += 1
    p95 = percentile(latencies, 0.95)
    base, peak = ev["rss_base"], ev["rss_peak"]
    per = None if base is None or peak is None else (peak - base) / SESSIONS
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
    out = [(PREFIX + name + (f": {ev['page']}" if k == 0 else ""), value, unit, target,
            None if value is None else ok)
           for k, ((name, unit, target), (value, ok)) in enumerate(zip(ROWS, values))]

    # evidence, without targets: where the time and the memory go
    load, n = ev["load"], max(made, 1)
    phases = [p for s in sessions for p in s.phases]

    def phase(f):
        return percentile([f(p) for p in phases if None not in (p["key"], p["start"], p["end"])], 0.5)

    cores = os.cpu_count() or 1
    info = [(f"script time per rerun, AppTest, warm: {f}", ms, "ms") for f, ms in ev["scripts"].items()]
    for kind in ("cold", "warm"):
        solo = ev[kind]
        what = "unseen changes (cache misses)" if kind == "cold" else "the same changes again (cache hits)"
        info += [
            (f"one session alone, {what}: latency p50", solo["latency"], "s"),
            (f"one session alone, {what}: server CPU per change", 1e3 * solo["server"] / solo["changes"], "ms"),
            (f"one session alone, {what}: client CPU per change", 1e3 * solo["client"] / solo["changes"], "ms"),
        ]
    opened = ev["open_rest"]
    info += [
        (f"loading the page in {opened['sessions']} more sessions: wall time", opened["wall"], "s"),
        ("loading the page: client CPU per session", opened["client"] / max(opened["sessions"], 1), "s"),
        ("loading the page: server CPU per session", opened["server"] / max(opened["sessions"], 1), "s"),
        ("under load: change latency max", max(latencies, default=None), "s"),
        ("under load: p95 as Python hears it (+ Playwright round trip)",
         percentile([x for s in sessions for x in s.round_trips], 0.95), "s"),
        ("under load, p50: apply starts -> key pressed (driver, browser)", phase(lambda p: p["key"] - p["t0"]), "s"),
        ("under load, p50: key pressed -> script starts (page, websocket, server)",
         phase(lambda p: p["start"] - p["key"]), "s"),
        ("under load, p50: script running, as the page sees it", phase(lambda p: p["end"] - p["start"]), "s"),
        ("under load, p50: script done -> page shows it (browser)", phase(lambda p: p["seen"] - p["end"]), "s"),
        ("under load: changes finished per second", made / load["wall"], "/s"),
        ("under load: server CPU per change", 1e3 * load["server"] / n, "ms"),
        ("under load: of which its event-loop thread", 1e3 * load["loop"] / n, "ms"),
        ("under load: client CPU per change (Chromium, driver, this script)", 1e3 * load["client"] / n, "ms"),
        ("under load: server busy (100 % = one core, the most the GIL allows)", 100 * load["server"] / load["wall"], "%"),
        (f"under load: client busy ({100 * cores} % = all {cores} cores)", 100 * load["client"] / load["wall"], "%"),
        (f"under load: machine busy, every process ({100 * cores} % = all)",
         None if load["machine"] is None else 100 * load["machine"] / load["wall"], "%"),
        ("under load: other processes (not this test's)",
         None if load["machine"] is None else
         100 * max(load["machine"] - load["server"] - load["client"], 0.0) / load["wall"], "%"),
        ("under load: wall time", load["wall"], "s"),
        ("server RSS after the first session", ev["rss_first"], "MB"),
        (f"server RSS with {SESSIONS} sessions open, before their changes", ev["rss_open"], "MB"),
        (f"server RSS after their {made} changes", ev["rss_after"], "MB"),
        ("server RSS per session after the first (one-off imports left out)",
         None if ev["rss_first"] is None or peak is None else (peak - ev["rss_first"]) / (SESSIONS - 1), "MB"),
        ("1-min load average before this test", ev["load_before"], ""),
    ]
    return out + [(PREFIX + name, value, unit, None, None) for name, value, unit in info]


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(format_table(run()))
