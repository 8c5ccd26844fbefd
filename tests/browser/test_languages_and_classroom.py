"""In a real browser: every page in Chinese (by link and by the browser's locale), the language
switch, and a teacher's classroom view (only the controls it names, larger type)."""

from __future__ import annotations

import pytest

from conftest import OUTPUT, clean_page, full_screenshot, url_path, wait_for_rerun
from rnnviz.ui import PAGES
from rnnviz.zh import ZH


@pytest.mark.parametrize("file,title", [(f, t) for f, t, _ in PAGES], ids=[f for f, _, _ in PAGES])
def test_every_page_in_chinese(server, browser, file, title):
    url = f"{server.url}/{url_path(file)}?lang=zh"
    with clean_page(browser, url, f"zh-{url_path(file) or 'home'}.png") as page:
        assert page.title() == f"{ZH[title]} · rnnviz"
        nav = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').all_inner_texts()
        assert [n.strip().splitlines()[-1].strip() for n in nav] == [ZH[t] for _f, t, _i in PAGES]  # after the icon's name
        assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip()  # the page drew its title


def test_the_browser_locale_chooses_chinese_and_the_link_keeps_it(server, browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server.url}/vanishing")
    wait_for_rerun(page)
    assert page.title() == f"{ZH['Vanishing & exploding gradients']} · rnnviz"
    page.wait_for_url("**lang=zh**")
    # the switch goes back to English, and the link says so
    page.locator('[data-testid="stSidebar"] button', has_text="English").first.click()
    page.wait_for_url("**lang=en**")
    wait_for_rerun(page)
    assert page.title() == "Vanishing & exploding gradients · rnnviz"
    context.close()


def test_a_classroom_link_shows_only_the_controls_it_names(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{server.url}/vanishing?show=lambda1&big=true&hidden=8")
    wait_for_rerun(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator('[data-testid="stSlider"]:visible').count() == 1
    assert sidebar.locator('[data-testid="stNumberInput"]:visible').count() == 0
    assert sidebar.locator('[data-testid="stSelectbox"]:visible').count() == 0
    # λ₁ is under "Network"; "Gradient clipping" has no control shown, so its heading goes too
    headings = [h.strip() for h in sidebar.locator('[data-testid="stHeading"]:visible').all_inner_texts()]
    assert headings == ["Network"]
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "21px"
    OUTPUT.mkdir(exist_ok=True)
    full_screenshot(page, OUTPUT / "classroom-vanishing.png")
    page.close()


def test_a_teachers_link_reproduces_the_view_on_a_fresh_server(fresh_server, browser):
    """Chinese, one control shown, predict-then-reveal at step 1, a weight changed: all from the link."""
    url = f"{fresh_server.url}/forward?lang=zh&show=W_hh&predict=true&fstep=1&W_hh=0.5"
    with clean_page(browser, url, "zh-classroom-forward.png", viewport={"width": 1400, "height": 1400}) as page:
        assert page.title() == f"{ZH['Forward, step by step']} · rnnviz"
        values = [v.strip() for v in page.locator('[data-testid="stMetricValue"]').all_inner_texts()]
        assert values == ["0.7616", "?", "?", "?"]  # h₁ = tanh(1); h₂, ŷ₂ and L wait for the click
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.locator('[data-testid="stTextInput"]:visible').count() == 1  # W_hh only
        page.get_by_role("button", name=ZH["Reveal {name}"].format(name="h₂")).click()
        page.wait_for_url(lambda url: "fstep=" not in url)  # step 2 is the last: the field's default
        wait_for_rerun(page)
        values = [v.strip() for v in page.locator('[data-testid="stMetricValue"]').all_inner_texts()]
        assert values[1] == "0.3634"  # tanh(0.5 · 0.7616): the link's w_hh


# text in the main area that is wider than its box: a metric label or a page link Streamlit cuts
# off at the edge (with or without "…"), an equation that runs off the page. KaTeX's displays come
# out 2 px wider than their box when they fit (its hidden MathML), so they get 4 px of slack.
CUT_OFF_JS = """() => [
  ...Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"]'))
    .filter(e => !e.querySelector('.katex-display') && e.scrollWidth > e.clientWidth + 1),
  ...Array.from(document.querySelectorAll('[data-testid="stMain"] .katex-display'))
    .filter(e => e.scrollWidth > e.clientWidth + 4),
].map(e => [e.scrollWidth, e.clientWidth, e.textContent.slice(0, 60)])"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_is_cut_off_on_a_projector(server, browser, lang):
    """At 1280 × 800, a common projector's size, every page's labels, links and equations fit."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    cut = {}
    for file, _title, _icon in PAGES:
        page.goto(f"{server.url}/{url_path(file)}?lang={lang}")
        wait_for_rerun(page)
        page.wait_for_function("document.fonts.status === 'loaded'")  # KaTeX's fonts set the widths
        page.wait_for_timeout(300)  # and the layout after them
        found = page.evaluate(CUT_OFF_JS)
        if found:
            cut[file] = found
    page.close()
    assert not cut



# text Streamlit keeps on one line and cuts with "…" (a badge, a page link, a metric's label) that is
# wider than its box: visible, and cut
ELLIPSIS_CUT_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] *')).filter(e =>
  getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1 && e.offsetParent !== null)
  .map(e => e.textContent.slice(0, 60))"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_is_cut_with_an_ellipsis_on_a_phone(server, browser, lang):
    """At 390 px (a phone) badges and links wrap onto more lines: the vanishing page's verdict read
    "On the edge (λ₁γ = 1 × 1 = 1): the bound guarantees neit…" there, and the backward page's link
    "See it over long sequences, with and without clipping: Vanishing & exp…"."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    cut, badges = {}, 0
    for file, _title, _icon in PAGES:
        page.goto(f"{server.url}/{url_path(file)}?lang={lang}")
        wait_for_rerun(page)
        page.wait_for_function("document.fonts.status === 'loaded'")
        badges += page.locator('[data-testid="stMain"] .stMarkdownBadge').count()
        found = page.evaluate(ELLIPSIS_CUT_JS)
        if found:
            cut[file] = found
    page.close()
    assert badges >= 1  # the vanishing page's verdict, at least: the check sees badges
    assert not cut
