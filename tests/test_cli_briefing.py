"""`python -m gfmd briefing`: the same briefing as the page, and plain errors with exit codes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx

from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.changes.history import current_version
from gfmd.record.dataset import Dataset
from tests.cli_helpers import CliResult, run_cli


def gfmd(*args: str | Path) -> CliResult:
    return run_cli("briefing", *args)


def test_markdown_is_the_briefing_the_page_writes(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    run = gfmd("--theme", "labour-mobility", "--years", "2010-2018", "--meeting",
               "Workshop", "--meeting-date", "2026-03-10", "-o", out)
    assert run.returncode == 0, run.stderr
    expected_b = compose(dataset, BriefingRequest(
        themes=("labour-mobility",), years=(2010, 2018), meeting="Workshop",
        meeting_date=dt.date(2026, 3, 10), version=current_version(dataset.data_dir),
    ))
    assert run.text == f"Wrote {out} (md): {len(expected_b.sources)} sources cited.\n"
    expected = to_markdown(compose(dataset, BriefingRequest(
        themes=("labour-mobility",), years=(2010, 2018), meeting="Workshop",
        meeting_date=dt.date(2026, 3, 10), version=current_version(dataset.data_dir),
    )))
    assert out.read_text(encoding="utf-8") == expected


def test_word_file_from_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    run = gfmd("--theme", "Labour mobility and skills", "--theme", "gender", "-o", out)
    assert run.returncode == 0, run.stderr
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    assert "Themes: Labour mobility and skills, Women migrants and gender" in [
        p.text for p in doc.paragraphs]


def test_format_option_beats_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "brief.txt"
    run = gfmd("--theme", "gender", "--format", "md", "--section", "record", "-o", out)
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Briefing note")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Key messages", "## Roles and meetings on these themes", "## Sources"]


def test_short_note_and_heading_block_options(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    run = gfmd("--theme", "diaspora-development", "--short", "--meeting", "Diaspora forum",
               "--meeting-date", "2026-03-10", "--prepared-by", "Directorate A",
               "--classification", "For internal use", "-o", out)
    assert run.returncode == 0, run.stderr
    expected = to_markdown(compose(dataset, BriefingRequest(
        themes=("diaspora-development",), meeting="Diaspora forum",
        meeting_date=dt.date(2026, 3, 10), prepared_by="Directorate A",
        classification="For internal use", short=True,
        version=current_version(dataset.data_dir))))
    text = out.read_text(encoding="utf-8")
    assert text == expected
    assert "- **Prepared by:** Directorate A\n" in text
    assert "- **Classification:** For internal use\n" in text
    assert "- **Date of the meeting:** 10 March 2026\n" in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Key messages", "## Counterparts on these themes",
        "## The most relevant roles and meetings", "## Sources"]


def test_contributions_table_only_when_asked(tmp_path: Path) -> None:
    plain_note, asked = tmp_path / "a.md", tmp_path / "b.md"
    assert gfmd("--theme", "diaspora-development", "-o", plain_note).returncode == 0
    assert gfmd("--theme", "diaspora-development", "--section", "contributions",
                "-o", asked).returncode == 0
    assert "## Contributions, year by year" not in plain_note.read_text(encoding="utf-8")
    assert "## Contributions, year by year" in asked.read_text(encoding="utf-8")


def test_unknown_theme_lists_the_valid_themes(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    run = gfmd("--theme", "labour mobilty", "-o", out)
    assert run.returncode == 1
    assert run.stderr.startswith("error: 'labour mobilty' is not a known theme. Nearest themes: "
                                 "labour-mobility (Labour mobility and skills).\nValid themes:\n")
    for tid, theme in dataset.themes.items():
        assert f"  {tid:<22} {theme.label}\n" in run.stderr
    assert not out.exists()


def test_no_matching_record_exits_1_with_nearest_themes(tmp_path: Path) -> None:
    run = gfmd("--theme", "gender", "--years", "2010-2012", "-o", tmp_path / "b.md")
    assert run.returncode == 1
    assert "nothing to brief on" in run.stderr and "Nearest themes: " in run.stderr
    assert not (tmp_path / "b.md").exists()


def test_bad_usage_exits_2_without_traceback(tmp_path: Path) -> None:
    for args in (["-o", tmp_path / "b.md"],
                 ["--theme", "gender", "-o", tmp_path / "b.pdf"],
                 ["--theme", "gender", "--years", "2018-2010", "-o", tmp_path / "b.md"],
                 ["--theme", "gender", "--meeting-date", "10/03/2026", "-o", tmp_path / "b.md"],
                 ["--theme", "gender", "--section", "everything", "-o", tmp_path / "b.md"]):
        run = gfmd(*args)
        assert run.returncode == 2, (args, run.stderr)
        assert "Traceback" not in run.stderr
    assert "cannot tell the format of" in gfmd("--theme", "gender", "-o", "b.pdf").stderr


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    run = gfmd("--theme", "gender", "-o", tmp_path / "missing" / "b.md")
    assert run.returncode == 1
    assert run.stderr.startswith("error: FileNotFoundError") and "Traceback" not in run.stderr
