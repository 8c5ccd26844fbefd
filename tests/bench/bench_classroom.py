"""Classroom load test: one server, 30 browser sessions on its busiest page, 10 settings changes each, all at once.

    python tests/bench/bench_classroom.py            # this file alone (about 2-4 minutes)
    python tests/bench/run.py classroom              # the same, through the runner

A teacher shares one link and a class of 30 works on one `streamlit run app.py`. This starts such a
server on a free port of 127.0.0.1 (tests/browser/conftest.py's Server), opens 30 independent
Streamlit sessions (one Chromium, one browser context each: own cookies, own websocket, own session)
on the busiest page, and has every session make its 10 changes through the browser tests' own
INTERACTIONS, concurrently: the async Playwright API drives all 30 at once from one event loop.

Latency of a change: from just before apply() starts to the moment the page itself sees the rerun
finished (script state notRunning, connected, no skeleton, and the chart signature of
interactions.CHART_SIGNATURE_JS changed); the page stamps that moment with Date.now(), so Playwright's
round trip back to Python under load is not counted (it is reported on its own row). After each
change the page's metric must show interactions' expected value and no stException may appear.

Besides the targets, the rows give the evidence for where latency comes from: the server's CPU per
change alone and under load (100 % = one core, which is all one Python process can use for Python
code, with the GIL), how much of it is the event loop (websockets, protobuf) rather than the script
threads, and how busy the machine was, since the 30 Chromium pages run on the same machine.

Memory: resident set of the server process and its children (/proc/<pid>/status VmRSS, else psutil),
before any session, after the first (the one-off imports of the pages' modules land there), and the
peak while all 30 are open, sampled every 0.5 s.

Bounded: 30 sessions x 10 changes, each wait at most CHANGE_TIMEOUT_S, and a deadline for the whole
run after which no new change starts (a change not made counts as an error). Everything started here
is stopped in `finally`. Without Playwright or Chromium the rows say "skipped".
"""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
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

SESSIONS = 30
CHANGES = 10                 # per session: INTERACTIONS[page].apply(page, i) for i = 1..CHANGES
PROBE_CHANGES = 4            # per page, one session alone, to find the busiest page and a solo baseline
P95_TARGET_S = 3.0
RSS_PER_SESSION_TARGET_MB = 30.0
CHANGE_TIMEOUT_S = 30.0      # one change: apply, rerun, check
OPEN_TIMEOUT_S = 120.0       # one session: page load and first run
OPEN_PARALLEL = 3            # sessions opening at once (page loads are not what is measured)
BUDGET_S = 210.0             # from run() start: no change starts after this; the run ends well within 4 min
SAMPLE_S = 0.5               # RSS / CPU sampling period while the sessions work
VIEWPORT = {"width": 1400, "height": 1200}  # as the browser tests

# What the page shows that a change must alter: every Plotly chart's data (CHART_SIGNATURE_JS) and
# every metric's value. The charts alone are not enough: the step pages' unrolled graph keeps its
# x and y when a weight changes (only labels and colours follow), while each interaction's
# expect() names a metric that differs from one change to the next.
SIGNATURE_JS = """() => (%s)() + '#' + Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
    .map(e => e.textContent).join('|')"""
# the page has finished a rerun and shows something other than `before`; returns when it saw that
SETTLED_JS = """(before) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
      || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('.js-plotly-plot')) return false;
  const now = (%s)();
  return now !== before ? Date.now() : false;
}"""

try:  # tests/browser: the Server and Chromium settings of the browser tests, and their interactions
    from conftest import CHROMIUM, CHROMIUM_FLAGS, Server  # conftest imports pytest
    from interactions import CHART_SIGNATURE_JS
    from interactions import INTERACTIONS, metric_value
    from rnnviz.ui import PAGES
except ImportError as exc:
    IMPORT_PROBLEM = f"{type(exc).__name__}: {exc}"
else:
    IMPORT_PROBLEM = None
    SIGNATURE_JS = SIGNATURE_JS % CHART_SIGNATURE_JS
    SETTLED_JS = SETTLED_JS % SIGNATURE_JS

PREFIX = "classroom: "
ROW_NAMES = [  # (name, unit, target) of every row, in order; skipped runs report these with no value
    ("sessions on the busiest page", "", f"= {SESSIONS}"),
    ("settings changes made", "", f"= {SESSIONS * CHANGES}"),
    ("errors (wrong value, stException, timeout, not made)", "", "= 0"),
    (f"sessions showing the right value after change {CHANGES}", "", f"= {SESSIONS}"),
    ("change latency p50", "s", None),
    ("change latency p95", "s", f"<= {P95_TARGET_S:g}"),
    ("server RSS before any session", "MB", None),
    (f"server RSS with {SESSIONS} sessions open (peak)", "MB", None),
    ("server RSS per extra session", "MB", f"<= {RSS_PER_SESSION_TARGET_MB:g}"),
]


# --- processes: RSS and CPU from /proc (psutil when there is no /proc) ---------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
HAVE_PROC = Path("/proc/self/status").is_file()


def _stat_fields(path: str) -> list[str]:
    """Fields of a /proc/.../stat after the command name (which may hold spaces): [0] = state."""
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()


def tree(pid: int) -> list[int]:
    """pid and all its descendants that are alive now."""
    if not HAVE_PROC:
        try:
            import psutil
            proc = psutil.Process(pid)
            return [pid] + [c.pid for c in proc.children(recursive=True)]
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
    """Resident memory of pid and its descendants, MB (2**20 bytes)."""
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
    """CPU seconds of a process's main thread: for `streamlit run`, the Tornado/asyncio event loop
    (websockets, ForwardMsg serialization); scripts run in short-lived ScriptRunner threads."""
    try:
        f = _stat_fields(f"/proc/{pid}/task/{pid}/stat")
        return (int(f[11]) + int(f[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        idle = v[3] + (v[4] if len(v) > 4 else 0)
        return sum(v[:8]) - idle, sum(v[:8])
    except (OSError, ValueError):
        return 0.0, 0.0


class CpuMeter:
    """CPU used between start() and stop(): server, its event loop, the client side
    (this process, its Playwright driver and Chromium), and the machine."""

    def __init__(self, server_pid: int):
        self.server_pid = server_pid

    def _read(self):
        server = tree(self.server_pid)
        client = [p for p in tree(os.getpid()) if p not in set(server) and p != os.getpid()]
        me = os.times()
        return {"server": cpu_s(server), "loop": main_thread_cpu_s(self.server_pid),
                "client": cpu_s(client) + me.user + me.system, "machine": machine_cpu(),
                "wall": time.monotonic()}

    def start(self):
        self.t0 = self._read()
        return self

    def stop(self) -> dict:
        t1 = self._read()
        wall = t1["wall"] - self.t0["wall"]
        busy = t1["machine"][0] - self.t0["machine"][0]
        total = t1["machine"][1] - self.t0["machine"][1]
        return {"wall": wall, "server": t1["server"] - self.t0["server"], "loop": t1["loop"] - self.t0["loop"],
                "client": t1["client"] - self.t0["client"], "machine_busy": busy / total if total else None}


# --- driving pages ---------------------------------------------------------------------------------


def url_path(file: str) -> str:
    """The path Streamlit's pages/ discovery gives a file: '' for the main script, else its stem."""
    return "" if file == "app.py" else file.removeprefix("pages/").removesuffix(".py")


class SyncFacade:
    """A blocking, sync-API-shaped view of an async Playwright object.

    INTERACTIONS[...].apply and interactions.metric_value are written for the sync API. Run in a
    worker thread, they get this in place of the page: every attribute and call is carried out on
    the event loop (awaited when it returns an awaitable) while the worker waits, so the one loop
    drives all sessions concurrently and the interactions stay the single source of truth."""

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
            raise TimeoutError(f"Playwright call did not return within {CHANGE_TIMEOUT_S:g} s") from None

    def _wrap(self, value):
        if isinstance(value, list):
            return [self._wrap(v) for v in value]
        if type(value).__module__.startswith("playwright.") and not isinstance(value, BaseException):
            return SyncFacade(value, self._loop)
        return value

    @staticmethod
    def _unwrap(value):
        return value._obj if isinstance(value, SyncFacade) else value

    def __getattr__(self, name):
        obj = self._obj
        value = self._run(lambda: getattr(obj, name))
        if callable(value) and not isinstance(value, SyncFacade):
            def call(*args, **kwargs):
                args = [self._unwrap(a) for a in args]
                kwargs = {k: self._unwrap(v) for k, v in kwargs.items()}
                return self._run(lambda: value(*args, **kwargs))
            return call
        return value


class Session:
    """One browser context on the page, and what its changes measured."""

    def __init__(self, number: int):
        self.number = number
        self.context = self.page = self.facade = None
        self.latencies: list[float] = []    # apply start -> page saw the rerun finished, s
        self.round_trips: list[float] = []  # apply start -> Python heard of it, s
        self.made = self.wrong = self.exceptions = self.failed = 0
        self.final_ok = False
        self.reached_last = False  # change CHANGES was attempted (not cut by the time budget)
        self.problems: list[str] = []


async def open_session(browser, url: str, number: int, loop) -> Session:
    s = Session(number)
    s.context = await browser.new_context(viewport=VIEWPORT)
    s.page = await s.context.new_page()
    s.facade = SyncFacade(s.page, loop)
    await s.page.goto(url, timeout=OPEN_TIMEOUT_S * 1000)
    await s.page.wait_for_function(SETTLED_JS, arg="", polling=50, timeout=OPEN_TIMEOUT_S * 1000)
    return s


async def make_changes(s: Session, interaction, changes, pool, deadline: float) -> None:
    """The session's changes, one after the other, each measured and checked."""
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
    if not values:
        return None
    v = sorted(values)
    x = q * (len(v) - 1)
    lo = int(x)
    return v[lo] + (v[min(lo + 1, len(v) - 1)] - v[lo]) * (x - lo)


def log(msg: str) -> None:
    print(f"[classroom] {msg}", file=sys.stderr, flush=True)


# --- the benchmark ---------------------------------------------------------------------------------


async def classroom(server, t_start: float) -> tuple[list, dict]:
    from playwright.async_api import async_playwright

    deadline = t_start + BUDGET_S
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=2 * SESSIONS, thread_name_prefix="classroom")
    pid = server.proc.pid
    ev = {"rss_base": rss_mb(pid)}
    sessions: list[Session] = []
    playwright = browser = None
    try:
        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        # 1. The busiest page, by measurement: one session per page alone, PROBE_CHANGES changes,
        # server CPU per change. The server is what the class shares (each pupil's browser is their
        # own), so server CPU per rerun is what decides. The probe also gives a solo baseline.
        probes = {}
        for file, _, _ in PAGES:
            s = await open_session(browser, f"{server.url}/{url_path(file)}", 0, loop)
            meter = CpuMeter(pid).start()
            await make_changes(s, INTERACTIONS[file], list(range(1, PROBE_CHANGES + 1)), pool, deadline)
            cpu = meter.stop()
            if s.failed or s.wrong or s.exceptions:
                raise RuntimeError(f"{file} fails alone, before any load: {s.problems}")
            probes[file] = (s, cpu["server"] / max(s.made, 1))
            log(f"alone on {file}: server CPU {1e3 * probes[file][1]:.0f} ms/change, client CPU "
                f"{1e3 * cpu['client'] / max(s.made, 1):.0f} ms/change, latency p50 {statistics.median(s.latencies):.3f} s")
        ev["rss_warm"] = rss_mb(pid)  # every page has run once: the one-off imports (pandas, plotly...) are in
        busiest = max(probes, key=lambda f: probes[f][1])
        for file, (s, _) in probes.items():
            if file != busiest:
                await s.context.close()
        first = probes[busiest][0]
        ev.update(page=busiest, solo_latency=statistics.median(first.latencies), solo_cpu=probes[busiest][1],
                  probes={f: c for f, (_, c) in probes.items()})
        first.latencies, first.round_trips, first.made = [], [], 0
        first.number = 1
        sessions.append(first)

        # 2. The rest of the class opens the page (a few at a time: page loads are not measured).
        url = f"{server.url}/{url_path(busiest)}"
        gate = asyncio.Semaphore(OPEN_PARALLEL)
        t_open = time.monotonic()

        async def join(number):
            async with gate:
                if time.monotonic() > deadline:
                    raise TimeoutError("time budget spent before all sessions were open")
                return await open_session(browser, url, number, loop)

        opened = await asyncio.gather(*(join(n) for n in range(2, SESSIONS + 1)), return_exceptions=True)
        for result in opened:
            if isinstance(result, BaseException):
                log(f"a session did not open: {type(result).__name__}: {str(result).splitlines()[0][:160]}")
            else:
                sessions.append(result)
        ev["open_s"] = time.monotonic() - t_open
        log(f"{len(sessions)} sessions open after {ev['open_s']:.1f} s more")
        await asyncio.sleep(1.0)
        ev["rss_open"] = rss_mb(pid)

        # 3. Every session makes its changes, all at once.
        rss_samples = [ev["rss_open"]]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, rss_samples, stop))
        meter = CpuMeter(pid).start()
        interaction = INTERACTIONS[busiest]
        await asyncio.gather(*(make_changes(s, interaction, list(range(1, CHANGES + 1)), pool, deadline)
                               for s in sessions))
        ev["cpu"] = meter.stop()
        stop.set()
        await sampler
        ev["rss_after"] = rss_mb(pid)
        ev["rss_peak"] = max(r for r in rss_samples + [ev["rss_after"]] if r is not None)
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
    rows = [(PREFIX + name, None, unit, target, None) for name, unit, target in ROW_NAMES]
    rows[0] = (f"{rows[0][0]} ({reason})",) + rows[0][1:]
    return rows


def run():
    """The classroom load test, as rows (name, value, unit, target, ok)."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return skipped("skipped: Playwright for Python is not installed")
    if IMPORT_PROBLEM:
        return skipped(f"skipped: {IMPORT_PROBLEM}")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        return skipped(f"skipped: {CHROMIUM} is missing")
    missing = [f for f, _, _ in PAGES if f not in INTERACTIONS]
    if missing:
        raise RuntimeError(f"pages without an entry in tests/browser/interactions.py: {missing}")

    t_start = time.monotonic()
    server = Server()
    log(f"server on {server.url}, pid {server.proc.pid}, log {server.log}")
    try:
        sessions, ev = asyncio.run(classroom(server, t_start))
    finally:
        server.stop()
    log(f"done in {time.monotonic() - t_start:.0f} s")
    return rows(sessions, ev)


def rows(sessions: list[Session], ev: dict) -> list:
    latencies = [x for s in sessions for x in s.latencies]
    round_trips = [x for s in sessions for x in s.round_trips]
    made = sum(s.made for s in sessions)
    not_made = SESSIONS * CHANGES - made
    errors = sum(s.wrong + s.exceptions for s in sessions) + not_made  # failed changes are not made
    final_ok = sum(s.final_ok for s in sessions)
    for s in sessions:
        for problem in s.problems[:3]:
            log(f"session {s.number}: {problem}")
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    base, peak = ev["rss_base"], ev["rss_peak"]
    per = (peak - base) / SESSIONS if base is not None and peak is not None else None
    cpu = ev["cpu"]
    n = max(made, 1)

    def row(k, value, ok):
        name, unit, target = ROW_NAMES[k]
        return (PREFIX + name, value, unit, target, None if value is None else ok)

    out = [
        (f"{PREFIX}sessions on the busiest page, {ev['page']}", len(sessions), "", f"= {SESSIONS}",
         len(sessions) == SESSIONS),
        row(1, made, made == SESSIONS * CHANGES),
        row(2, errors, errors == 0),
        row(3, final_ok, final_ok == SESSIONS),
        row(4, p50, None),
        row(5, p95, p95 is not None and p95 <= P95_TARGET_S),
        row(6, base, None),
        row(7, peak, None),
        row(8, per, per is not None and per <= RSS_PER_SESSION_TARGET_MB),
    ]
    # evidence: where the time and the memory go (no targets)
    info = [
        ("change latency max", max(latencies) if latencies else None, "s"),
        ("change latency p95 as Python hears it (+ Playwright round trip)", percentile(round_trips, 0.95), "s"),
        (f"change latency p50, one session alone ({PROBE_CHANGES} changes)", ev["solo_latency"], "s"),
    ]
    info += [(f"server CPU per change, one session alone, {f}", 1e3 * c, "ms") for f, c in ev["probes"].items()]
    info += [
        ("server CPU per change, under load", 1e3 * cpu["server"] / n, "ms"),
        ("  of which its event-loop thread (websockets, serialization)", 1e3 * cpu["loop"] / n, "ms"),
        ("changes finished per second, under load", made / cpu["wall"], "/s"),
        ("server CPU busy under load (100 % = one core, the GIL's limit)", 100 * cpu["server"] / cpu["wall"], "%"),
        (f"client CPU under load: Chromium, driver, this script ({100 * os.cpu_count()} % = all)",
         100 * cpu["client"] / cpu["wall"], "%"),
        ("machine CPU busy under load (100 % = all cores)",
         None if cpu["machine_busy"] is None else 100 * cpu["machine_busy"], "%"),
        ("load phase wall time", cpu["wall"], "s"),
        ("server RSS after one session per page (imports done)", ev.get("rss_warm"), "MB"),
        (f"server RSS with {SESSIONS} sessions open, before their changes", ev["rss_open"], "MB"),
        (f"server RSS after {SESSIONS * CHANGES} changes", ev["rss_after"], "MB"),
        ("server RSS per session, counted from the warm server",
         None if ev.get("rss_warm") is None or peak is None else (peak - ev["rss_warm"]) / (SESSIONS - 1), "MB"),
    ]
    return out + [(PREFIX + name, value, unit, None, None) for name, value, unit in info]


if __name__ == "__main__":
    from run import format_table  # tests/bench is sys.path[0] when this file is run directly

    print(format_table(run()))
