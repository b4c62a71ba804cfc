"""French and Arabic in a real Chromium: a link's language is the page's, Arabic lays the
page body and the sidebar out right to left while charts keep time running left to right,
and the browser's language is the default when the link names none. The document's own
`lang` and `dir` follow the switch and the pages under a Content-Security-Policy without
inline scripts (on every page in every language: test_phone.py; under nginx's policy:
tests/serve/test_csp.py); Arabic is set in the app's font."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit
from playwright.sync_api import Browser, Page, Playwright, Route

from tests.browser.support import (
    CHART_PAGES,
    CHROMIUM,
    CHROMIUM_ARGS,
    LANG_DIR,
    PAGES,
    VIEWPORT,
    AppPage,
    Checks,
    StreamlitServer,
    Traffic,
    chart_label_problems,
    document_language,
    open_app,
    page_errors,
    page_url,
    prepare_page,
    wait_for_app,
)

pytestmark = pytest.mark.browser

DIRECTION = """(sel) => { const el = document.querySelector(sel);
                          return el ? getComputedStyle(el).direction : null; }"""


RTL_PAGES = [p for p in PAGES if p.name in ("overview", "partners", "data")]
WIDE = (1280, 900)  # a laptop: charts narrower than at 1400 px, so labels have less room


def check_right_to_left(page: Page) -> None:
    assert page.evaluate(DIRECTION, '[data-testid="stMain"]') == "rtl"
    assert page.evaluate(DIRECTION, '[data-testid="stSidebar"]') == "rtl"
    chart = page.evaluate(DIRECTION, '[data-testid="stPlotlyChart"]')
    assert chart in ("ltr", None)  # a chart keeps time left to right
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page_errors(page) == []


def check_the_arabic_font(page: Page, server: StreamlitServer, traffic: Traffic) -> None:
    """Arabic is set in the font shipped with the app, fetched from the app."""
    loaded = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }""")
    assert "Noto Sans Arabic" in loaded
    assert "Noto Sans Arabic" in page.evaluate(
        "() => getComputedStyle(document.querySelector('h1')).fontFamily")
    fonts = [u for u in traffic.urls if u.endswith(".ttf") or ".woff" in u]
    assert fonts and all(u.startswith(server.url) for u in fonts)


def check_french_link_keeps_its_language(page: Page) -> None:
    """A French link opens in French, and the page's links keep French (this clicks on
    to Partners: the last check of its load)."""
    assert page.locator("h1").first.inner_text().strip() == "Le Maroc au FMMD en un coup d'œil"
    assert page.evaluate(DIRECTION, '[data-testid="stMain"]') == "ltr"
    partners = page.locator('[data-testid="stSidebarNav"] a').nth(2)
    partners.click()
    page.wait_for_url("**/partners**")
    page.wait_for_selector("h1")
    assert "lang=fr" in page.url
    assert page.locator("h1").first.inner_text().strip() == "Partenaires"


# Every page and language something here reads, each loaded once for all of it.
VIEWS = [(p, lang) for lang in ("fr", "ar") for p in PAGES
         if p in CHART_PAGES or (lang == "ar" and p in RTL_PAGES)]


@pytest.mark.parametrize(("app_page", "lang"), VIEWS,
                         ids=[f"{p.name}-{lang}" for p, lang in VIEWS])
def test_a_page_in_french_or_arabic(tab_at: Callable[[int, int], Page],
                                    server: StreamlitServer, traffic: Traffic,
                                    app_page: AppPage, lang: str) -> None:
    """At 1280 px: on the chart pages, every axis label fits its chart and clears its
    axis titles. Plotly measures labels in a hidden element of the document, which says
    rtl: it placed every Arabic axis title on top of its tick labels; the charts' margins
    are set from their labels' length, not measured: French has the longest labels,
    Arabic other letters (at 390 px, where a phone turns the years upright, test_phone.py
    checks the same). In Arabic, the Overview, Partners and Data pages read right to
    left, and the Overview is set in the app's Arabic font; the French Overview's link
    keeps its language from page to page."""
    page = tab_at(*WIDE)
    open_app(page, page_url(server, app_page, f"lang={lang}"))
    checks = Checks()
    if app_page in CHART_PAGES:
        with checks("axis labels fit their chart and clear its titles"):
            assert chart_label_problems(page) == []
    if lang == "ar" and app_page in RTL_PAGES:
        with checks("Arabic reads right to left, charts left to right"):
            check_right_to_left(page)
    if lang == "ar" and app_page.default:
        with checks("Arabic is set in the font shipped with the app"):
            check_the_arabic_font(page, server, traffic)
    if lang == "fr" and app_page.default:
        with checks("a French link opens in French and keeps its language"):
            check_french_link_keeps_its_language(page)
    checks.done()


def test_the_browser_language_is_the_default(browser: Browser, server: StreamlitServer) -> None:
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    prepare_page(tab)
    open_app(tab, page_url(server, PAGES[0]))
    assert tab.locator("h1").first.inner_text().strip() == "Le Maroc au FMMD en un coup d'œil"
    context.close()


# ------------------------------------------------- the document's language and direction

STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


def _strict_policy() -> str:
    """A Content-Security-Policy with no inline script but Streamlit's own one-line
    bootstrap (by hash, as deploy's nginx sends it): what the language mark must work
    under."""
    html = STREAMLIT_INDEX.read_text(encoding="utf-8")
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
              + "'" for body in re.findall(r"<script>(.*?)</script>", html, re.S)]
    return ("default-src 'self'; "
            f"script-src 'self' {' '.join(hashes)} 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:")


@pytest.fixture(scope="module")
def strict_page(playwright_session: Playwright, server: StreamlitServer) -> Iterator[Page]:
    """A tab whose documents arrive with the strict policy, recording what it refused.
    A response fulfilled by the test has no address, so Chromium would treat the page as
    public and refuse its WebSocket to 127.0.0.1 (Local Network Access): that check is off
    for this browser only."""
    browser = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), headless=True,
        args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"])
    context = browser.new_context(viewport=VIEWPORT)
    policy = _strict_policy()

    def with_policy(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(response=response,
                      headers={**response.headers, "content-security-policy": policy})

    context.route("**/*", with_policy)
    tab = context.new_page()
    tab.refused = []  # type: ignore[attr-defined]
    tab.on("console", lambda msg: tab.refused.append(msg.text)  # type: ignore[attr-defined]
           if "Content Security Policy" in msg.text else None)
    prepare_page(tab)
    yield tab
    browser.close()


def test_the_document_language_follows_the_switch_and_the_pages(strict_page: Page,
                                                                server: StreamlitServer) -> None:
    open_app(strict_page, page_url(server, PAGES[0], "lang=ar"))
    assert document_language(strict_page, ["ar", "rtl"]) == ["ar", "rtl"]
    switch = strict_page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    switch.get_by_text("English", exact=True).click()
    strict_page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert strict_page.evaluate(LANG_DIR) == ["en", "ltr"]
    switch.get_by_text("العربية", exact=True).click()
    strict_page.wait_for_function("() => document.documentElement.lang === 'ar'")
    strict_page.locator('[data-testid="stSidebarNav"] a').nth(2).click()
    strict_page.wait_for_url("**/partners**")
    wait_for_app(strict_page)
    assert strict_page.locator("h1").first.inner_text().strip() == "الشركاء"
    assert document_language(strict_page, ["ar", "rtl"]) == ["ar", "rtl"]
    assert strict_page.refused == []  # type: ignore[attr-defined]
