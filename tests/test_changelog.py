"""The record's history in git: accepts and hand edits in order, filters, every version
read straight from git exactly as it was, a version outside the record's history refused,
and several processes accepting at once losing nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries, replaced_at, select
from gfmd.changes.history import commit_of, current_version, tree
from gfmd.cli import main
from gfmd.record.vocab import ProposalKind
from gfmd.store.loader import load_dataset
from tests.conftest import ROOT
from tests.proposal_helpers import DRAFTS, EDITOR, Record, make_record


@pytest.fixture
def rec(tmp_path: Path) -> Record:
    return make_record(tmp_path)


def _accept(rec: Record, kind: str, day: int) -> None:
    p = proposals.submit(DRAFTS[kind], rec.data)
    proposals.accept(p.id, f"rev-{kind}", rec.data,
                     now=dt.datetime(2026, 1, day, 12, tzinfo=dt.UTC))


def _at(rec: Record, version: str):
    commit = commit_of(rec.data, version)
    assert commit is not None, version
    return load_dataset(tree(rec.data, commit))


def test_every_version_is_read_from_git_as_it_was(rec: Record) -> None:
    v0 = current_version(rec.data)
    for day, kind in enumerate(("meeting", "delegation", "participation"), start=1):
        _accept(rec, kind, day)
    log = entries(rec.data)
    assert [e.number for e in log] == [1, 2, 3, 4]
    assert log[0].hand_edit and log[0].version_after == v0 and log[0].version_before is None
    assert [e.version_before for e in log[1:]] == [v0, log[1].version_after,
                                                   log[2].version_after]
    assert log[-1].version_after == current_version(rec.data)
    first = _at(rec, v0)
    assert first.problems == ()
    assert {y.year for y in first.years if y.record_status.value == "recorded"} == {2009, 2010,
                                                                                    2011}
    assert "Workshop on skills" not in {m.title for y in first.years
                                        for m in y.thematic_meetings}
    assert "Workshop on skills" in {m.title for y in _at(rec, log[1].version_after).years
                                    for m in y.thematic_meetings}
    assert replaced_at(log, v0) == log[1].date and replaced_at(log, log[-1].version_after) is None


def test_a_hand_edit_is_a_change_like_any_other(rec: Record) -> None:
    _accept(rec, "meeting", 1)
    path = rec.data / "participation/MAR/2009.yaml"
    path.write_text(path.read_text().replace("Morocco", "Morocco", 1) + "# checked\n")
    assert len(current_version(rec.data)) == 12  # not committed: a hash of the files
    rec.git("commit", "--quiet", "-am", "2009: a comment after checking the source\n\nBy phone.")
    log = entries(rec.data)
    edit = log[-1]
    assert edit.hand_edit and edit.proposer is None and edit.reviewer is None
    assert (edit.author, edit.summary, edit.message) == (
        EDITOR[0], "2009: a comment after checking the source", "By phone.")
    assert edit.files == ["participation/MAR/2009.yaml"]
    assert edit.version_after == current_version(rec.data) == rec.git("rev-parse",
                                                                      "--short=12", "HEAD")
    # Every earlier version can still be cited, across the hand edit.
    assert _at(rec, log[1].version_after).problems == ()
    assert _at(rec, edit.version_before) is not None
    out = main(["changelog", "--data", str(rec.data)])
    assert out == 0


def test_a_change_to_the_data_folders_readme_is_no_new_version(rec: Record) -> None:
    before = current_version(rec.data)
    readme = rec.data / "README.md"
    readme.write_text(readme.read_text() + "\nOne more line for editors.\n")
    rec.git("commit", "--quiet", "-am", "README only")
    assert current_version(rec.data) == before
    assert [e.summary for e in entries(rec.data)] == ["The record as the editors wrote it"]


def test_versions_outside_the_records_history_are_refused(rec: Record) -> None:
    p = proposals.submit(DRAFTS["meeting"], rec.data)
    proposal_commit = rec.git("rev-parse", f"refs/gfmd/proposals/{p.id}")
    assert commit_of(rec.data, proposal_commit[:12]) is None  # unreviewed: not the record
    assert commit_of(rec.data, "0123456789ab") is None
    assert commit_of(rec.data, "../../etc") is None
    assert commit_of(rec.data, "HEAD") is None  # a version is a commit id, nothing else


def test_select_filters_by_kind_year_and_date(rec: Record) -> None:
    for day, kind in enumerate(("meeting", "delegation", "participation"), start=1):
        _accept(rec, kind, day)
    log = entries(rec.data)
    assert [e.kind for e in select(log, kinds=list(ProposalKind))] == [
        ProposalKind.PARTICIPATION, ProposalKind.DELEGATION, ProposalKind.MEETING]
    assert [e.kind for e in select(log, kinds=[ProposalKind.MEETING])] == [ProposalKind.MEETING]
    assert [e.year for e in select(log, years=(2013, 2013))] == [2013, None]  # and the edit
    assert [e.number for e in select(log, since=dt.date(2026, 1, 2))][:2] == [4, 3]
    assert [e.number for e in select(log, since=dt.date(2026, 1, 1),
                                     until=dt.date(2026, 1, 1))] == [2]


ACCEPT = """
import sys
from pathlib import Path
from gfmd.changes import proposals
try:
    proposals.accept(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
    print("accepted")
except proposals.ProposalError as exc:
    print("refused:", exc)
"""


def _race(rec: Record, jobs: list[tuple[str, str]]) -> list[str]:
    """Start every accept at once, each in its own process, as workers would."""
    procs = [subprocess.Popen([sys.executable, "-c", ACCEPT, pid, who, str(rec.data)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for pid, who in jobs]
    return [p.communicate(timeout=120)[0].strip() for p in procs]


def test_reviewers_accepting_at_once_lose_nothing(rec: Record) -> None:
    ids = [proposals.submit(DRAFTS[k], rec.data).id
           for k in ("meeting", "delegation", "role", "correction")]
    out = _race(rec, [(pid, f"rev{i}") for i, pid in enumerate(ids)])
    assert out == ["accepted"] * 4
    log = entries(rec.data)[1:]
    assert sorted(e.proposal_id for e in log) == sorted(ids)
    # Each change was made on top of the one before: a chain, no write lost.
    assert all(a.version_after == b.version_before for a, b in itertools.pairwise(log))
    assert log[-1].version_after == current_version(rec.data)
    y2010 = next(y for y in load_dataset(rec.data).years
                 if y.country_iso3 == "MAR" and y.year == 2010)
    assert y2010.thematic_meetings[-1].title == "Workshop on skills"
    assert y2010.delegation.head.name == "Test Head"
    assert y2010.roundtable_roles[-1].rt_code == "1.1"
    assert y2010.roundtable_roles[0].title == "Diaspora roundtable, corrected"
    assert rec.git("status", "--porcelain") == ""


def test_the_same_proposal_accepted_twice_at_once_is_accepted_once(rec: Record) -> None:
    pid = proposals.submit(DRAFTS["meeting"], rec.data).id
    out = _race(rec, [(pid, "rev-a"), (pid, "rev-b"), (pid, "rev-c")])
    assert sorted(o.split(":")[0] for o in out) == ["accepted", "refused", "refused"]
    assert len(entries(rec.data)) == 2
    titles = [m.title for y in load_dataset(rec.data).years for m in y.thematic_meetings]
    assert titles.count("Workshop on skills") == 1


def test_a_new_year_file_is_new_in_git_and_absent_before(rec: Record) -> None:
    (rec.data / "participation/MAR/2013.yaml").unlink()
    rec.git("commit", "--quiet", "-am", "2013 taken out to be proposed again")
    v0 = current_version(rec.data)
    _accept(rec, "participation", 1)
    entry = entries(rec.data)[-1]
    assert entry.files == ["participation/MAR/2013.yaml", "reference/sources.yaml"]
    text = (rec.data / "participation/MAR/2013.yaml").read_text()
    assert text.startswith("# Morocco at the GFMD, summit year 2013: Summit 5.\n")
    assert 2013 not in {y.year for y in _at(rec, v0).years}
