"""Every chart's margins are set from its labels, not grown by plotly's automargin, which
draws a chart, measures its labels and draws it again on every first view and filter
change (bench/RESULTS.md). Whether the labels then fit is checked in Chromium
(tests/browser/test_languages.py); here, that the margins follow the labels.

The four figure builders are called as their pages call them (the pages hand the figure
to `st.plotly_chart` unchanged, through `blocks.chart`), on the fixture record's tables
built in each language: no app run is needed to read a figure's layout.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import pytest

from components import figures
from components.figures import CHAR_PX, TITLE_BAND, label_margin
from gfmd.record.dataset import Dataset
from gfmd.record.forum import structural_years
from gfmd.record.vocab import MeetingKind, StructuralRoleKind
from gfmd.store.scope import load_scoped
from gfmd.tables import aggregate
from gfmd.tables.build import build_all
from gfmd.tables.filters import Filters
from gfmd.text.messages import use_language
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def fixture_record() -> Dataset:
    """The small fixture record, scoped to the dashboard's country, as the app reads it."""
    return load_scoped(FIXTURES / "data")


def _timeline(ds: Dataset) -> go.Figure:
    """The overview's chart."""
    frames, all_rows = build_all(ds), Filters()
    rows = aggregate.timeline(
        all_rows.apply(frames["participation"]),
        all_rows.apply(frames["roundtables"], kind=MeetingKind.ROUNDTABLE),
        all_rows.apply(frames["thematic_meetings"], kind=MeetingKind.THEMATIC_MEETING))
    return figures.timeline(rows, structural_years(ds, StructuralRoleKind.CO_CHAIR),
                            structural_years(ds, StructuralRoleKind.TROIKA))


def _roundtables(ds: Dataset) -> go.Figure:
    return figures.roundtable_matrix(build_all(ds)["roundtables"], ds.themes)


def _partners(ds: Dataset) -> go.Figure:
    rows = build_all(ds)["partners"]
    order = [p.partner for p in aggregate.partnerships(rows).partners]
    assert order, "the fixture record names partners, so the chart has rows"
    return figures.partners_chart(rows, order)


def _contributions(ds: Dataset) -> go.Figure:
    return figures.contributions_chart(build_all(ds)["contributions"])


CHARTS: dict[str, Callable[[Dataset], go.Figure]] = {
    "overview": _timeline, "roundtables": _roundtables, "partners": _partners,
    "contributions": _contributions,
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_no_chart_lets_plotly_grow_its_margins(chart: str, lang: str,
                                               fixture_record: Dataset) -> None:
    with use_language(lang):
        layout = CHARTS[chart](fixture_record).to_plotly_json()["layout"]
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
    assert axes and all(layout[k]["automargin"] is False for k in axes)
    category = [v for k, v in layout.items()
                if k.startswith("yaxis") and v.get("type") == "category"]
    if chart in ("roundtables", "partners"):
        assert category, "roundtable codes and partner names are a category axis"
    for axis in category:  # roundtable codes, partner names: the longest one fits
        assert layout["margin"]["l"] >= label_margin(axis["categoryarray"])


@pytest.mark.parametrize(("labels", "margin"), [
    ([], TITLE_BAND + 4 * CHAR_PX),
    (["1.2", "No RT code"], TITLE_BAND + 10 * CHAR_PX),
    (["Allemagne", "Royaume-Uni"], TITLE_BAND + 11 * CHAR_PX),
])
def test_the_left_margin_grows_with_the_longest_label(labels: list[str], margin: float) -> None:
    assert label_margin(labels) == round(margin)
