"""Arabic pages read from the right: every heading, paragraph, caption and list item in the
main area starts at its block's right edge, and list bullets hang on the right; French, the
control, starts at the left (language review S1, walk review F26; issue 32)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

from components.pages import PAGES
from tests.browser.support import StreamlitServer, open_app, page_errors, page_url, prepare_page

# For each h1/h2/h3/p/li of the main area (not in a table, a button, a chart or code):
# the gap between its text (the Range's line boxes) and its content box on the side the
# language starts from; for each list item, the indent on that side (the bullet's room).
MISPLACED_JS = """
(side) => {
  const found = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const skip = 'table, button, [data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], .stCode';
  for (const el of main.querySelectorAll('h1, h2, h3, p, li')) {
    if (el.closest(skip)) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || !el.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!lines.length) continue;
    const cs = getComputedStyle(el);
    const gap = side === 'right'
      ? box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth)
        - Math.max(...lines.map(r => r.right))
      : Math.min(...lines.map(r => r.left))
        - box.left - parseFloat(cs.paddingLeft) - parseFloat(cs.borderLeftWidth);
    const text = el.textContent.trim().slice(0, 40);
    if (gap > 2) found.push([el.tagName, Math.round(gap), text]);
    if (el.tagName === 'LI') {
      const list = el.parentElement.getBoundingClientRect();
      const indent = side === 'right' ? list.right - box.right : box.left - list.left;
      if (indent < 8) found.push(['bullet side', Math.round(indent), text]);
    }
  }
  return found;
}
"""


@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_arabic_text_starts_at_the_right(spec, context_at: Callable[[int, int], BrowserContext],
                                         server: StreamlitServer) -> None:
    page = context_at(1400, 1000).new_page()
    prepare_page(page)
    try:
        open_app(page, page_url(server, spec, "lang=ar"))
        assert page.evaluate(MISPLACED_JS, "right") == []
        assert page_errors(page) == []
    finally:
        page.close()


@pytest.mark.parametrize("name", ["overview", "briefing"])
def test_french_text_starts_at_the_left(name: str,
                                        context_at: Callable[[int, int], BrowserContext],
                                        server: StreamlitServer) -> None:
    spec = next(p for p in PAGES if p.name == name)
    page = context_at(1400, 1000).new_page()
    prepare_page(page)
    try:
        open_app(page, page_url(server, spec, "lang=fr"))
        assert page.evaluate(MISPLACED_JS, "left") == []
    finally:
        page.close()


# The characters of `needle`, where the page draws them: on each line, left to right in
# the order they are written when the text is read whole (walk review F28).
OUT_OF_ORDER_JS = """
(needle) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    let previous = null;
    for (let i = at; i < at + needle.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (!box.width) continue;
      if (previous && Math.abs(previous.top - box.top) < 2 && box.left < previous.left) {
        found.push([needle.slice(0, i - at + 1), Math.round(previous.left - box.left)]);
      }
      previous = box;
    }
    return found;
  }
  return ['not found'];
}
"""


def test_english_in_an_arabic_source_caption_reads_in_order(
        context_at: Callable[[int, int], BrowserContext], server: StreamlitServer) -> None:
    page = context_at(1400, 1000).new_page()
    prepare_page(page)
    try:
        open_app(page, page_url(server, PAGES[0], "lang=ar"))
        for needle in ("(AllAfrica (French edition))", "GFMD 2011 summary report",
                       "(Media Enquête 24)"):
            assert page.evaluate(OUT_OF_ORDER_JS, needle) == [], needle
    finally:
        page.close()
