"""Partners page: who Morocco led roles with, how often, when, on which themes; unknown
partners counted and listed, never hidden."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, texts

PAGE = "app_pages/partners.py"


@pytest.fixture(scope="module")
def first_view() -> AppTest:
    """The page as it first opens, run once for the tests that only read it."""
    return run_page(PAGE)


def test_counts_named_and_unknown_partners(first_view: AppTest) -> None:
    at = first_view
    assert metrics(at) == {"Governments named": "6", "Roles with partners named": "6",
                           "Roles with partners unknown": "9"}
    body = texts(at)
    assert "- **France**: 2 roles, summit years 2011–2012 (Thematic meeting and Roundtable)." in body
    assert "- **Germany**: 2 roles, summit years 2017–2018 (Co-chairmanship of the Forum and Thematic meeting)." in body
    assert [h.value for h in at.header][:2] == ["Who Morocco worked with",
                                                "9 roles whose partners no source names"]
    # A title that only repeats the kind is said once (walk review F9).
    assert "- 2014: Platform for Partnerships meeting\n" in body
    assert "Platform for Partnerships meeting — Platform" not in body


def test_chart_puts_each_shared_role_in_its_year(first_view: AppTest) -> None:
    spec = plotly_spec(first_view)
    traces = {tr["name"]: tr for tr in spec["data"]}
    assert sorted(traces) == ["Co-chairmanship of the Forum", "Roundtable", "Thematic meeting"]
    roundtable = traces["Roundtable"]
    assert [round(x) for x in roundtable["x"]] == [2012, 2012, 2014]
    assert roundtable["y"] == ["France", "Kenya", "Spain"]
    assert spec["layout"]["yaxis"]["categoryarray"] == [
        "Sweden", "Spain", "Netherlands", "Kenya", "Germany", "France"]


def test_filters_narrow_partners() -> None:
    at = run_page(PAGE, params={"theme": ["Labour mobility and skills"]})
    assert metrics(at)["Governments named"] == "3"  # Spain, Sweden, the Netherlands
    assert len(table_frame(at, 0)) == 4  # Spain; Sweden, Netherlands; 2007's unknown


def test_no_partner_in_view_says_so() -> None:
    at = run_page(PAGE, params={"years": ["2007", "2010"]})
    assert metrics(at)["Governments named"] == "0"
    assert "No source names a partner for the roles in the current view." in texts(at)
    assert not at.get("plotly_chart")
