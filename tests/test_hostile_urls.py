"""Hostile links: junk, 5,000-character and reversed values in every URL key, and unknown
keys. A link is untrusted input that anyone can send; the app must fall back to its
defaults with a notice, never raise, and never echo the value as live Markdown or HTML.

An unknown page cannot be requested through AppTest (switch_page only takes registered
pages), so unknown query keys stand in for the "unknown address" case here.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES as REGISTRY
from tests.apptest_helpers import run_page

PAGES = [spec.script for spec in REGISTRY]
LONG = 5_000
BOUNDS = (2007, 2025)  # the bundled data's first and last summit years
NOTICE = "Some values in the link could not be used"


def _notice(at: AppTest) -> str:
    """The URL notice, Markdown escapes removed; empty if there is none."""
    found = [i.value.replace("\\", "") for i in at.info if NOTICE in i.value.replace("\\", "")]
    return found[0] if found else ""


def _years(at: AppTest) -> tuple[int, int]:
    start, end = at.sidebar.slider[0].value
    return tuple(sorted((int(start), int(end))))  # type: ignore[return-value]


def _assert_defaults(at: AppTest, *, keep_roles: bool = False) -> None:
    assert _years(at) == BOUNDS
    if not keep_roles:
        assert at.sidebar.multiselect[0].value == []
    assert at.sidebar.multiselect[1].value == [] and at.sidebar.multiselect[2].value == []


def _assert_nothing_live(at: AppTest) -> None:
    """No element renders a link's text as Markdown or HTML (it is shown escaped)."""
    rendered = [m.value for m in at.markdown] + [c.value for c in at.caption]
    rendered += [i.value for i in at.info] + [e.value for e in at.error]
    rendered += [w.value for w in at.warning]
    for text in rendered:
        assert "<script>" not in text
        assert "](javascript:" not in text


JUNK_YEARS = [
    pytest.param(["abc"], id="letters"),
    pytest.param([""], id="empty"),
    pytest.param(["2010", "abc"], id="half-junk"),
    pytest.param(["2010", "2011", "2012"], id="three-values"),
    pytest.param(["1" * LONG], id="5000-digits"),  # int() of this would raise in Python
    pytest.param(["2010" * (LONG // 4)], id="5000-chars"),
    pytest.param(["-1"], id="negative"),
    pytest.param(["1900", "2100"], id="outside-the-data"),
    pytest.param(["<script>alert(1)</script>"], id="script"),
    pytest.param(["2010\x00"], id="nul-byte"),
]


@pytest.mark.parametrize("years", JUNK_YEARS)
def test_junk_years_fall_back_to_all_years_with_a_notice(years: list[str]) -> None:
    at = run_page(params={"years": years})
    _assert_defaults(at)
    assert "years" in _notice(at)
    _assert_nothing_live(at)


def test_reversed_year_range_is_swapped_with_a_notice() -> None:
    at = run_page(params={"years": ["2016", "2010"]})
    assert _years(at) == (2010, 2016)
    assert "is reversed, so 2010–2016 is shown" in _notice(at)


@pytest.mark.parametrize("key, what", [("role", "role"), ("theme", "theme"),
                                       ("kind", "meeting kind")])
@pytest.mark.parametrize("value", [
    pytest.param("Boss", id="unknown"),
    pytest.param("co-chairs", id="near-id"),  # ids are what links carry (test_page_links)
    pytest.param("x" * LONG, id="5000-chars"),
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("**bold** [x](javascript:alert(1)) $x$", id="markdown"),
    pytest.param("\u202eevil", id="rtl-override"),
])
def test_junk_choices_are_dropped_with_a_notice(key: str, what: str, value: str) -> None:
    at = run_page(params={key: [value]})
    _assert_defaults(at)
    notice = _notice(at)
    assert f"is not a known {what} and was dropped" in notice
    assert len(notice) < 400, "the notice clips long values"
    _assert_nothing_live(at)


def test_a_valid_choice_beside_junk_is_kept() -> None:
    at = run_page(params={"role": ["Co-chair", "Boss"]})
    assert at.sidebar.multiselect[0].value == ["co-chair"]
    assert "'Boss' is not a known role" in _notice(at)


def test_a_5000_character_search_is_cut_with_a_notice() -> None:
    at = run_page(params={"q": "x" * LONG})
    _assert_defaults(at)
    assert len(at.sidebar.text_input[0].value) <= 200
    assert "the search text was cut to 200 characters" in _notice(at)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>",
                                  "**bold** [x](javascript:alert(1)) $x$", "a\x00b",
                                  "=cmd|' /C calc'!A0"])
def test_a_hostile_search_is_only_a_search(text: str) -> None:
    """Any short text is a valid search: no notice, no exception, nothing rendered live."""
    at = run_page(params={"q": text})
    assert at.sidebar.text_input[0].value == text
    assert _notice(at) == ""
    _assert_nothing_live(at)


def test_unknown_keys_are_ignored() -> None:
    at = run_page(params={"foo": "bar", "page": "nowhere", "__proto__": "x",
                          "years[]": "2010", "x" * 200: "y" * LONG})
    _assert_defaults(at)
    assert _notice(at) == ""


EVERYTHING_AT_ONCE = {
    "years": ["2016", "x" * LONG], "role": ["x" * LONG, "<script>alert(1)</script>"],
    "theme": ["y" * LONG], "kind": ["z" * LONG], "q": "q" * LONG, "unknown": "u" * LONG,
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_a_link_with_every_key_hostile(page: str) -> None:
    at = run_page(page, params=EVERYTHING_AT_ONCE)
    _assert_defaults(at)
    notice = _notice(at)
    for part in ("years", "role", "theme", "meeting kind", "search text"):
        assert part in notice
    _assert_nothing_live(at)


def test_the_link_is_rewritten_without_the_junk() -> None:
    """After the first run the address carries only what the app actually uses."""
    at = run_page(params={"role": ["Boss"], "years": ["abc"]})
    assert at.query_params.get("role") in (None, [], "")
    assert at.query_params.get("years") in (None, [], "")
