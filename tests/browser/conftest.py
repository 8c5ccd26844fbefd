"""Fixtures for tests in a real browser: a fresh `streamlit run app.py` and Debian's Chromium.

Playwright's own browser download does not work on these machines; `apt-get install chromium`
does. Where Chromium or Playwright is missing the tests skip with the reason, unless
RNNVIZ_REQUIRE_BROWSER=1 (set by .ci/run), under which they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # interactions.py beside this file
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("RNNVIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(reason: str):
    if os.environ.get("RNNVIZ_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# every server the tests and benchmarks start: same flags, so their timings compare
SERVER_FLAGS = ["--server.address", "127.0.0.1", "--server.headless", "true",
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


class Server:
    """`streamlit run <script>` of its own, on a free port of 127.0.0.1.

    launcher: what runs `streamlit` (default: this Python's `-m streamlit`; the classroom benchmark
    puts a timing wrapper there). wait=False starts it and returns: call wait_healthy() later, so
    that several servers boot in parallel."""

    def __init__(self, script: str = "app.py", launcher: list | None = None, log_name: str = "streamlit",
                 wait: bool = True):
        self.script = script
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        OUTPUT.mkdir(exist_ok=True)
        self.log = OUTPUT / f"{log_name}-{self.port}.log"
        self.proc = subprocess.Popen(
            [*(launcher or [sys.executable, "-m", "streamlit"]), "run", script,
             "--server.port", str(self.port), *SERVER_FLAGS],
            cwd=ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        if wait:
            self.wait_healthy()

    def wait_healthy(self, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit run {self.script} did not become healthy; see {self.log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


@pytest.fixture
def fresh_server():
    """A server started for this test alone: the first request it sees is the test's."""
    server = Server()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server():
    """One server for a module's tests that do not need a fresh one."""
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def wait_for_rerun(page, timeout_ms: int = 30_000) -> None:
    """As Streamlit's own end-to-end suite: connected, script not running, no skeleton left."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
                           '[data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')",
                           timeout=timeout_ms)


def full_screenshot(page, path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it first."""
    height = page.evaluate("() => Math.max(document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0,"
                           " document.body.scrollHeight)")
    width = page.viewport_size["width"] if page.viewport_size else 1400
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16_000)})
    wait_for_rerun(page)
    page.screenshot(path=str(path), full_page=True)


def url_path(file: str) -> str:
    """The path Streamlit's pages/ discovery gives a file: '' for the main script, else its stem."""
    return "" if file == "app.py" else file.removeprefix("pages/").removesuffix(".py")


# Streamlit's frontend first probes <page path>/_stcore/… in case the app is served under a
# base path, then falls back to /_stcore/…: those two 404s are Streamlit's, not the app's.
STREAMLIT_PROBE = "/_stcore/"


def watch_for_errors(page) -> tuple[list, list]:
    """Lists that fill with the page's console errors and its failed requests (Streamlit's own probes aside)."""
    errors, failed = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and STREAMLIT_PROBE not in r.url and failed.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    return errors, failed


@contextmanager
def clean_page(browser, url: str, screenshot: str, viewport: dict | None = None):
    """A new tab at url, its rerun over. On leaving the block: it shows no exception, no request
    failed and the console has no error but those 404s; a full screenshot goes to OUTPUT/screenshot."""
    page = browser.new_page(viewport=viewport or {"width": 1400, "height": 1800})
    errors, failed = watch_for_errors(page)
    page.goto(url)
    wait_for_rerun(page)
    yield page
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not failed, failed
    unexplained = [e for e in errors if "404" not in e]
    assert not unexplained, unexplained
    OUTPUT.mkdir(exist_ok=True)
    full_screenshot(page, OUTPUT / screenshot)
    page.close()
