"""WCAG 2.1 AA on every page, in every state a reader reaches: axe-core (npm, pinned in
package.json) injected into Chromium after the page has fully rendered, WCAG 2.0/2.1 A
and AA rules; any serious or critical violation fails.

States: the default view with its tables opened and a row chosen (the row-detail
view), a filter applied (a role and a theme: the briefing then previews a note), and an
empty result (a search that matches nothing). The default view is checked in
test_pages.py, on the one load of each page that every check of that view reads.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from tests.browser.support import (
    PAGES,
    ROOT,
    AppPage,
    StreamlitServer,
    choose_option,
    open_app,
    page_errors,
    page_url,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
STATES = {
    "filtered": urlencode([("role", "Co-chair"), ("theme", "Labour mobility and skills")]),
    "empty": urlencode([("q", "no title has these words zzqx")]),
}
ROW_CHOICE = "Select a row to read it in full."
MISSING_AXE = f"{AXE} not found: run `npm ci` (make test does) to install axe-core."


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the whole document; the serious and critical violations."""
    if not AXE.exists():
        pytest.fail(MISSING_AXE, pytrace=False)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                        resultTypes: ['violations']})""", RULES)
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact, selector and axe's summary."""
    lines = []
    for v in violations:
        for node in v["nodes"][:6]:
            lines.append(f"{v['id']} ({v['impact']}): {json.dumps(node['target'])} "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def choose_first_row(page: Page) -> bool:
    """Choose the first row of the first table to read it in full (its record)."""
    picker = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]',
                          has_text=ROW_CHOICE).first
    if not picker.count():
        return False
    picker.scroll_into_view_if_needed()
    choose_option(page, picker.locator("input"), page.locator('[role="option"]').first)
    return True


def heading_problems(page: Page) -> list[str]:
    """One H1 in the main area, and no heading more than one level below the last."""
    levels = page.locator('[data-testid="stMain"]').evaluate(
        """(main) => [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')]
                     .filter((h) => h.offsetParent !== null)
                     .map((h) => [Number(h.tagName[1]), h.innerText.trim().slice(0, 40)])""")
    h1 = sum(1 for level, _ in levels if level == 1)
    problems = [] if h1 == 1 else [f"{h1} H1"]
    for (before, _), (level, text) in pairwise(levels):
        if level > before + 1:
            problems.append(f"H{before} to H{level} at {text!r}")
    return problems


@pytest.mark.timeout(240)
@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_no_serious_axe_violation(page: Page, server: StreamlitServer, app_page: AppPage,
                                  state: str, tmp_path: Path) -> None:
    """axe-core in the filtered and the empty view; the filtered view (the briefing's
    preview drawn) also has one heading outline."""
    open_app(page, page_url(server, app_page, STATES[state]))
    assert page_errors(page) == []
    if state == "filtered":
        assert heading_problems(page) == []
    found = axe_violations(page)
    if found:
        page.screenshot(path=str(tmp_path / "axe.png"), full_page=True)
    assert found == [], describe(found)
