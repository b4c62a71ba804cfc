"""Briefing page: inputs to preview and downloads; no theme or no record says so and offers
the nearest themes; data text stays literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.dataset import Dataset
from gfmd.markdown import escape as escape_markdown
from gfmd.version import content_hash
from tests.apptest_helpers import run_page

PAGE = "app_pages/briefing.py"


def preview(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("# Briefing note"))


def choose(at: AppTest, themes: list[str], years: tuple[int, int] | None = None) -> AppTest:
    at.multiselect(key="briefing-themes").set_value(themes)
    if years:
        at.slider(key="briefing-years").set_value(years)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_without_a_theme_the_page_asks_and_offers_themes() -> None:
    at = run_page(PAGE)
    assert at.info[0].value == "Choose at least one theme to write a briefing."
    assert not at.download_button
    offers = [b for b in at.button if b.key and b.key.startswith("briefing-suggest-")]
    assert len(offers) == 3
    offers[0].click().run()
    chosen = at.multiselect(key="briefing-themes").value
    assert chosen == [offers[0].key.removeprefix("briefing-suggest-")]
    assert [d.label for d in at.download_button] == ["Download Word (.docx)",
                                                     "Download Markdown"]


def test_labour_mobility_2010_2018_preview_is_the_document(dataset: Dataset) -> None:
    at = choose(run_page(PAGE), ["labour-mobility"], (2010, 2018))
    expected = to_markdown(compose(dataset, BriefingRequest(
        themes=("labour-mobility",), years=(2010, 2018),
        version=content_hash(dataset.files, dataset.data_dir))))
    assert preview(at) == expected.rstrip("\n")  # st.markdown strips the last newline
    assert [d.key for d in at.download_button] == ["briefing-docx", "briefing-md"]


def test_meeting_and_sections_shape_the_briefing() -> None:
    at = choose(run_page(PAGE), ["labour-mobility"], (2010, 2018))
    at.text_input(key="briefing-meeting").input("Labour *migration* workshop")
    at.button_group(key="briefing-sections").set_value(["roles", "caveats"])
    at.run()
    text = preview(at)
    assert "- **Prepared for:** Labour \\*migration\\* workshop" in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Summary", "## Roles on these themes", "## Caveats", "## Sources"]


def test_sidebar_filters_seed_the_choice() -> None:
    at = run_page(PAGE, params={"theme": ["Diaspora and development"],
                                "years": ["2010", "2014"]})
    assert at.multiselect(key="briefing-themes").value == ["diaspora-development"]
    assert at.slider(key="briefing-years").value == (2010, 2014)
    assert "- **Years:** 2010–2014" in preview(at)


def test_no_matching_record_says_so_and_offers_nearest_themes() -> None:
    at = choose(run_page(PAGE), ["gender"], (2010, 2012))
    message = at.info[0].value.replace("\\", "")
    assert message.startswith("No roundtable role or thematic meeting on “Women migrants and "
                              "gender” is recorded for 2010–2012, so there is nothing to brief on.")
    assert not at.download_button
    offers = [b for b in at.button if b.key and b.key.startswith("briefing-suggest-")]
    assert offers and "briefing-suggest-gender" not in [b.key for b in offers]


def test_hostile_title_is_shown_literally(edit, data_copy: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "<script>alert(1)</script> **bold** [x](http://e) =1+1"
    edit("participation/MAR/2014.yaml",
         "    title: Enhancing the development impacts of labour migration and circular "
         "mobility through more systematic labour market and skills matching",
         f"    title: '{hostile}'")
    at = run_page(PAGE, data_dir=data_copy, monkeypatch=monkeypatch)
    text = preview(choose(at, ["labour-mobility"]))
    assert escape_markdown(hostile) in text
    assert "<script>" not in text and "**bold**" not in text
