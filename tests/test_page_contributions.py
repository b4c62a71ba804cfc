"""Contributions page: new money, carry-over, stated none and unknown, kept apart.

Checked on the small fixture record (tests/fixtures/data), which has every money status
in four years: its numbers never move with a correction to the real record."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, texts
from tests.conftest import FIXTURE_DATA

PAGE = "app_pages/contributions.py"


@pytest.fixture(scope="module")
def contributions() -> AppTest:
    """The page on the fixture record, run once for the tests that only read it."""
    with pytest.MonkeyPatch.context() as mp:
        return run_page(PAGE, data_dir=FIXTURE_DATA, monkeypatch=mp)


def test_totals_with_and_without_carry_over(contributions: AppTest) -> None:
    assert metrics(contributions) == {"New money (USD)": "10,000", "Carry-over (USD)": "2,500"}
    body = texts(contributions).replace("\\", "")
    assert "**No contribution (stated):** 2010" in body
    assert "**Amount unknown:** 2011 and 2013" in body
    assert "- 2011: Carried over from 2009." in body


def test_chart_shows_new_money_carry_over_none_and_unknown_distinctly(
        contributions: AppTest) -> None:
    traces = {tr["name"]: tr for tr in plotly_spec(contributions)["data"]}
    assert (traces["New money"]["x"], traces["New money"]["y"]) == ([2009], [10000])
    carry = traces["Carry-over (not new money)"]
    assert (carry["x"], carry["y"], carry["marker"]["pattern"]["shape"]) == ([2011], [2500], "/")
    assert traces["No contribution (stated)"]["x"] == [2010]
    assert traces["No contribution (stated)"]["mode"] == "markers"  # no text to collide
    assert traces["Amount unknown"]["x"] == [2011, 2013]


def test_table_says_none_and_unknown_not_blank(contributions: AppTest) -> None:
    table = table_frame(contributions, 0).set_index("year")
    assert table.loc["2010", "amount_usd"] == "none"
    assert table.loc["2013", "amount_usd"] == "unknown"
    assert table.loc["2009", "amount_usd"] == "10,000"


def test_only_the_year_filter_applies_and_the_page_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(PAGE, params={"years": ["2010", "2011"], "role": ["Co-chair"]},
                  data_dir=FIXTURE_DATA, monkeypatch=monkeypatch)
    assert metrics(at)["New money (USD)"] == "0"
    assert metrics(at)["Carry-over (USD)"] == "2,500"
    assert "Not applied to this table: the role filter." in texts(at)
