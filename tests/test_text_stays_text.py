"""Text that stays text (security report F2.5–F2.7): an address in data text is never made
a link, on a page, in a Markdown or Word note or in a workbook; controls, direction
overrides and invisible characters are refused in every text a proposal or a data file
holds, with the field named, while Arabic text keeps its joiners and marks; and no output
carries a raw control character.

Pages: what Streamlit's Markdown makes a link of is checked here with remark-gfm's own
rules (tests/markdown_check.py) and in Chromium by tests/browser/test_no_autolink.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from gfmd.briefing import Briefing, BriefingRequest, compose, to_docx, to_markdown
from gfmd.changes import proposals
from gfmd.changes.proposals import ProposalError
from gfmd.record.dataset import Dataset
from gfmd.record.types import marked
from gfmd.store.loader import load_dataset
from gfmd.store.scope import load_scoped
from gfmd.tables.build import build_all
from gfmd.tables.exports import safe_csv_bytes
from gfmd.tables.spreadsheet import xlsx_bytes
from gfmd.text.markdown import NO_LINK, escape, link
from tests.apptest_helpers import run_page
from tests.cli_helpers import run_cli
from tests.markdown_check import autolinks, renders_literally
from tests.proposal_helpers import DRAFTS, Record, fill_meeting_form, make_record

EVIL = "Official page https://evil.example/phish www.evil.example"
ADDRESSES = [
    EVIL,
    "HTTP://EVIL.EXAMPLE and WWW.EVIL.EXAMPLE",
    "ftp://evil.example/file http://evil.example",
    "(see https://evil.example)",
    "**https://evil.example**",
]
# The 2012 roundtable the diaspora briefing shows (data/participation/MAR/2012.yaml).
ROUNDTABLE_2012 = "title: Supporting migrants and diaspora as agents of socioeconomic change"


# ------------------------------------------------------------- F2.5: no autolink


@pytest.mark.parametrize("text", ADDRESSES)
def test_the_escaper_leaves_no_address_a_gfm_renderer_would_link(text: str) -> None:
    assert autolinks(text)  # the case is real: unescaped, it would be a link
    assert autolinks(escape(text)) == []
    assert renders_literally(escape(text), text)  # it reads the same, joiners aside


def test_the_joiner_goes_only_where_an_autolink_would_start() -> None:
    plain = "10:30, AT&T, a @ b, www-site, desk@ministry.example"
    assert escape(plain) == plain
    assert escape("https://x.org").count(NO_LINK) == 1
    assert link("https://gfmd.org/a", "https://gfmd.org/a") == \
        "[https\\://gfmd.org/a](https://gfmd.org/a)"  # no autolink inside a link's label
    assert autolinks(link("www.evil.example", "https://gfmd.org/")) == []


@pytest.fixture
def evil_data(data_copy: Path, edit: Callable[[str, str, str], Path]) -> Path:
    """The bundled record with the 2012 roundtable titled with addresses."""
    edit("participation/MAR/2012.yaml", ROUNDTABLE_2012, f'title: "{EVIL}"')
    return data_copy


def _diaspora_note(data: Path) -> Briefing:
    ds = load_scoped(data, "MAR")
    assert not ds.problems
    return compose(ds, BriefingRequest(themes=("diaspora-development",), years=(2007, 2025),
                                       prepared_on=dt.date(2026, 1, 5), version="abc123"))


def test_the_markdown_note_links_only_its_sources(evil_data: Path) -> None:
    note = to_markdown(_diaspora_note(evil_data))
    assert "evil.example/phish" in note
    assert autolinks(note) == []
    written = re.findall(r"\]\((https?://[^)]+)\)|<(https?://[^>]+)>", note)
    assert written and not [u for pair in written for u in pair if "evil" in u]


def test_the_word_note_links_only_its_sources(evil_data: Path) -> None:
    """python-docx writes no link it is not told to; Word and LibreOffice recognise an
    address only as one types (AutoCorrect), never when a file opens: the file is it."""
    briefing = _diaspora_note(evil_data)
    with zipfile.ZipFile(io.BytesIO(to_docx(briefing))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "evil.example/phish" in body
    targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)
    assert sorted(set(targets)) == sorted({s.url for s in briefing.sources if s.url})
    assert "evil" not in rels
    assert "HYPERLINK" not in body  # no field code makes a link either
    for link_xml in re.findall(r"<w:hyperlink\b.*?</w:hyperlink>", body, re.DOTALL):
        assert "evil" not in link_xml


def test_the_workbook_links_only_its_sources(evil_data: Path) -> None:
    ds = load_scoped(evil_data, "MAR")
    roles = build_all(ds)["roundtables"]
    book = load_workbook(io.BytesIO(xlsx_bytes(roles, ds)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any("evil.example/phish" in str(c.value) for c in cells)
    linked = [c for c in cells if c.hyperlink is not None]
    assert linked and all(c.parent.title == book.worksheets[1].title for c in linked)
    assert {c.hyperlink.target for c in linked} <= {s.url for s in ds.sources.values()}


# ------------------------------------------------ F2.6, F2.7: unseen characters refused

REFUSED = [
    ("NUL", "Work shop \x00"), ("ESC", "Workshop \x1b[31mred"), ("BEL", "Workshop\x07"),
    ("TAB", "Work\tshop"), ("CR", "Workshop\rx"), ("LF", "Work\nshop"), ("C1 NEL", "W\x85x"),
    ("RLO", "Workshop \u202e2202 yraunaJ\u202c"), ("LRE", "\u202aWorkshop"),
    ("RLI", "Workshop \u2067x\u2069"), ("ZWSP", "Work\u200bshop"),
    ("word joiner", "Work\u2060shop"), ("BOM", "\ufeffWorkshop"),
    ("line separator", "Work\u2028shop"), ("tag", "Workshop\U000e0041"),
]
# Arabic as the record writes it, with tashkeel, and the marks mixed Arabic/Latin text
# needs: ZWNJ/ZWJ (U+200C/D) and LRM/RLM and the Arabic letter mark (U+200E/F, U+061C).
ARABIC = [
    "سفيرة المغرب لدى كولومبيا والإكوادور",
    "رئيس قسم، قطاع المغاربة المقيمين بالخارج",
    "المَغْرِبُ يُشارِكُ فِي المُنْتَدَى العالَمِيِّ لِلهِجْرَةِ وَالتَّنْمِيَةِ",
    "ورشة GFMD\u200f (2018) في الرباط",
    "\u200eGFMD 2018\u200e ورشة",
    "ورشة\u200c عمل\u200d",
    "المؤتمر \u061c(مراكش)",
]


@pytest.fixture
def rec(tmp_path: Path) -> Record:
    return make_record(tmp_path)


def _meeting(**change: object) -> dict[str, object]:
    draft = {**DRAFTS["meeting"]}
    draft["change"] = {**draft["change"], **change}  # type: ignore[dict-item]
    return draft


@pytest.mark.parametrize(("what", "text"), REFUSED, ids=[w for w, _ in REFUSED])
def test_a_proposal_with_an_unseen_character_is_refused_naming_the_field(
        rec: Record, what: str, text: str) -> None:
    with pytest.raises(ProposalError) as refused:
        proposals.submit(_meeting(title=text), rec.data)
    fields = {field for field, _ in refused.value.details}
    assert fields == {"title"}, refused.value.details
    message = refused.value.details[0][1]
    assert re.search(r"U\+[0-9A-F]{4}", message) and "type the text without it" in message
    assert proposals.all_proposals(rec.data) == []


@pytest.mark.parametrize("field", ["summary", "source_title", "proposer"])
def test_the_proposal_s_own_text_is_checked_too(rec: Record, field: str) -> None:
    draft = {**DRAFTS["meeting"], field: "Morocco \u202egnp.exe\u202c took part"}
    with pytest.raises(ProposalError) as refused:
        proposals.submit(draft, rec.data)
    assert [f for f, _ in refused.value.details] == [field]
    assert "direction control (U+202E RIGHT-TO-LEFT OVERRIDE)" in refused.value.problems[0]


def test_a_partner_name_is_named_by_its_place_in_the_list(rec: Record) -> None:
    draft = {**DRAFTS["role"]}
    draft["change"] = {**draft["change"], "partners": {"status": "named",
                                                       "names": ["Mexico", "Spa\x1bin"]}}
    with pytest.raises(ProposalError) as refused:
        proposals.submit(draft, rec.data)
    assert [f for f, _ in refused.value.details] == ["partners.names[1]"]


@pytest.mark.parametrize("text", ARABIC)
def test_arabic_text_with_its_marks_is_accepted(rec: Record, text: str) -> None:
    stored = proposals.submit(_meeting(title=text, city=text), rec.data)
    assert stored.change["title"] == text and stored.change["city"] == text


def test_the_form_names_the_field_and_keeps_what_was_typed(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Workshop \u202e2202 yraunaJ\u202c"
    at = run_page("app_pages/propose.py", data_dir=rec.data, monkeypatch=monkeypatch)
    fill_meeting_form(at, year=2010, title=title, themes=["labour-mobility"],
                      summary="Morocco took part in a workshop",
                      source_url="https://news.example.org/workshop",
                      source_title="Workshop report", submit="Send for review",
                      start_date="2010-05-03", city="Rabat")
    assert not at.exception, [e.value for e in at.exception]
    (error,) = at.error
    assert ("**Title**: contains a direction control (U+202E RIGHT-TO-LEFT OVERRIDE) at "
            "character 10") in error.value
    assert "\u202e" not in error.value
    assert at.text_input(key="propose.meeting.title").value == title
    assert proposals.all_proposals(rec.data) == []


def test_the_command_line_refuses_it_and_prints_no_control(rec: Record) -> None:
    done = run_cli("propose", "--data", rec.data, "--kind", "meeting", "--year", "2010",
                   "--summary", "Morocco took part",
                   "--source-url", str(DRAFTS["meeting"]["source_url"]),
                   "--source-title", "A report", "--set", "role=participated",
                   "--set", "title=Work\x1b]0;pwned\x07shop", "--set", "start_date=2010-05-03",
                   "--set", "city=Rabat", "--set", "country=Morocco",
                   "--set", "themes=[labour-mobility]")
    assert done.returncode == 1
    assert "title: contains a control character (U+001B)" in done.text
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", done.stdout)
    assert proposals.all_proposals(rec.data) == []


def test_validate_names_the_file_line_and_field(data_copy: Path,
                                                edit: Callable[[str, str, str], Path]) -> None:
    edit("participation/MAR/2012.yaml", ROUNDTABLE_2012,
         'title: "Supporting migrants\\e[31m and \\u202ediaspora\\a"')
    line = next(i for i, text in enumerate(
        (data_copy / "participation/MAR/2012.yaml").read_text("utf-8").splitlines(), start=1)
        if "Supporting migrants" in text)
    done = run_cli("validate", "--data", data_copy)
    assert done.returncode == 1
    assert re.search(rf"participation/MAR/2012\.yaml:{line}: roundtable_roles\[\d+\]\.title: "
                     r"contains a control character \(U\+001B\)", done.text), done.text
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", done.stdout)
    assert "\u202e" not in done.text


def test_no_csv_or_workbook_cell_carries_a_raw_control(dataset: Dataset) -> None:
    """The record refuses them, but a table may be built from text that never passed the
    models (a hand edit read some other way): the CSV the command line prints and the
    workbook mark each (U+FFFD), and drop direction controls."""
    df = pd.DataFrame({"title": ["Work\x00shop \x1b[31mred\x07", "x\x9by",
                                 "Workshop \u202e2202 yraunaJ\u202c", "tab\tand\nline"]})
    text = safe_csv_bytes(df).decode("utf-8-sig")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "Work\ufffdshop \ufffd[31mred\ufffd" in text and "tab\tand\nline" in text
    sheet = load_workbook(io.BytesIO(xlsx_bytes(df, dataset))).worksheets[0]
    assert [c.value for c in sheet["A"][1:]] == [
        "Work\ufffdshop \ufffd[31mred\ufffd", "x\ufffdy", "Workshop 2202 yraunaJ",
        "tab\tand\nline"]


def test_marked_keeps_arabic_marks_and_layout() -> None:
    for text in ARABIC:
        assert marked(text) == text


def test_hand_edited_controls_never_reach_the_command_line_s_csv(
        data_copy: Path, edit: Callable[[str, str, str], Path]) -> None:
    edit("participation/MAR/2012.yaml", ROUNDTABLE_2012, 'title: "Work\\0shop \\e[31mred\\a"')
    assert load_dataset(data_copy).problems
    done = run_cli("export", "roundtables", "--data", data_copy)
    assert done.returncode == 0
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", done.stdout)


def test_the_change_log_prints_no_control_from_a_hand_edit_s_message(rec: Record) -> None:
    path = rec.data / "participation/MAR/2010.yaml"
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    rec.git("commit", "-q", "-am", "Fix a typo\x1b]0;pwned\x07\n\nBy \x1b[2Jhand")
    done = run_cli("changelog", "--data", rec.data)
    assert done.returncode == 0 and "Fix a typo\ufffd]0;pwned\ufffd" in done.text
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", done.stdout)
