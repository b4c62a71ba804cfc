"""Keyboard use: from the top of the page, Tab reaches the Roundtables downloads without
passing through a table and with one stop per chart toolbar, and every stop on the
way shows where the focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import StreamlitServer, open_app

pytestmark = pytest.mark.browser

MAX_TABS = 60

# Where the focus is, and whether it can be seen (an outline or a focus shadow).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const inside = (sel) => !!el.closest(sel);
  return {text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
          visible: outline || shadow,
          table: inside('table'),
          chart: inside('[data-testid="stPlotlyChart"]')};
}"""


def test_tab_reaches_the_downloads_fast_and_focus_is_visible(
        page: Page, server: StreamlitServer) -> None:
    open_app(page, server.page_url("roundtables"))
    page.locator("body").focus()
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            continue
        stops.append(stop)
        if "Download CSV" in stop["text"]:
            break
    assert stops and "Download CSV" in stops[-1]["text"], [s["text"] for s in stops]
    assert [s for s in stops if s["table"]] == []
    assert len([s for s in stops if s["chart"]]) <= 1
    assert [s["text"] for s in stops if not s["visible"]] == []
