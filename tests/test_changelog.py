"""The change log and the record as of a version: entries in order, filters, every logged
version rebuilt exactly, an unknown or unrebuildable version refused, the loader blind to
`changes/`, and two processes accepting at once losing nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries, known_versions, replaced_at, select
from gfmd.changes.history import as_of, current_version
from gfmd.cli import main
from gfmd.record.vocab import ProposalKind
from gfmd.store.loader import load_dataset
from tests.conftest import ROOT
from tests.proposal_helpers import DRAFTS, Record, make_record


@pytest.fixture
def rec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Record:
    monkeypatch.setenv("GFMD_VERSIONS_DIR", str(tmp_path / "versions"))
    return make_record(tmp_path)


def _accept(rec: Record, kind: str, day: int) -> None:
    p = proposals.submit(DRAFTS[kind], rec.proposals, rec.data)
    proposals.accept(p.id, f"rev-{kind}", rec.proposals, rec.data,
                     now=dt.datetime(2026, 1, day, 12, tzinfo=dt.UTC))


def test_every_logged_version_is_rebuilt_exactly(rec: Record) -> None:
    v0 = current_version(rec.data)
    for day, kind in enumerate(("meeting", "delegation", "participation"), start=1):
        _accept(rec, kind, day)
    log = entries(rec.data)
    assert [e.number for e in log] == [1, 2, 3]
    assert [e.version_before for e in log] == [v0, log[0].version_after, log[1].version_after]
    assert as_of(rec.data, log[-1].version_after) == rec.data  # the latest is the record
    for entry in log:
        old = as_of(rec.data, entry.version_before)
        assert old is not None and old != rec.data
        assert current_version(old) == entry.version_before
    first = load_dataset(as_of(rec.data, v0))
    assert {y.year for y in first.years if y.record_status.value == "recorded"} == {2009, 2010,
                                                                                    2011}
    assert "Workshop on skills" not in {m.title for y in first.years
                                        for m in y.thematic_meetings}
    assert known_versions(log) == {v0, *(e.version_after for e in log)}
    assert replaced_at(log, v0) == log[0].date and replaced_at(log, log[-1].version_after) is None


def test_unknown_versions_are_refused(rec: Record) -> None:
    _accept(rec, "meeting", 1)
    assert as_of(rec.data, "0123456789ab") is None
    assert as_of(rec.data, "../../etc") is None
    # A hand edit made since cannot be undone from the log: refuse, never rebuild wrongly.
    v0 = entries(rec.data)[0].version_before
    path = rec.data / "participation/MAR/2009.yaml"
    path.write_text(path.read_text() + "notes: [{text: A hand edit., source: method}]\n")
    assert as_of(rec.data, v0) is None


def test_the_loader_and_the_version_ignore_the_change_log(rec: Record) -> None:
    _accept(rec, "meeting", 1)
    version = current_version(rec.data)
    assert (rec.data / "changes").is_dir()
    (rec.data / "changes" / "stray.yaml").write_text("not: [a record")
    assert load_dataset(rec.data).problems == ()
    assert current_version(rec.data) == version
    assert main(["validate", "--data", str(rec.data)]) == 0


def test_select_filters_by_kind_year_and_date(rec: Record) -> None:
    for day, kind in enumerate(("meeting", "delegation", "participation"), start=1):
        _accept(rec, kind, day)
    log = entries(rec.data)
    assert [e.kind for e in select(log)] == [ProposalKind.PARTICIPATION,
                                            ProposalKind.DELEGATION, ProposalKind.MEETING]
    assert [e.kind for e in select(log, kinds=[ProposalKind.MEETING])] == [ProposalKind.MEETING]
    assert [e.year for e in select(log, years=(2013, 2013))] == [2013]
    assert [e.number for e in select(log, since=dt.date(2026, 1, 2))] == [3, 2]
    assert [e.number for e in select(log, until=dt.date(2026, 1, 1))] == [1]


ACCEPT = """
import sys
from pathlib import Path
from gfmd.changes import proposals
try:
    proposals.accept(sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    print("accepted")
except proposals.ProposalError as exc:
    print("refused:", exc)
"""


def _race(rec: Record, jobs: list[tuple[str, str]]) -> list[str]:
    """Start every accept at once, each in its own process, as workers would."""
    procs = [subprocess.Popen([sys.executable, "-c", ACCEPT, pid, who, str(rec.proposals),
                               str(rec.data)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for pid, who in jobs]
    return [p.communicate(timeout=120)[0].strip() for p in procs]


def test_reviewers_accepting_at_once_lose_nothing(rec: Record) -> None:
    ids = [proposals.submit(DRAFTS[k], rec.proposals, rec.data).id
           for k in ("meeting", "delegation", "role", "correction")]
    out = _race(rec, [(pid, f"rev{i}") for i, pid in enumerate(ids)])
    assert out == ["accepted"] * 4
    log = entries(rec.data)
    assert [e.number for e in log] == [1, 2, 3, 4]
    # Each change was made on top of the one before: a chain, no write lost.
    assert all(a.version_after == b.version_before for a, b in itertools.pairwise(log))
    assert log[-1].version_after == current_version(rec.data)
    y2010 = next(y for y in load_dataset(rec.data).years
                 if y.country_iso3 == "MAR" and y.year == 2010)
    assert y2010.thematic_meetings[-1].title == "Workshop on skills"
    assert y2010.delegation.head.name == "Test Head"
    assert y2010.roundtable_roles[-1].rt_code == "1.1"
    assert y2010.roundtable_roles[0].title == "Diaspora roundtable, corrected"


def test_the_same_proposal_accepted_twice_at_once_is_accepted_once(rec: Record) -> None:
    pid = proposals.submit(DRAFTS["meeting"], rec.proposals, rec.data).id
    out = _race(rec, [(pid, "rev-a"), (pid, "rev-b"), (pid, "rev-c")])
    assert sorted(o.split(":")[0] for o in out) == ["accepted", "refused", "refused"]
    assert len(entries(rec.data)) == 1
    titles = [m.title for y in load_dataset(rec.data).years for m in y.thematic_meetings]
    assert titles.count("Workshop on skills") == 1


def test_a_new_year_file_is_undone_by_removing_it(rec: Record) -> None:
    (rec.data / "participation/MAR/2013.yaml").unlink()
    v0 = current_version(rec.data)
    _accept(rec, "participation", 1)
    (entry,) = entries(rec.data)
    assert entry.new_files == ["participation/MAR/2013.yaml"]
    text = (rec.data / "participation/MAR/2013.yaml").read_text()
    assert text.startswith("# Morocco at the GFMD, summit year 2013: Summit 5.\n")
    old = as_of(rec.data, v0)
    assert old is not None and not (old / "participation/MAR/2013.yaml").exists()
    assert current_version(old) == v0
