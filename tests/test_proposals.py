"""Proposals: each kind is stored, shown as a diff, accepted into a record that still
validates (comments kept), logged; bad input is refused in plain words with nothing
stored; a decision is taken once, and an accept re-checks the record as it is now."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries
from gfmd.changes.history import current_version
from gfmd.changes.proposals import ProposalError
from gfmd.record.vocab import ProposalStatus
from gfmd.store.loader import load_dataset
from tests.proposal_helpers import DRAFTS, SOURCE, Record, make_record

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def rec(tmp_path: Path) -> Record:
    return make_record(tmp_path)


def _accepted(rec: Record) -> list:
    return [e for e in entries(rec.data) if not e.hand_edit]


def _year(rec: Record, year: int):
    ds = load_dataset(rec.data)
    assert ds.problems == ()
    return next(y for y in ds.years if y.country_iso3 == "MAR" and y.year == year)


def test_a_proposal_is_a_ref_in_the_record_and_data_is_untouched(rec: Record) -> None:
    before = {p: p.read_bytes() for p in rec.data.rglob("*") if p.is_file()}
    head = rec.git("rev-parse", "HEAD")
    proposal = proposals.submit(DRAFTS["meeting"], rec.data)
    ref = f"refs/gfmd/proposals/{proposal.id}"
    assert rec.git("for-each-ref", "--format=%(refname)", "refs/gfmd/") == ref
    assert {p: p.read_bytes() for p in rec.data.rglob("*") if p.is_file()} == before
    assert rec.git("rev-parse", "HEAD") == head and rec.git("status", "--porcelain") == ""
    # Review is a diff between commits: the record it was planned on, and the change.
    changed = rec.git("diff", "--name-only", f"{ref}^", ref).splitlines()
    assert changed == ["data/participation/MAR/2010.yaml", "data/reference/sources.yaml"]
    assert rec.git("rev-parse", f"{ref}^") == head
    assert proposals.pending(rec.data) == [proposal]
    assert proposals.get(rec.data, proposal.id) == proposal
    assert proposal.status is ProposalStatus.PENDING


def test_the_diff_shows_the_new_source_and_the_new_meeting(rec: Record) -> None:
    proposal = proposals.submit(DRAFTS["meeting"], rec.data)
    text = proposals.diff(proposal, rec.data)
    assert "+++ data/reference/sources.yaml" in text
    assert "+    url: https://news.example.org/2010/morocco-at-the-gfmd" in text
    assert "+++ data/participation/MAR/2010.yaml" in text
    assert "Workshop on skills" in text


def test_accepting_a_meeting_writes_a_valid_record_and_keeps_comments(rec: Record) -> None:
    year_file = rec.data / "participation/MAR/2010.yaml"
    year_file.write_text("# An editor's comment, kept.\n" + year_file.read_text(), "utf-8")
    rec.git("commit", "--quiet", "-am", "A comment for the next editor")  # a hand edit
    sources_head = (rec.data / "reference/sources.yaml").read_text().splitlines()[0]
    before = current_version(rec.data)
    proposal = proposals.submit(DRAFTS["meeting"], rec.data)
    entry, shared = proposals.accept(proposal.id, "reviewer@example.org", rec.data, now=NOW)
    assert shared  # no remote: nothing waits to be sent
    assert year_file.read_text().startswith("# An editor's comment, kept.\n")
    assert (rec.data / "reference/sources.yaml").read_text().splitlines()[0] == sources_head
    meeting = _year(rec, 2010).thematic_meetings[-1]
    assert (meeting.title, meeting.city, meeting.in_profile) == ("Workshop on skills", "Rabat",
                                                                  False)
    assert meeting.start_date == dt.date(2010, 5, 3)
    source = load_dataset(rec.data).sources[meeting.source]
    assert source.url == SOURCE["source_url"] and source.title == SOURCE["source_title"]
    assert (entry.version_before, entry.version_after) == (before, current_version(rec.data))
    assert entry.date == NOW and entry.reviewer == "reviewer@example.org"
    assert entries(rec.data)[-1] == entry and not entry.hand_edit
    # One commit: authored by the proposer (the public), committed by the reviewer.
    show = rec.git("log", "-1", "--format=%an|%cn|%ce|%s")
    assert show == "Public proposal|reviewer@example.org|reviewer@example.org|" + \
        DRAFTS["meeting"]["summary"]
    trailers = rec.git("log", "-1", "--format=%(trailers:only,unfold)")
    assert f"Proposal: {proposal.id}" in trailers and "Reviewed-by: reviewer@example.org" in \
        trailers and f"Source: {SOURCE['source_url']}" in trailers
    assert proposals.get(rec.data, proposal.id).status is ProposalStatus.ACCEPTED
    assert proposals.pending(rec.data) == []


def test_an_accept_never_takes_an_edit_nobody_committed(rec: Record) -> None:
    year_file = rec.data / "participation/MAR/2010.yaml"
    year_file.write_text(year_file.read_text() + "# half-written\n", "utf-8")
    proposal = proposals.submit(DRAFTS["meeting"], rec.data)
    with pytest.raises(ProposalError, match="commit them first: data/participation/MAR/2010"):
        proposals.accept(proposal.id, "rev", rec.data)
    assert year_file.read_text().endswith("# half-written\n") and _accepted(rec) == []
    assert proposals.get(rec.data, proposal.id).status is ProposalStatus.PENDING


def test_each_kind_lands_where_the_record_keeps_it(rec: Record) -> None:
    for kind in ("delegation", "role", "correction", "participation"):
        p = proposals.submit(DRAFTS[kind], rec.data)
        proposals.accept(p.id, "rev", rec.data)
    y2010 = _year(rec, 2010)
    assert y2010.delegation.head.name == "Test Head"
    assert [m.name for m in y2010.delegation.members] == ["Test Member"]
    role = y2010.roundtable_roles[-1]
    assert (role.rt_code, role.partners.names, role.notes[0].text) == (
        "1.1", ["Mexico"], "Morocco co-chaired roundtable 1.1")
    assert y2010.roundtable_roles[0].title == "Diaspora roundtable, corrected"
    assert y2010.roundtable_roles[0].notes[0].text == (
        "The roundtable's title, as the source gives it")
    y2013 = _year(rec, 2013)
    assert y2013.record_status.value == "recorded" and y2013.attendance.summit.value == "yes"
    assert y2013.contributions.status.value == "unknown"
    # One source for all four: the same address is reused, not added again.
    assert sum(s.url == SOURCE["source_url"] for s in load_dataset(rec.data).sources.values()) == 1
    assert [e.kind.value for e in _accepted(rec)] == [
        "delegation", "role", "correction", "participation"]


def _with(base: str, /, **changes) -> dict:
    draft = copy.deepcopy(DRAFTS[base])
    for key, value in changes.items():
        if key in draft:
            draft[key] = value
        else:
            draft["change"][key] = value
    return draft


BAD = [
    ("a local file", _with("meeting", source_url="file:///etc/passwd"), "source_url"),
    ("no scheme", _with("meeting", source_url="news.example.org/page"), "source_url"),
    ("localhost", _with("meeting", source_url="http://localhost:8501/data"), "source_url"),
    ("a private address", _with("meeting", source_url="http://10.0.0.5/page"), "source_url"),
    ("a file of this project",
     _with("meeting", source_url="https://github.com/x/y/blob/main/data/participation/MAR/2010.yaml"),
     "source_url"),
    ("no summary", _with("meeting", summary="  "), "summary"),
    ("no title for the source", _with("meeting", source_title=""), "source_title"),
    ("an unknown kind", _with("meeting", kind="gossip"), "kind"),
    ("a bad date", _with("meeting", start_date="3 May 2010"), "start_date"),
    ("end before start", _with("meeting", end_date="2010-05-01"), "the end date"),
    ("an unknown role", _with("meeting", role="chair"), "role"),
    ("an unknown field", _with("meeting", venue="Rabat"), "venue"),
    ("an unknown theme", _with("meeting", themes=["no-such-theme"]), "unknown theme"),
    ("a lead role without partners", _with("role", partners=None), "partners"),
    ("a year that is not a summit year", _with("participation", year=2012), "summit year"),
    ("a year already recorded", _with("participation", year=2010), "exists already"),
    ("a meeting in a year not recorded", _with("meeting", year=2013), "participation first"),
    ("a correction of a field that does not exist",
     _with("correction", field="roundtable_roles[9].title"), "has no"),
    ("a correction of the file's year", _with("correction", field="year", value="2011"),
     "cannot be corrected"),
    ("a correction that changes nothing", _with("correction", value="Diaspora roundtable"),
     "already"),
    ("a correction against a value the record no longer holds",
     _with("correction", current="Some older title"), "no longer applies"),
    ("a delegation with nobody", _with("delegation", head=None, members=[]), "members"),
]


@pytest.mark.parametrize(("case", "draft", "expected"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_is_refused_in_plain_words_and_nothing_is_stored(
        rec: Record, case: str, draft: dict, expected: str) -> None:
    with pytest.raises(ProposalError) as caught:
        proposals.submit(draft, rec.data)
    assert any(expected in p for p in caught.value.problems), caught.value.problems
    assert all("Traceback" not in p for p in caught.value.problems)
    assert rec.git("for-each-ref", "refs/gfmd/") == ""


def test_a_decision_is_taken_once(rec: Record) -> None:
    p = proposals.submit(DRAFTS["meeting"], rec.data)
    proposals.accept(p.id, "first", rec.data)
    with pytest.raises(ProposalError, match="accepted already"):
        proposals.accept(p.id, "second", rec.data)
    with pytest.raises(ProposalError, match="accepted already"):
        proposals.reject(p.id, "second", "too late", rec.data)
    assert len(_accepted(rec)) == 1


def test_reject_keeps_the_reason_and_needs_one(rec: Record) -> None:
    p = proposals.submit(DRAFTS["meeting"], rec.data)
    with pytest.raises(ProposalError, match="reason"):
        proposals.reject(p.id, "rev", "   ", rec.data)
    done = proposals.reject(p.id, "rev", "The page does not name Morocco.", rec.data,
                            now=NOW)
    assert (done.status, done.reason, done.reviewed_by, done.reviewed_at) == (
        ProposalStatus.REJECTED, "The page does not name Morocco.", "rev", NOW)
    assert proposals.get(rec.data, p.id) == done
    assert _accepted(rec) == [] and proposals.pending(rec.data) == []


def test_an_accept_rechecks_the_record_as_it_is_now(rec: Record) -> None:
    first = proposals.submit(DRAFTS["correction"], rec.data)
    second = proposals.submit(_with("correction", value="Another title"), rec.data)
    proposals.accept(first.id, "rev", rec.data)
    with pytest.raises(ProposalError, match="no longer applies"):
        proposals.diff(second, rec.data)
    with pytest.raises(ProposalError, match="no longer applies"):
        proposals.accept(second.id, "rev", rec.data)
    assert proposals.get(rec.data, second.id).status is ProposalStatus.PENDING


def test_an_accept_refuses_a_record_broken_since(rec: Record) -> None:
    p = proposals.submit(DRAFTS["meeting"], rec.data)
    broken = rec.data / "participation/MAR/2009.yaml"
    broken.write_text(broken.read_text() + "surprise: field\n", "utf-8")
    with pytest.raises(ProposalError) as caught:
        proposals.accept(p.id, "rev", rec.data)
    assert any("2009.yaml" in x and "surprise" in x for x in caught.value.problems)
    assert _accepted(rec) == []


def test_a_reviewer_is_named_and_ids_are_not_paths(rec: Record) -> None:
    p = proposals.submit(DRAFTS["meeting"], rec.data)
    with pytest.raises(ProposalError, match="reviewer"):
        proposals.accept(p.id, " ", rec.data)
    with pytest.raises(ProposalError, match="not a proposal id"):
        proposals.get(rec.data, "../data/reference/sources")
