"""Data and sources page: every table under the filters, sources, version, validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from gfmd.tables.build import TABLES
from gfmd.text.messages import LANGUAGES, t, use_language
from tests.apptest_helpers import metrics, run_page, table_frame, tables

PAGE = "app_pages/data_sources.py"


@pytest.fixture(scope="module")
def first_view() -> AppTest:
    """The page as it first opens, run once for the tests that only read it."""
    return run_page(PAGE)


def test_default_table_is_participation_with_all_years(first_view: AppTest) -> None:
    at = first_view
    table = table_frame(at, 0)
    assert table["year"].tolist() == ["2007", "2008", "2009", "2010", "2011", "2012", "2014",
                                      "2015", "2016", "2017", "2018", "2020", "2021", "2024",
                                      "2025"]
    assert metrics(at)["Validation"] == "All valid"
    assert len(metrics(at)["Data version"]) == 12


@pytest.mark.parametrize(("table", "rows"), [
    # 19 roundtable roles: the 2014 Platform for Partnerships meeting is not one of them
    ("Roundtable roles", 19), ("Thematic meetings", 12), ("Contributions table", 16), ("Summits", 15),
    ("All engagements", 48), ("Partners table", 18), ("Delegations", 5),
])
def test_each_table_is_one_url_away(table: str, rows: int) -> None:
    at = run_page(PAGE, params={"table": table})
    assert len(table_frame(at, 0)) == rows


def test_tables_follow_the_shared_filters() -> None:
    at = run_page(PAGE, params={"table": "Thematic meetings", "years": ["2016", "2018"],
                                "role": ["Attended"]})
    table = table_frame(at, 0)
    assert table[["year", "city"]].values.tolist() == [["2016", "Bangkok"], ["2016", "Geneva"]]


def test_source_list_with_links(first_view: AppTest) -> None:
    sources = table_frame(first_view, 1).set_index("title")  # the source's title
    skills = "GFMD holds joint workshop with ILO on labour migration and skills"
    url = "https://www.gfmd.org/news/gfmd-holds-joint-workshop-ilo-labour-migration-and-skills"
    assert f'<a href="{url}">{skills}</a>' in tables(first_view)[1]  # the title links to it
    assert list(sources.columns) == ["publisher", "date", "kind"]  # no internal id
    assert (sources["kind"] == "Inference").sum() == 1  # the method note alone
    assert not sources["publisher"].str.contains("shared/|dashboard project").any()


def test_the_method_note_is_shown_in_full(first_view: AppTest) -> None:
    at = first_view
    assert "How this record was built" in [h.value for h in at.header]
    assert [h.value for h in at.subheader][:3] == [
        "Which sources were used",
        "Which summit year each profile record belongs to, and how sure we are",
        "How themes were tagged"]
    assert any("it gives eleven records in order" in m.value for m in at.markdown)


def test_validation_status_names_problems(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "participation/MAR/2012.yaml").write_text("year: [\n")
    at = run_page(PAGE, data_dir=data_copy, monkeypatch=monkeypatch)
    assert metrics(at)["Validation"] == "1 problem"
    assert at.code[0].value.startswith("data/participation/MAR/2012.yaml:")
    assert "2012" not in table_frame(at, 0)["year"].tolist()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_choices_are_not_named_like_pages(lang: str) -> None:
    """A keyboard or screen-reader user finding "Partners" by name must not land on the
    sidebar's page link instead of the table (walk review F30)."""
    with use_language(lang):
        choices = {t(f"data.table.{name}") for name in TABLES}
        pages = {p.title for p in PAGES}
    assert choices.isdisjoint(pages), choices & pages
