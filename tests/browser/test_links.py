"""A shared link in a real browser: the address keeps ids while the sidebar shows the
page's language, through a language switch and a change of page (walk review F41)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

from tests.browser.support import (
    StreamlitServer,
    multiselect_tags,
    open_app,
    page_errors,
    rerun_after,
)

THEME = "diaspora-development"


def linked(page: Page, key: str) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get(key, [])


def test_a_french_label_link_switched_to_english_keeps_the_theme_by_id(
        page: Page, server: StreamlitServer) -> None:
    open_app(page, server.page_url("partners", "lang=fr&theme=Diaspora%20et%20d%C3%A9veloppement"))
    assert multiselect_tags(page, "Thème") == ["Diaspora et développement"]
    assert linked(page, "theme") == [THEME]
    switch = page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    rerun_after(page, lambda: switch.get_by_text("English", exact=True).click())
    assert multiselect_tags(page, "Theme") == ["Diaspora and development"]
    assert linked(page, "theme") == [THEME] and linked(page, "lang") == ["en"]
    nav = page.locator('[data-testid="stSidebarNavLink"]', has_text="Roundtables")
    rerun_after(page, nav.click)
    assert multiselect_tags(page, "Theme") == ["Diaspora and development"]
    assert linked(page, "theme") == [THEME]
    assert page_errors(page) == []
