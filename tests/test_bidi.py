"""English inside Arabic reads whole and in order: the display escaper isolates each
left-to-right run (U+2068 … U+2069) on a right-to-left page (walk review F28; issue 32)."""

from __future__ import annotations

import re

from components.safe_text import md
from gfmd.text.markdown import FSI, PDI, escape, isolate_ltr
from gfmd.text.messages import use_language
from tests.apptest_helpers import run_page

TITLE = ("GFMD country profile: Kingdom of Morocco (participation by year, Platform for "
         "Partnerships practices)")


def outside_isolates(text: str) -> str:
    return re.sub(f"{FSI}[^{PDI}]*{PDI}", "", text)


def test_a_title_with_brackets_is_isolated_whole() -> None:
    caption = f"المصدر: {TITLE} (بالإنجليزية)؛ Ecuador (MAP Express) (بالإنجليزية)."
    assert isolate_ltr(caption) == (f"المصدر: {FSI}{TITLE}{PDI} (بالإنجليزية)؛ "
                                    f"{FSI}Ecuador (MAP Express){PDI} (بالإنجليزية).")


def test_enclosing_brackets_digits_and_words_go_with_their_run() -> None:
    assert isolate_ltr("(Media Enquête 24)؛ إصدار 002331fbf7e9 (7 دجنبر 2026).") == (
        f"{FSI}(Media Enquête 24){PDI}؛ إصدار {FSI}002331fbf7e9{PDI} (7 دجنبر 2026).")
    # With no Arabic after it, a run keeps its closing punctuation: "…nexus?" not "?…".
    assert isolate_ltr("RT 3.3: the nexus?") == f"{FSI}RT 3.3: the nexus?{PDI}"


def test_arabic_alone_is_unchanged_and_an_escape_stays_with_its_character() -> None:
    assert isolate_ltr("بين 2007 و2025، حضر المغرب 13 قمة.") == "بين 2007 و2025، حضر المغرب 13 قمة."
    isolated = isolate_ltr(escape("نص [link](https://x) نص"))
    assert "\\[" in isolated and not re.search(r"(?<!\\)[\[\]]", isolated)


def test_the_display_escaper_isolates_only_on_a_right_to_left_page() -> None:
    with use_language("fr"):
        assert md(TITLE) == escape(TITLE)
    with use_language("ar"):
        assert md(f"المصدر: {TITLE}") == f"المصدر: {FSI}{escape(TITLE)}{PDI}"


def test_arabic_source_captions_isolate_every_english_title() -> None:
    at = run_page(params={"lang": "ar"})
    captions = [c.value for c in at.caption if c.value.startswith("المصدر")]
    assert captions and any(f"{FSI}GFMD 2011 summary report" in c for c in captions)
    for caption in captions:
        assert not re.search("[A-Za-z]", outside_isolates(caption)), caption
