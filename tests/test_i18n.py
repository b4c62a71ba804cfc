"""French and Arabic: Moroccan conventions for numbers and dates, and a briefing note
composed in each language. That no page shows an English catalogue sentence is checked
with the rest of what a French or Arabic reader meets, in tests/test_english_left.py."""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from gfmd.briefing import BriefingRequest, compose, to_docx, to_markdown
from gfmd.record.dataset import Dataset
from gfmd.text import formatting as fmt
from gfmd.text.messages import EN, in_language, message, use_language
from tests.cli_helpers import run_cli
from tests.conftest import FIXTURES


@pytest.mark.parametrize(("lang", "money", "date"), [
    ("en", "USD 257,622", "3 May 2018"),
    ("fr", "257\u202f622 USD", "3 mai 2018"),
    ("ar", "257.622 دولار أمريكي", "3 ماي 2018"),
])
def test_moroccan_conventions(lang: str, money: str, date: str) -> None:
    with use_language(lang):
        assert fmt.money(257_622) == money
        assert fmt.date(dt.date(2018, 5, 3)) == date


@pytest.mark.parametrize(("lang", "heading", "phrase"), [
    ("fr", "## Messages clés", "coprésid"),
    ("ar", "## الرسائل الرئيسية", "المنتدى"),
])
def test_the_briefing_is_composed_in_each_language(dataset: Dataset, lang: str,
                                                   heading: str, phrase: str) -> None:
    with use_language(lang):
        text = to_markdown(compose(dataset, BriefingRequest(themes=("diaspora-development",))))
    assert heading in text and phrase in text
    assert "## Key messages" not in text and "## Counterparts" not in text


GOLDEN = {lang: FIXTURES / f"briefing-diaspora-development-2007-2025.{lang}.md"
          for lang in ("fr", "ar")}


@pytest.mark.parametrize("lang", sorted(GOLDEN))
def test_briefing_golden_file(dataset: Dataset, lang: str) -> None:
    """The pinned French and Arabic notes; after a deliberate change, rerun with
    GFMD_UPDATE_FIXTURES=1 and read the diff."""
    with use_language(lang):
        text = to_markdown(compose(dataset, BriefingRequest(
            themes=("diaspora-development",), years=(2007, 2025),
            prepared_on=dt.date(2026, 1, 5))))
    if os.environ.get("GFMD_UPDATE_FIXTURES"):
        GOLDEN[lang].write_text(text, encoding="utf-8")
    assert text == GOLDEN[lang].read_text(encoding="utf-8")


def test_arabic_word_note_reads_right_to_left(dataset: Dataset) -> None:
    with use_language("ar"):
        raw = to_docx(compose(dataset, BriefingRequest(themes=("diaspora-development",))))
    doc = docx.Document(io.BytesIO(raw))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs and all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
                              for p in paragraphs)
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for r in runs)
    assert doc.tables and all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None
                              for t in doc.tables)
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Arial"
    assert "الرسائل الرئيسية" in "\n".join(p.text for p in paragraphs)


def test_english_word_note_stays_left_to_right(dataset: Dataset) -> None:
    raw = to_docx(compose(dataset, BriefingRequest(themes=("diaspora-development",))))
    doc = docx.Document(io.BytesIO(raw))
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None
               for p in doc.paragraphs)


def test_the_command_line_writes_a_french_note(tmp_path: Path) -> None:
    out = tmp_path / "note.md"
    result = run_cli("briefing", "--theme", "diaspora-development", "--lang", "fr", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "## Messages clés" in out.read_text(encoding="utf-8")


def test_deferred_work_carries_the_language_it_was_made_in(dataset: Dataset) -> None:
    """A thread starts with no language: what is handed to one (a download built on the
    click, a button's callback) is written in the language of the page that made it."""
    with use_language("fr"):
        heading = message("briefing.section.key-messages")
        note = compose(dataset, BriefingRequest(themes=("diaspora-development",)))
        later = in_language(lambda: message("briefing.section.key-messages"))
    out: dict[str, object] = {}

    def work() -> None:
        out["text"], out["docx"], out["md"] = later(), to_docx(note), to_markdown(note)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert out["text"] == heading != EN["briefing.section.key-messages"]
    assert heading in [p.text for p in docx.Document(io.BytesIO(out["docx"])).paragraphs]
    assert f"## {heading}\n" in out["md"]
