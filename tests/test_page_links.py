"""A shared link means the same in every language: the address carries ids (theme, role,
kind, b_theme, b_sections), a label from a link made in any language finds its id, a value
that names nothing gets a notice on the page that reads it, and switching language keeps
the selection and the ids (walk review F37, F39, F41; issue 32)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.text.messages import use_language
from tests.apptest_helpers import run_page

BRIEFING = "app_pages/briefing.py"
THEME = "diaspora-development"


def label_in(dataset: Dataset, lang: str) -> str:
    with use_language(lang):
        return theme_label(dataset.themes[THEME])


def linked(at: AppTest, key: str) -> list[str]:
    """The address's values for `key`, a list however many there are."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def notices(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_an_id_link_opens_the_same_selection_in_every_language(lang: str) -> None:
    at = run_page(params={"lang": lang, "theme": THEME, "role": "co-chair"})
    assert at.multiselect(key="theme").value == [THEME]
    assert at.multiselect(key="role").value == ["co-chair"]
    assert linked(at, "theme") == [THEME] and linked(at, "role") == ["co-chair"]
    assert "🔗" not in [i.icon for i in at.info]


@pytest.mark.parametrize("link_lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("page_lang", ["en", "ar"])
def test_a_label_link_from_any_language_still_opens_its_selection(
        dataset: Dataset, link_lang: str, page_lang: str) -> None:
    at = run_page(params={"lang": page_lang, "theme": label_in(dataset, link_lang)})
    assert at.multiselect(key="theme").value == [THEME]
    assert linked(at, "theme") == [THEME]  # the address now holds the id


def test_switching_language_keeps_the_selection_and_the_ids(dataset: Dataset) -> None:
    at = run_page(params={"lang": "fr", "theme": label_in(dataset, "fr")})
    at.segmented_control(key="lang").set_value("en").run()
    assert at.multiselect(key="theme").value == [THEME]
    assert at.multiselect(key="theme").format_func(THEME) == label_in(dataset, "en")
    assert linked(at, "theme") == [THEME] and linked(at, "lang") == ["en"]


def test_an_unknown_sidebar_value_is_named_in_a_notice() -> None:
    at = run_page(params={"theme": "x"})
    assert at.multiselect(key="theme").value == []
    assert "'x' is not a known theme" in notices(at)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_briefing_link_by_id_builds_the_same_note_in_every_language(lang: str) -> None:
    at = run_page(BRIEFING, params={"lang": lang, "b_theme": THEME,
                                    "b_sections": ["record", "caveats"]})
    assert at.multiselect(key="b_theme").value == [THEME]
    assert at.button_group(key="b_sections").value == ["record", "caveats"]
    assert linked(at, "b_theme") == [THEME]
    assert linked(at, "b_sections") == ["record", "caveats"]


def test_a_briefing_label_link_from_another_language_still_works(dataset: Dataset) -> None:
    at = run_page(BRIEFING, params={"lang": "en", "b_theme": label_in(dataset, "ar")})
    assert at.multiselect(key="b_theme").value == [THEME]
    assert linked(at, "b_theme") == [THEME]


def test_an_unusable_briefing_theme_gets_a_notice() -> None:
    at = run_page(BRIEFING, params={"b_theme": "x"})
    assert at.multiselect(key="b_theme").value == []
    assert "'x' is not a known theme" in notices(at)
