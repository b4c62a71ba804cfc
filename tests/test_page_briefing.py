"""Briefing page: a form whose committed inputs build the preview and both downloads; the
inputs live in the address, so a link rebuilds the note; no theme or no record says so and
offers the nearest themes; data text stays literal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.changes.history import current_version
from gfmd.record.dataset import Dataset
from gfmd.text.markdown import escape as escape_markdown
from tests.apptest_helpers import run_page

PAGE = "app_pages/briefing.py"


def preview(at: AppTest) -> str:
    """The preview: the note, its headings below the page's own ("### Briefing note")."""
    return next(m.value for m in at.markdown if m.value.startswith("### Briefing note"))


def build(at: AppTest) -> AppTest:
    """Click "Build the note": the form's inputs are committed only then."""
    next(b for b in at.button if b.label == "Build the note").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, themes: list[str], years: tuple[int, int] | None = None) -> AppTest:
    at.multiselect(key="b_theme").set_value(themes)
    if years:
        at.slider(key="b_years").set_value(years)
    return build(at)


def test_without_a_theme_the_page_asks_and_offers_themes() -> None:
    at = run_page(PAGE)
    assert at.info[0].value == "Choose at least one theme to write a briefing."
    assert not at.download_button
    offers = [b for b in at.button if b.key and b.key.startswith("briefing-suggest-")]
    assert len(offers) == 3
    # A few, and labelled as such: not read as every theme with records (walk review F18)
    assert ("The 3 themes with the most records in these years (every theme is in the "
            "list above):") in [c.value for c in at.caption]
    offers[0].click().run()
    chosen = at.multiselect(key="b_theme").value
    assert chosen == [offers[0].key.removeprefix("briefing-suggest-")]
    assert [d.label for d in at.download_button] == ["Download Word (.docx)",
                                                     "Download Markdown"]


def test_preview_is_the_document(dataset: Dataset) -> None:
    at = choose(run_page(PAGE), ["labour-mobility"], (2010, 2018))
    expected = to_markdown(top=3, b=compose(dataset, BriefingRequest(
        themes=("labour-mobility",), years=(2010, 2018),
        version=current_version(dataset.data_dir))))
    assert preview(at) == expected.rstrip("\n")  # st.markdown strips the last newline
    assert [d.key for d in at.download_button] == ["briefing-docx", "briefing-md"]


def test_inputs_count_only_once_the_note_is_built() -> None:
    at = choose(run_page(PAGE), ["labour-mobility"], (2010, 2018))
    at.text_input(key="b_meeting").input("Labour *migration* workshop").run()
    assert "Meeting:" not in preview(at)  # a rerun that is not the form's submit commits nothing
    at.text_input(key="b_meeting").input("Labour *migration* workshop")
    at.text_input(key="b_by").input("Directorate A")
    at.text_input(key="b_class").input("For internal use")
    at.button_group(key="b_sections").set_value(["record", "caveats"])
    text = preview(build(at))
    assert "- **Meeting:** Labour \\*migration\\* workshop" in text
    assert "- **Prepared by:** Directorate A" in text
    assert "**For internal use**" in text
    assert [line for line in text.splitlines() if line.startswith("#### ")] == [
        "#### Key messages", "#### Roles and meetings on these themes", "#### Caveats", "#### Sources"]


def test_a_shared_link_rebuilds_the_note_without_a_click(dataset: Dataset) -> None:
    """Multiselect and pills values travel by their labels, as Streamlit writes them."""
    at = run_page(PAGE, params={
        "b_theme": ["Diaspora and development"], "b_years": ["2010", "2018"],
        "b_meeting": ["Diaspora forum"], "b_by": ["Directorate A"],
        "b_class": ["For internal use"], "b_date": ["2026-03-10"],
        "b_sections": ["Roles and meetings on these themes", "Caveats"], "b_short": ["false"]})
    text = preview(at)
    expected = to_markdown(top=3, b=compose(dataset, BriefingRequest(
        themes=("diaspora-development",), years=(2010, 2018), meeting="Diaspora forum",
        meeting_date=dt.date(2026, 3, 10), prepared_by="Directorate A",
        classification="For internal use", sections=("record", "caveats"),
        version=current_version(dataset.data_dir))))
    assert text == expected.rstrip("\n")


def test_short_note_from_the_address() -> None:
    at = run_page(PAGE, params={"b_theme": ["Labour mobility and skills"], "b_short": ["true"]})
    assert [line for line in preview(at).splitlines() if line.startswith("#### ")] == [
        "#### Key messages", "#### Counterparts on these themes",
        "#### The most relevant roles and meetings", "#### Sources"]
    assert at.download_button[0].proto.label == "Download Word (.docx)"


def test_sidebar_filters_seed_the_choice() -> None:
    at = run_page(PAGE, params={"theme": ["Diaspora and development"],
                                "years": ["2010", "2014"]})
    assert at.multiselect(key="b_theme").value == ["diaspora-development"]
    assert at.slider(key="b_years").value == (2010, 2014)
    assert "- **Years:** 2010–2014" in preview(at)


def test_no_matching_record_says_so_and_offers_nearest_themes() -> None:
    at = choose(run_page(PAGE), ["gender"], (2010, 2012))
    message = at.info[0].value.replace("\\", "")
    assert message.startswith("No roundtable role or thematic meeting on “Women migrants and "
                              "gender” is recorded for 2010–2012, so there is nothing to brief on.")
    assert not at.download_button
    offers = [b for b in at.button if b.key and b.key.startswith("briefing-suggest-")]
    assert offers and "briefing-suggest-gender" not in [b.key for b in offers]
    assert f"{len(offers)} themes close to your choice with records in these years:" in [
        c.value for c in at.caption]


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


def test_a_hostile_link_is_ignored_or_clamped() -> None:
    """Unknown themes, sections and dates drop out; text is cut to the field's limit."""
    at = run_page(PAGE, params={
        "b_theme": ["<script>", "Labour mobility and skills"], "b_years": ["abc", "9999"],
        "b_date": ["2026-13-45"], "b_short": ["maybe"], "b_sections": ["nope"],
        "b_meeting": ["x" * 5000]})
    assert at.multiselect(key="b_theme").value == ["labour-mobility"]
    assert len(at.text_input(key="b_meeting").value) == 200
    assert "<script>" not in preview(at)
