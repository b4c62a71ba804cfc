"""French and Arabic in a real Chromium: a link's language is the page's, Arabic lays the
page body and the sidebar out right to left while charts keep time running left to right,
and the browser's language is the default when the link names none."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.support import (
    PAGES,
    AppPage,
    StreamlitServer,
    open_app,
    page_errors,
    page_url,
    prepare_page,
)

pytestmark = pytest.mark.browser

DIRECTION = """(sel) => { const el = document.querySelector(sel);
                          return el ? getComputedStyle(el).direction : null; }"""


RTL_PAGES = [p for p in PAGES if p.name in ("overview", "partners", "data")]


@pytest.mark.parametrize("app_page", RTL_PAGES, ids=[p.name for p in RTL_PAGES])
def test_arabic_pages_read_right_to_left(page: Page, server: StreamlitServer,
                                         app_page: AppPage) -> None:
    open_app(page, page_url(server, app_page, "lang=ar"))
    assert page.evaluate(DIRECTION, '[data-testid="stMain"]') == "rtl"
    assert page.evaluate(DIRECTION, '[data-testid="stSidebar"]') == "rtl"
    chart = page.evaluate(DIRECTION, '[data-testid="stPlotlyChart"]')
    assert chart in ("ltr", None)  # a chart keeps time left to right
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page_errors(page) == []


def test_french_link_opens_in_french_and_keeps_its_language(page: Page,
                                                            server: StreamlitServer) -> None:
    open_app(page, page_url(server, PAGES[0], "lang=fr"))
    assert page.locator("h1").first.inner_text().strip() == "Le Maroc au FMMD en un coup d'œil"
    assert page.evaluate(DIRECTION, '[data-testid="stMain"]') == "ltr"
    partners = page.locator('[data-testid="stSidebarNav"] a').nth(2)
    partners.click()
    page.wait_for_url("**/partners**")
    page.wait_for_selector("h1")
    assert "lang=fr" in page.url
    assert page.locator("h1").first.inner_text().strip() == "Partenaires"


def test_the_browser_language_is_the_default(browser: Browser, server: StreamlitServer) -> None:
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    prepare_page(tab)
    open_app(tab, page_url(server, PAGES[0]))
    assert tab.locator("h1").first.inner_text().strip() == "Le Maroc au FMMD en un coup d'œil"
    context.close()
