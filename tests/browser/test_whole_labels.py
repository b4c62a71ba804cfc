"""Headline labels are never cut: in French and Arabic, at 1400 and 390 px, every metric
label on the pages that have them shows in full (language review S7, walk review F20)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

from components.pages import PAGES
from tests.browser.support import StreamlitServer, open_app, page_url, prepare_page

# Labels, or any box inside one, whose text is wider than the box or ends in an ellipsis.
CUT_LABELS_JS = """
() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')].flatMap(label =>
  [label, ...label.querySelectorAll('*')]
    .filter(el => el.scrollWidth > el.clientWidth + 1
                  || getComputedStyle(el).textOverflow === 'ellipsis')
    .map(el => [label.textContent, el.scrollWidth, el.clientWidth]))
"""
METRIC_PAGES = [p for p in PAGES if p.name in ("overview", "partners", "contributions", "data")]


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("spec", METRIC_PAGES, ids=[p.name for p in METRIC_PAGES])
def test_no_metric_label_is_cut(spec, lang: str, width: int, server: StreamlitServer,
                                context_at: Callable[[int, int], BrowserContext]) -> None:
    page = context_at(width, 900).new_page()
    prepare_page(page)
    try:
        open_app(page, page_url(server, spec, f"lang={lang}"))
        assert page.locator('[data-testid="stMetricLabel"]').count() > 0
        assert page.evaluate(CUT_LABELS_JS) == []
    finally:
        page.close()
