"""Contributions page: new money, carry-over, stated none and unknown, kept apart."""

from __future__ import annotations

from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, texts

PAGE = "app_pages/contributions.py"


def test_totals_with_and_without_carry_over() -> None:
    at = run_page(PAGE)
    assert metrics(at) == {"New money (USD)": "257,622", "Carry-over (USD)": "48,342"}
    body = texts(at).replace("\\", "")
    assert "**No contribution (stated):** 2008–2012 and 2014–2015" in body
    assert "**Amount unknown:** 2007, 2017, 2020–2021 and 2024–2025" in body
    assert "- 2018: Read as the unspent part of the 2016 USD 50,000" in body


def test_chart_shows_new_money_carry_over_none_and_unknown_distinctly() -> None:
    traces = {tr["name"]: tr for tr in plotly_spec(run_page(PAGE))["data"]}
    assert (traces["New money"]["x"], traces["New money"]["y"]) == ([2016, 2018], [50000, 207622])
    carry = traces["Carry-over (not new money)"]
    assert (carry["x"], carry["y"], carry["marker"]["pattern"]["shape"]) == ([2018], [48342], "/")
    assert traces["No contribution (stated)"]["x"] == [2008, 2009, 2010, 2011, 2012, 2014, 2015]
    assert traces["No contribution (stated)"]["mode"] == "markers"  # no text to collide
    assert traces["Amount unknown"]["x"] == [2007, 2017, 2020, 2021, 2024, 2025]


def test_table_says_none_and_unknown_not_blank() -> None:
    table = table_frame(run_page(PAGE), 0).set_index("year")
    assert table.loc["2008", "amount_usd"] == "none"
    assert table.loc["2007", "amount_usd"] == "unknown"
    assert table.loc["2016", "amount_usd"] == "50,000"


def test_only_the_year_filter_applies_and_the_page_says_so() -> None:
    at = run_page(PAGE, params={"years": ["2016", "2017"], "role": ["Co-chair"]})
    assert metrics(at)["New money (USD)"] == "50,000"
    assert "Not applied to this table: the role filter." in texts(at)
