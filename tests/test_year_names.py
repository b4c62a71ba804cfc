"""One meaning per year name (issue 31; walk review F4, F8, F12): every table's "year" is
the summit year its record is filed under, so the screen, the spreadsheet, the chart axes,
the downloads and the briefing's money table all call it "Summit year", and no year with
another meaning (the year a meeting met) is shown under that name. The meeting of
11 September 2013 belongs to summit year 2014: it must never read 2014 under a bare
"Year" while the briefing dates it 2013."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from gfmd.record.dataset import Dataset
from gfmd.tables.build import build_all
from gfmd.tables.display import KNOWN_COLUMNS, header
from gfmd.tables.exports import json_bytes, safe_csv_bytes
from gfmd.text.messages import LANGUAGES, t, use_language
from tests.apptest_helpers import plotly_spec, run_page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_year_columns_are_named_summit_year_and_no_other_column_shares_the_name(
        lang: str) -> None:
    with use_language(lang):
        named = {column: header(column) for column in KNOWN_COLUMNS}
        summit_year = named["year"]
        assert summit_year == t("col.year") == t("briefing.col.year")
        assert [c for c, name in named.items() if name == summit_year] == ["year"]
    if lang == "en":  # the filter selects by summit year, and says so
        assert (summit_year, named["years"], t("filters.years")) == (
            "Summit year", "Summit years", "Summit years")


def test_a_meeting_keeps_its_summit_year_under_that_name_in_every_download(
        dataset: Dataset) -> None:
    """In the record a meeting met in one year and is filed under the next (Geneva,
    11 September 2013, summit year 2014): the
    downloads carry it as `summit_year`, beside its own dates."""
    meetings = build_all(dataset)["thematic_meetings"]
    starts = pd.to_datetime(meetings["start_date"])
    filed_later = meetings[starts.dt.year.lt(meetings["year"]).fillna(False)]
    assert not filed_later.empty, "no meeting filed under a later summit"
    csv = pd.read_csv(io.BytesIO(safe_csv_bytes(filed_later)), encoding="utf-8-sig")
    assert "year" not in csv.columns
    assert csv["summit_year"].tolist() == filed_later["year"].tolist()
    records = json.loads(json_bytes(filed_later))
    assert [r["summit_year"] for r in records] == filed_later["year"].tolist()
    assert all(dt.date.fromisoformat(r["start_date"]).year < r["summit_year"]
               for r in records)


@pytest.mark.parametrize("page", ["app_pages/partners.py", "app_pages/roundtables.py"])
def test_the_chart_axis_and_the_table_header_say_the_same_year(page: str) -> None:
    at = run_page(page)
    axis = plotly_spec(at)["layout"]["xaxis"]["title"]["text"]
    assert axis == header("year") == "Summit year"
