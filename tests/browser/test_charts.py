"""The Overview's engagement chart as a reader sees it, on a laptop and a phone, in every
language: the co-chair band's label clear of the bars and the Troika boxes (walk review
F1, F35); each legend entry whole on one line, its mark with its words (F1, F27, F35).
On Overview and Contributions, the marks for a year with no amount (unknown, none) large,
dark enough, whole and on top of the bars (F14)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import (
    DEFAULT_PAGE,
    PAGES,
    StreamlitServer,
    open_app,
    page_url,
    prepare_page,
)

pytestmark = pytest.mark.browser

WIDTHS = [1400, 390]
LANGS = ["en", "fr", "ar"]


@pytest.fixture(scope="module")
def overview(context_at: Callable[[int, int], BrowserContext], server: StreamlitServer,
             request: pytest.FixtureRequest) -> Iterator[Page]:
    """The Overview at (width, language), its chart drawn: loaded once for both tests
    that read it."""
    width, lang = request.param
    page = context_at(width, 1000).new_page()
    prepare_page(page)
    open_app(page, page_url(server, DEFAULT_PAGE, f"lang={lang}"))
    yield page
    page.close()


VIEWS = [(w, lang) for w in WIDTHS for lang in LANGS]

# What the co-chair band's label is drawn on: the marks (bars, markers), the shapes
# (Troika boxes, the grey "not recorded" bands), the other annotations and tick labels,
# by kind and box; and whether it sticks out of the chart.
BAND_LABEL_HITS = """() => {
  const svg = document.querySelector('[data-testid="stPlotlyChart"] .main-svg');
  const chart = svg.parentElement;
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                        && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const notes = [...chart.querySelectorAll('g.annotation')];
  const label = notes.find((g) => g.querySelector('text').textContent.includes('2018'));
  if (!label) return ['no band label'];
  const box = label.querySelector('text').getBoundingClientRect();
  const out = [];
  const frame = svg.getBoundingClientRect();
  if (box.left < frame.left || box.right > frame.right || box.top < frame.top)
    out.push(['outside the chart']);
  const others = [
    ...[...chart.querySelectorAll('.plot path.point')].map((el) => ['mark', el]),
    ...[...chart.querySelectorAll('.shapelayer path')].map((el) => ['shape', el]),
    ...notes.filter((g) => g !== label).map((g) => ['annotation', g.querySelector('text')]),
    ...[...chart.querySelectorAll('g[class$="tick"] > text')].map((el) => ['tick', el]),
  ];
  for (const [kind, el] of others) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && hit(box, r)) out.push([kind, el.textContent || '', r.left, r.top]);
  }
  return out;
}"""


@pytest.mark.parametrize("overview", VIEWS, indirect=True, ids=[f"{w}-{lang}" for w, lang in VIEWS])
def test_the_co_chair_label_overlaps_no_bar_box_or_label(overview: Page) -> None:
    assert overview.evaluate(BAND_LABEL_HITS) == []


# Each entry of the text legend above the chart (components/blocks.py `legend_markdown`):
# its mark, the coloured span, and its words up to the gap before the next mark, with the
# lines the entry is drawn on (the tops of its boxes; one entry, one line).
LEGEND_LINES = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const holder = chart.closest('[data-testid="stElementContainer"]');
  const legend = holder.previousElementSibling.querySelector('[data-testid="stMarkdown"]');
  const out = [];
  for (const mark of legend.querySelectorAll('span[style*="color"]')) {
    const words = mark.nextSibling;
    const end = words.textContent.indexOf(' \u2003');
    const range = document.createRange();
    range.setStart(mark, 0);
    range.setEnd(words, end < 0 ? words.textContent.length : end);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top));
    out.push([range.toString(), Math.max(...tops) - Math.min(...tops)]);
  }
  return out;
}"""


@pytest.mark.parametrize("overview", VIEWS, indirect=True, ids=[f"{w}-{lang}" for w, lang in VIEWS])
def test_every_legend_entry_stays_on_one_line(overview: Page) -> None:
    entries = overview.evaluate(LEGEND_LINES)
    assert len(entries) >= 6, entries  # roles, meetings, money, unknown, Troika, not recorded
    assert [(text, spread) for text, spread in entries if spread > 6] == []


# Every marker of the first chart's scatter traces (on these charts, only the years
# without an amount): its box, its stroke, whether it lies whole inside a plot area, and
# whether every bar it touches is painted before it (SVG paints in document order; plotly's
# marks take no pointer events, so elementFromPoint cannot tell).
ZERO_MARKERS = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
                        && b.top < a.bottom;
  const plots = [...chart.querySelectorAll('.bglayer rect.bg')]
    .map((r) => r.getBoundingClientRect());
  const inside = (b) => plots.some((p) => b.left >= p.left - 0.5 && b.right <= p.right + 0.5
                                          && b.top >= p.top - 0.5 && b.bottom <= p.bottom + 0.5);
  const bars = [...chart.querySelectorAll('.barlayer path')];
  const out = [];
  for (const mark of chart.querySelectorAll('.scatterlayer path.point')) {
    const b = mark.getBoundingClientRect();
    if (!b.width) continue;
    const over = bars.filter((bar) => hit(b, bar.getBoundingClientRect()) && !(
      bar.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING));
    out.push({size: Math.min(b.width, b.height), stroke: getComputedStyle(mark).stroke,
              whole: inside(b), onTop: over.length === 0});
  }
  return out;
}"""


def contrast_on_white(css_rgb: str) -> float:
    """WCAG contrast ratio of an 'rgb(r, g, b)' colour against white."""
    channels = [int(c) / 255 for c in css_rgb[css_rgb.index("(") + 1:-1].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (luminance + 0.05)


MONEY_VIEWS = [(name, width) for name in ("overview", "contributions") for width in WIDTHS]


@pytest.mark.parametrize(("name", "width"), MONEY_VIEWS,
                         ids=[f"{n}-{w}" for n, w in MONEY_VIEWS])
def test_years_without_an_amount_are_marked_visibly(
        context_at: Callable[[int, int], BrowserContext], server: StreamlitServer,
        name: str, width: int) -> None:
    page = context_at(width, 1000).new_page()
    prepare_page(page)
    try:
        open_app(page, page_url(server, next(p for p in PAGES if p.name == name), "lang=en"))
        marks = page.evaluate(ZERO_MARKERS)
    finally:
        page.close()
    assert marks, "the bundled record has years whose amount is unknown"
    assert [m for m in marks if m["size"] < 12 or not m["whole"] or not m["onTop"]] == []
    assert [m["stroke"] for m in marks if contrast_on_white(m["stroke"]) < 3] == []
