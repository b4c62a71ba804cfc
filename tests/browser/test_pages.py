"""Every page in a real Chromium: it draws without errors, its charts and map are
visible (and, on the same load, axe-core and the tables' fit: one load per page for all
that reads its default view), downloads hold the rows shown, a copied link reopens the same view (also as the
first request to a new server), nothing is fetched from outside 127.0.0.1, and hostile
links fall back with a notice."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from components.map import LAND_FILL
from gfmd.store.scope import load_scoped
from gfmd.tables.build import build_all
from gfmd.tables.exports import safe_csv_bytes
from gfmd.tables.filters import Filters
from tests.browser.support import (
    APP_TIMEOUT_MS,
    DEFAULT_PAGE,
    MIN_CHARTS,
    PAGE_IDS,
    PAGES,
    ROOT,
    AppPage,
    Checks,
    StreamlitServer,
    Traffic,
    block_of,
    chart_boxes,
    csv_buttons,
    data_version,
    distinct_colours,
    download,
    multiselect_tags,
    open_app,
    open_table_views,
    page_errors,
    page_url,
    read_csv,
    rerun_after,
    rows_shown,
    slider_values,
    table_column_values,
    table_rows,
    wait_for_app,
)
from tests.browser.test_accessibility import axe_violations, choose_first_row, describe
from tests.browser.test_phone import OVERFLOW_JS
from tests.browser.test_readable_tables import BROKEN_WORDS_JS
from tests.browser.test_tables import CONTAINERS_JS
from tests.browser.test_tables import PAGES as TABLE_FIT_PAGES

pytestmark = pytest.mark.browser

NOTICE = "Some values in the link could not be used"


# --------------------------------------------------------------------------- helpers


def cli_export(table: str, years: str) -> bytes:
    """`python -m gfmd export TABLE --years A-B` on the bundled data."""
    result = subprocess.run([sys.executable, "-m", "gfmd", "export", table, "--years", years],
                            cwd=ROOT, capture_output=True, check=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if k != "GFMD_DATA_DIR"})
    return result.stdout


def assert_clean(page: Page, traffic: Traffic) -> None:
    assert page_errors(page) == []
    assert traffic.dialogs == []


# ---------------------------------------------------------------------- every page


def check_draws_its_charts(page: Page, traffic: Traffic, app_page: AppPage) -> None:
    """No error, one H1, its sidebar link marked current, its charts and map drawn with
    marks in them."""
    assert_clean(page, traffic)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    nav = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    expect(nav).to_have_count(1)

    boxes = chart_boxes(page)
    wanted = MIN_CHARTS.get(app_page.name, {})
    assert len(boxes["plotly"]) >= wanted.get("plotly", 0), boxes
    assert len(boxes["deck"]) >= wanted.get("deck", 0), boxes
    for kind in ("plotly", "deck"):
        for box in boxes[kind]:
            assert box["width"] > 100 and box["height"] > 100, (kind, boxes)
    for chart in page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]').all():
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_visible()
        # A drawn chart has marks: bars, points or lines (not just empty axes).
        assert chart.locator(".plot path, .plot .point, .scatterlayer path").count() > 0
    for deck in page.locator('[data-testid="stMain"] [data-testid="stDeckGlJsonChart"]').all():
        canvas = deck.locator("canvas").first
        canvas.scroll_into_view_if_needed()
        expect(canvas).to_be_visible()
        # Land, sea and markers: a blank (undrawn) WebGL canvas is one colour.
        assert distinct_colours(canvas.screenshot()) > 8


def check_axe(page: Page, shot: Path) -> None:
    """No serious or critical axe-core violation in the view as it is now."""
    found = axe_violations(page)
    if found:
        page.screenshot(path=str(shot), full_page=True)
    assert found == [], describe(found)


def check_tables_fit(page: Page, app_page: AppPage) -> None:
    """test_tables.py's check at 1400 px: tables drawn, no word broken across lines in a
    table or heading, no widget squeezed, no sideways scroll."""
    assert page_errors(page) == []
    assert page.locator('[data-testid="stMain"] .gfmd-table table').count() > 0
    assert page.evaluate(BROKEN_WORDS_JS) == []
    assert page.evaluate(CONTAINERS_JS) == []
    assert page.evaluate(OVERFLOW_JS) == []


# Keyboard use on Roundtables: at most this many Tab presses from the top of the page.
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


def check_tab_reaches_the_downloads(page: Page) -> None:
    """From the top of the page, Tab reaches the downloads without passing through a
    table and with one stop per chart toolbar, and every stop on the way shows where the
    focus is."""
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


@pytest.mark.timeout(240)
@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_each_page_draws_its_charts_passes_axe_and_fits_its_tables(
        page: Page, traffic: Traffic, server: StreamlitServer, app_page: AppPage,
        tmp_path: Path) -> None:
    """The default view of every page (English, 1400 px), loaded once for each check that
    reads it, in the order a reader changes it: on Roundtables the keyboard's way to the
    downloads; drawn, axe-core on it; its table views
    opened, tables fitting (test_tables.py's pages); a row chosen to read in full, axe-core
    again (test_accessibility.py checks the filtered and empty views)."""
    open_app(page, page_url(server, app_page))
    checks = Checks()
    if app_page.name == "roundtables":  # first: from the top, before anything is opened
        with checks("Tab reaches the downloads fast and the focus is visible"):
            check_tab_reaches_the_downloads(page)
    with checks("draws without errors and shows its charts"):
        check_draws_its_charts(page, traffic, app_page)
    with checks("axe-core, default view"):
        check_axe(page, tmp_path / "axe-default.png")
    open_table_views(page)
    if app_page.url_path in TABLE_FIT_PAGES:
        with checks("tables keep their words whole and the page does not scroll sideways"):
            check_tables_fit(page, app_page)
    with checks("axe-core, tables open and a row chosen"):
        if choose_first_row(page):
            page.locator('[data-testid="stMain"] [class*="st-key-"][class*="-record"]').first\
                .wait_for()
        check_axe(page, tmp_path / "axe-row.png")
    checks.done()


LAND_RGB = tuple(LAND_FILL[:3])  # the map's land colour, without its alpha


def test_a_filter_change_redraws_the_map_in_place(
        page: Page, traffic: Traffic, server: StreamlitServer) -> None:
    """The land outline is fetched once, by address, and the map is updated, not built
    again, when a filter changes: a new map cost a filter change twice the reference's
    (bench/first_view.py), and a reader's place on it was lost."""
    (meetings,) = [p for p in PAGES if p.name == "meetings"]
    open_app(page, page_url(server, meetings))
    canvas = page.locator('[data-testid="stMain"] [data-testid="stDeckGlJsonChart"] canvas')
    canvas.evaluate("(el) => { el.__gfmdFirst = true; }")
    roles = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first

    def add() -> None:
        roles.locator("input").click()
        page.keyboard.type("Co-chair")
        page.keyboard.press("Enter")

    for _ in range(2):
        rerun_after(page, add)
        rerun_after(page, lambda: page.keyboard.press("Backspace"))
        page.keyboard.press("Escape")
    assert canvas.evaluate("(el) => el.__gfmdFirst === true")
    land_url = f"{server.url}/app/static/geo/land-110m.json"
    assert [u for u in traffic.urls if "land-110m" in u] == [land_url]
    canvas.scroll_into_view_if_needed()
    with Image.open(io.BytesIO(canvas.screenshot())) as img:
        colours = img.convert("RGB").getcolors(1 << 16) or []
    assert LAND_RGB in {c for _, c in colours}  # the land is drawn, from its file
    assert_clean(page, traffic)


# The briefing page downloads a document, not a table (see test_briefing_download.py);
# the change log, the proposal form and the Review page hold no table of the record.
TABLE_PAGES = [p for p in PAGES if p.name not in ("briefing", "changes", "propose", "review")]


@pytest.mark.parametrize("app_page", TABLE_PAGES, ids=[p.name for p in TABLE_PAGES])
def test_first_csv_download_holds_the_filtered_rows_shown(
        page: Page, traffic: Traffic, server: StreamlitServer, app_page: AppPage) -> None:
    open_app(page, page_url(server, app_page, "years=2010&years=2012"))
    open_table_views(page)
    button = csv_buttons(page).first
    block = block_of(button)
    name, data = download(page, button)
    frame = read_csv(data)
    assert name.endswith(".csv") and "2010-2012" in name, name
    assert len(frame) == rows_shown(block)
    if "summit_year" in frame:
        years = pd.to_numeric(frame["summit_year"].replace("", pd.NA)).dropna()
        assert years.between(2010, 2012).all(), sorted(set(years))
    assert_clean(page, traffic)


def test_data_page_downloads_match_the_command_line(
        page: Page, traffic: Traffic, server: StreamlitServer) -> None:
    open_app(page, server.page_url("data", "years=2010&years=2016&table=Roundtable+roles"))
    choice = page.get_by_role("radio", name="Roundtable roles")
    expect(choice).to_have_attribute("aria-checked", "true")
    name, data = download(page, csv_buttons(page).first)
    assert name == f"morocco-gfmd-roundtables-2010-2016-v{data_version()}.csv"
    pd.testing.assert_frame_equal(read_csv(data), read_csv(cli_export("roundtables", "2010-2016")))

    # Switching the table is a rerun; the URL and the download follow it.
    rerun_after(page, lambda: page.get_by_role("radio", name="Thematic meetings").click())
    assert "table=Thematic+meetings" in page.url
    name, data = download(page, csv_buttons(page).first)
    assert name == f"morocco-gfmd-thematic-meetings-2010-2016-v{data_version()}.csv"
    expected = read_csv(cli_export("thematic_meetings", "2010-2016"))
    pd.testing.assert_frame_equal(read_csv(data), expected)
    assert len(expected) > 0
    assert_clean(page, traffic)


# ----------------------------------------------------------------- copied links

SHARED_QUERY = "years=2010&years=2012&role=Co-chair"


def expected_roundtables() -> pd.DataFrame:
    """The rows the shared link should show, from the gfmd API."""
    tables = build_all(load_scoped(ROOT / "data"))
    rows = Filters(years=(2010, 2012), roles=("co-chair",)).apply(tables["roundtables"],
                                                                  kind="roundtable")
    return read_csv(safe_csv_bytes(rows))


def check_shared_view(page: Page) -> None:
    assert slider_values(page) == [2010, 2012]
    assert multiselect_tags(page, "Role") == ["Co-chair"]
    expect(page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')).to_have_attribute(
        "href", f"{page.url.split('/roundtables')[0]}/roundtables")

    expected = expected_roundtables()
    assert len(expected) > 0
    table = page.locator('[data-testid="stMain"] .gfmd-table table').first
    assert table_rows(table) == len(expected)
    assert set(table_column_values(table, "Summit year")) <= {"2010", "2011", "2012"}
    assert set(table_column_values(table, "Role")) == {"Co-chair"}
    name, data = download(page, csv_buttons(page).first)
    assert name == f"morocco-gfmd-roundtables-2010-2012-co-chair-v{data_version()}.csv"
    pd.testing.assert_frame_equal(read_csv(data), expected)


def test_copied_url_reproduces_the_view(page: Page, traffic: Traffic,
                                        server: StreamlitServer) -> None:
    open_app(page, server.page_url("roundtables", SHARED_QUERY))
    check_shared_view(page)
    assert_clean(page, traffic)


@pytest.mark.timeout(240)
def test_copied_url_as_the_first_request_to_a_new_server(
        page: Page, traffic: Traffic, fresh_server: Callable[..., StreamlitServer]) -> None:
    srv = fresh_server()
    open_app(page, srv.page_url("roundtables", SHARED_QUERY))
    check_shared_view(page)
    assert_clean(page, traffic)
    assert "Traceback" not in srv.log_text()


# ------------------------------------------------------------------------- network


@pytest.mark.timeout(240)
def test_a_walk_through_every_page_stays_on_localhost(
        page: Page, traffic: Traffic, server: StreamlitServer) -> None:
    open_app(page, server.page_url())
    for app_page in PAGES:
        link = page.locator('[data-testid="stSidebarNavLink"]',
                            has_text=page_title(page, app_page))
        # A page's address changes when its run starts: a fast run may finish before the
        # browser ever draws it "running", which a run counter would miss.
        link.click()
        page.wait_for_url(re.compile(rf"/{re.escape(app_page.url_path)}(\?|$)"))
        wait_for_app(page)
        assert_clean(page, traffic)
        # Open every table view and hover every chart: tooltips and lazy code load too.
        for summary in page.locator('[data-testid="stExpander"] summary').all():
            summary.click()
        for chart in page.locator('[data-testid="stPlotlyChart"] .main-svg').all()[:1]:
            chart.hover()
        for canvas in page.locator('[data-testid="stDeckGlJsonChart"] canvas').all():
            canvas.hover()
        wait_for_app(page)
    assert traffic.urls, "no requests recorded"
    assert traffic.foreign() == set()
    assert "Traceback" not in server.log_text()


def page_title(page: Page, app_page: AppPage) -> str:
    """The sidebar label of a page, found by its link's URL path."""
    labels = page.locator('[data-testid="stSidebarNavLink"]').evaluate_all(
        """(links, [path, isDefault]) => links
             .filter((a) => { const p = new URL(a.href).pathname;
                              return p === '/' + path || (isDefault && p === '/'); })
             .map((a) => a.querySelector('[data-testid="stMarkdownContainer"]').innerText.trim())""",
        [app_page.url_path, app_page.default])
    assert labels, f"no sidebar link for {app_page}"
    return str(labels[0])


# ------------------------------------------------------------------- hostile links

LONG = "9" * 5000
HOSTILE_QUERIES = {
    "junk": urlencode([("years", "abc"), ("years", "2010x"), ("role", "Boss"),
                       ("theme", "**Nonsense**"), ("kind", "<b>x</b>"),
                       ("q", '<img src=x onerror="window.__xss=3">')]),
    "5000-chars": urlencode([("years", LONG), ("role", "R" * 5000), ("theme", "T" * 5000),
                             ("kind", "K" * 5000), ("q", "q" * 5000)]),
    "reversed-years": "years=2016&years=2010",
}


# Every page gets the 5,000-character link (its search matches nothing: empty tables);
# junk and a reversed range are read by the frame, so two pages suffice for them.
HOSTILE_CASES = [
    *[pytest.param(p, "5000-chars", id=f"{p.name}-5000-chars") for p in PAGES],
    *[pytest.param(p, case, id=f"{p.name}-{case}") for p in PAGES
      if p.default or p.url_path == "data" for case in ("junk", "reversed-years")],
]


@pytest.mark.parametrize(("app_page", "case"), HOSTILE_CASES)
def test_hostile_link_shows_a_notice_and_no_error(
        page: Page, traffic: Traffic, server: StreamlitServer, app_page: AppPage,
        case: str) -> None:
    open_app(page, page_url(server, app_page, HOSTILE_QUERIES[case]))
    assert_clean(page, traffic)
    notice = page.locator('[data-testid="stAlertContentInfo"]', has_text=NOTICE)
    expect(notice).to_be_visible()
    values = sorted(slider_values(page))
    if case == "reversed-years":
        expect(notice).to_contain_text("2010–2016 is shown")
        assert values == [2010, 2016]
    else:
        assert values == [2007, 2025]
    search = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input')
    assert len(search.input_value()) <= 200
    assert page.evaluate("() => window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0


NESTED_PATH_REASON = (
    "Streamlit serves index.html for a nested path but its assets are linked relatively, "
    "so /a/b/c loads /a/b/static/... (HTML, refused as script): a blank page, no notice")


@pytest.mark.parametrize("path", [
    "no-such-page",
    quote("<script>alert(1)</script>", safe=""),
    pytest.param("overview/extra/levels",
                 marks=pytest.mark.xfail(reason=NESTED_PATH_REASON, strict=False)),
])
def test_unknown_page_path_falls_back_to_the_default_page(
        page: Page, traffic: Traffic, server: StreamlitServer, path: str) -> None:
    """A page that loads gets the usual time to do so; the nested path, known to stay
    blank, is given up on after 10 s."""
    nested = "/" in path
    open_app(page, server.page_url(path, "years=2010&years=2012"),
             timeout_ms=10_000 if nested else APP_TIMEOUT_MS)
    errors = page_errors(page)
    assert [e for e in errors if not e.startswith("modal: Page not found")] == []
    assert traffic.dialogs == []
    expect(page.locator('[data-testid="stDialog"]')).to_contain_text("Page not found")
    default = DEFAULT_PAGE
    active = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    expect(active).to_contain_text(page_title(page, default))
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    assert page.evaluate("() => window.__xss") is None
