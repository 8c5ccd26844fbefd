"""Deep links in a real browser: every page opens from its URL, query string and all, on a fresh server."""

from __future__ import annotations

import json
import time

import pytest

from conftest import clean_page, url_path, wait_for_rerun
from interactions import CHART_SIGNATURE_JS, INTERACTIONS, metric_value
from rnnviz.ui import PAGES

@pytest.mark.parametrize("file,title", [(f, t) for f, t, _ in PAGES], ids=[f for f, _, _ in PAGES])
def test_deep_link_opens_the_page_on_a_fresh_server(fresh_server, browser, file, title):
    url = f"{fresh_server.url}/{url_path(file)}?from=deep-link"
    with clean_page(browser, url, f"deep-link-{url_path(file) or 'home'}.png") as page:
        assert "Page not found" not in page.locator("body").inner_text()
        # the page's own script ran: page_setup() sets the tab title from the navigation's title
        assert page.title() == f"{title} · rnnviz"
        assert page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').count() == len(PAGES)


def test_home_shows_the_corrected_example(fresh_server, browser):
    page = browser.new_page()
    page.goto(fresh_server.url)
    wait_for_rerun(page)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:4] == ["0.7616", "0.6420", "0.6552", "1.0648"]
    page.close()


def test_every_page_has_an_interaction():
    assert set(INTERACTIONS) == {file for file, _, _ in PAGES}


def settled_signature(page, interval_s: float = 0.3, timeout_s: float = 10.0) -> str:
    """The charts' signature once it stays the same for interval_s: a canvas chart may draw again after
    the run, when an image it shows (the cliff's surface, a colour bar) has decoded, and that late draw
    must not pass for the change's redraw (it did, once in CI: the metric was read before the rerun)."""
    deadline = time.monotonic() + timeout_s
    last = page.evaluate(CHART_SIGNATURE_JS)
    while time.monotonic() < deadline:
        time.sleep(interval_s)
        now = page.evaluate(CHART_SIGNATURE_JS)
        if now == last:
            return now
        last = now
    return last


@pytest.mark.parametrize("file", [f for f, _, _ in PAGES])
def test_one_change_redraws_a_chart_with_the_right_number(server, browser, file):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{server.url}/{url_path(file)}")
    wait_for_rerun(page)
    try:  # a chart draws after the rerun ends: on a busy machine, a moment later
        page.wait_for_function(f"() => ({CHART_SIGNATURE_JS})() !== ''", timeout=30_000)
    except Exception:
        pass
    before = settled_signature(page)
    assert before, "the page draws no chart"
    interaction = INTERACTIONS[file]
    interaction.apply(page, 1)
    page.wait_for_function(f"() => ({CHART_SIGNATURE_JS})() !== {json.dumps(before)}", timeout=30_000)
    wait_for_rerun(page)
    label, expected = interaction.expect(1)
    assert metric_value(page, label) == expected
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
