"""`python -m gfmd propose` and `changelog`: a proposal from flags or a facts file, its
problems with exit 1 and nothing stored, and the log as text or JSON, filtered by date.
There is no `accept` on the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries
from tests.cli_helpers import CliResult, run_cli
from tests.proposal_helpers import DRAFTS, SOURCE, Record, make_record


@pytest.fixture
def rec(tmp_path: Path) -> Record:
    return make_record(tmp_path)


def propose(rec: Record, *args: str | Path) -> CliResult:
    return run_cli("propose", "--data", rec.data,
                   "--source-url", SOURCE["source_url"], "--source-title",
                   SOURCE["source_title"], *args)


def test_propose_a_meeting_with_flags(rec: Record) -> None:
    run = propose(rec, "--kind", "meeting", "--year", "2010", "--summary", "A workshop",
                  "--set", "role=participated", "--set", "title=Workshop: skills",
                  "--set", "start_date=2010-05-03", "--set", "city=Rabat",
                  "--set", "country=Morocco", "--set", "themes=[labour-mobility, gender]",
                  "--proposer", "Desk officer")
    assert run.returncode == 0, run.text + run.stderr
    (stored,) = proposals.pending(rec.data)
    assert run.text == f"{stored.id}\n"
    assert stored.change == {"role": "participated", "title": "Workshop: skills",
                             "start_date": "2010-05-03", "city": "Rabat",
                             "country": "Morocco", "themes": ["labour-mobility", "gender"]}
    assert (stored.proposer, stored.kind.value, stored.year) == ("Desk officer", "meeting", 2010)


def test_propose_a_delegation_from_a_facts_file(rec: Record, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text("head: {name: Test Head, title: Ambassador}\n"
                     "members:\n  - {name: Test Member}\n", encoding="utf-8")
    run = propose(rec, "--kind", "delegation", "--year", "2010", "--summary", "Who went",
                  "--facts", facts, "--set", "head.title=Test Ambassador")
    assert run.returncode == 0, run.text + run.stderr
    (stored,) = proposals.pending(rec.data)
    assert stored.change["head"] == {"name": "Test Head", "title": "Test Ambassador"}


@pytest.mark.parametrize(("args", "expected"), [
    (("--kind", "meeting", "--year", "2010", "--summary", "x", "--set", "role=chair",
      "--set", "title=T", "--set", "themes=[gender]"), "role: 'chair' is not an allowed value"),
    (("--kind", "participation", "--year", "2012", "--summary", "x", "--set", "summit=yes",
      "--set", "confidence=high", "--set", "evidence=E."), "not a GFMD summit year"),
    (("--kind", "meeting", "--year", "2010", "--summary", "x", "--set", "nonsense"),
     "write FIELD=VALUE"),
])
def test_problems_exit_1_and_store_nothing(rec: Record, args: tuple[str, ...],
                                           expected: str) -> None:
    run = propose(rec, *args)
    assert run.returncode == 1
    assert expected in run.text + run.stderr
    assert "Traceback" not in run.stderr
    assert proposals.all_proposals(rec.data) == []


def test_a_bad_source_address_is_refused(rec: Record) -> None:
    run = run_cli("propose", "--data", rec.data,
                  "--kind", "meeting", "--year", "2010", "--summary", "x",
                  "--source-url", "file:///work/data/participation/MAR/2010.yaml",
                  "--source-title", "T", "--set", "title=T")
    assert run.returncode == 1
    assert "source_url: the address must start with https://" in run.text


def test_there_is_no_accept_command() -> None:
    assert run_cli("accept", "x").returncode == 2


def _accepted(rec: Record) -> None:
    for day, kind in ((1, "meeting"), (20, "delegation")):
        p = proposals.submit(DRAFTS[kind], rec.data)
        proposals.accept(p.id, f"rev-{kind}", rec.data,
                         now=dt.datetime(2026, 2, day, 10, 5, tzinfo=dt.UTC))


def test_changelog_text_newest_first(rec: Record) -> None:
    only = run_cli("changelog", "--data", rec.data).text
    assert "change 1: The record as the editors wrote it\n    hand edit by Record Editor" in only
    _accepted(rec)
    run = run_cli("changelog", "--data", rec.data)
    assert run.returncode == 0
    first, second, edit = run.text.split("\n\n")
    assert first.startswith("2026-02-20 10:05 UTC  change 3: The delegation's head\n"
                            "    delegation, 2010; reviewed by rev-delegation\n")
    assert f"source: {SOURCE['source_title']} <{SOURCE['source_url']}>" in second
    assert "change 1: The record as the editors wrote it" in edit


def test_changelog_since_and_json(rec: Record) -> None:
    _accepted(rec)
    run = run_cli("changelog", "--data", rec.data, "--since", "2026-02-10", "--kind",
                  "delegation", "--format", "json")
    (item,) = json.loads(run.text)
    assert item == entries(rec.data)[2].model_dump(mode="json")
    assert run_cli("changelog", "--data", rec.data, "--since", "2027-01-01").text == (
        "No changes since 2027-01-01.\n")
    # The fixture's latest summit opened on 2013-05-14: both changes are since then.
    run = run_cli("changelog", "--data", rec.data, "--since", "last-forum", "--kind", "meeting")
    assert run.text.startswith("2026-02-01 10:05 UTC  change 2:")
    assert run_cli("changelog", "--since", "soon").returncode == 2
