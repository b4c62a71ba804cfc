"""The bounded proposal queue (security report F2.4, F2.10): a proposal over a list or byte
cap is refused with the field and the limit, the pending caps hold overall and per client,
and the Review page shows a reviewer the queue a page at a time, each diff worked out once
per proposal and record version however many readers and runs ask for it. All on copies
of the fixture record (tests/proposal_helpers.py)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import review as review_component
from components.propose_form import sender_address
from gfmd.changes import edit, proposals
from gfmd.changes.types import LIST_CAPS, MAX_PROPOSAL_BYTES
from gfmd.record.vocab import ProposalKind
from tests.apptest_helpers import APP, texts
from tests.proposal_helpers import DRAFTS, Record, make_record
from tests.review_helpers import REVIEW_PAGE, REVIEWER, review_page, signed_in

PROPOSE = "app_pages/propose.py"


@pytest.fixture
def rec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Record:
    record = make_record(tmp_path)
    monkeypatch.setenv("GFMD_DATA_DIR", str(record.data))
    return record


def meeting(n: int) -> dict[str, Any]:
    """The fixture's meeting draft, told apart by its summary and title."""
    draft = copy.deepcopy(DRAFTS["meeting"])
    draft["summary"] = f"Queued proposal number {n:02d}"
    draft["change"]["title"] = f"Workshop number {n:02d}"
    return draft


def refused(draft: dict[str, Any], data: Path, client: str | None = None) -> list[tuple[str,
                                                                                       str]]:
    with pytest.raises(proposals.ProposalError) as caught:
        proposals.submit(draft, data, client=client)
    assert proposals.all_proposals(data) == []  # nothing kept
    return caught.value.details


# --- the caps on one proposal --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "field", "items"), [
    ("role", "partners.names", lambda n: [f"Government {i}" for i in range(n)]),
    ("delegation", "members", lambda n: [{"name": f"Member {i}"} for i in range(n)]),
    ("meeting", "themes", lambda n: ["labour-mobility"] * n),
])
def test_a_list_over_its_cap_is_refused_with_the_field_and_the_limit(
        rec: Record, kind: str, field: str, items: Any) -> None:
    cap = LIST_CAPS[field]
    draft = copy.deepcopy(DRAFTS[kind])
    where = draft["change"]
    for part in field.split(".")[:-1]:
        where = where.setdefault(part, {"status": "named", "names": []})
    where[field.split(".")[-1]] = items(cap + 1)
    details = refused(draft, rec.data)
    assert details == [(field, f"at most {cap} entries can be sent here; this list has "
                               f"{cap + 1}")]
    where[field.split(".")[-1]] = items(cap)  # at the cap it is taken
    assert proposals.submit(draft, rec.data).id in [p.id for p in proposals.pending(rec.data)]


def test_a_participation_with_too_many_other_lines_is_refused(rec: Record) -> None:
    draft = copy.deepcopy(DRAFTS["participation"])
    draft["change"]["other"] = [f"Attended side event {i}" for i in range(LIST_CAPS["other"] + 5)]
    assert refused(draft, rec.data)[0][0] == "other"


def test_a_proposal_over_the_byte_cap_is_refused_before_anything_else(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    planned: list[object] = []
    monkeypatch.setattr(edit, "plan", lambda *a: planned.append(a))
    draft = copy.deepcopy(DRAFTS["meeting"])
    draft["change"]["as_written"] = "x" * MAX_PROPOSAL_BYTES
    ((field, message),) = refused(draft, rec.data)
    assert field == ""
    assert message.startswith("The proposal is 65 KB long; at most 64 KB can be sent.")
    assert planned == []  # refused before it was planned against the record


def test_the_byte_cap_counts_bytes_not_characters(rec: Record) -> None:
    draft = copy.deepcopy(DRAFTS["meeting"])
    draft["change"]["as_written"] = "م" * (MAX_PROPOSAL_BYTES // 2)  # 2 bytes each in UTF-8
    assert "KB can be sent" in refused(draft, rec.data)[0][1]


# --- the pending caps ---------------------------------------------------------------------


def test_one_client_may_have_so_many_proposals_waiting(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proposals, "MAX_PENDING_PER_CLIENT", 2)
    first = proposals.submit(meeting(1), rec.data, client="client-a")
    proposals.submit(meeting(2), rec.data, client="client-a")
    with pytest.raises(proposals.ProposalError) as caught:
        proposals.submit(meeting(3), rec.data, client="client-a")
    assert caught.value.problems == [
        "You already have 2 proposals waiting for a reviewer, the most one visitor can have "
        "at once. Please send this one again once some of them have been decided; what you "
        "typed is kept."]
    assert len(proposals.pending(rec.data)) == 2
    proposals.submit(meeting(4), rec.data, client="client-b")  # another client is not held
    proposals.submit(meeting(5), rec.data)  # nor the command line, an editor's
    proposals.reject(first.id, REVIEWER, "Not in the source", rec.data)
    proposals.submit(meeting(6), rec.data, client="client-a")  # a decision frees a place
    assert len(proposals.pending(rec.data)) == 4


def test_the_whole_queue_is_capped(rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proposals, "MAX_PENDING", 3)
    for n, client in enumerate(("a", "b", None)):
        proposals.submit(meeting(n), rec.data, client=client)
    with pytest.raises(proposals.ProposalError) as caught:
        proposals.submit(meeting(9), rec.data, client="someone-new")
    assert caught.value.problems[0].startswith("The review queue is full: 3 proposals are "
                                               "waiting for a reviewer")
    assert len(proposals.pending(rec.data)) == 3


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    (None, "", None),  # loopback without nginx (make run): the session counts instead
    (None, "203.0.113.7", "203.0.113.7"),  # nginx on this host
    ("10.0.0.10", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # nginx on the LAN: its entry
    ("8.8.4.4", "198.51.100.1", "8.8.4.4"),  # a public peer's header is not believed
    (None, "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one subscriber's IPv6 block
    (None, "not-an-address", None),
])
def test_who_sends_is_the_address_nginx_saw_when_it_can_be_trusted(
        peer: str | None, forwarded: str, client: str | None) -> None:
    assert sender_address(peer, forwarded) == client


def test_the_form_says_the_queue_is_full_and_keeps_what_was_typed(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proposals, "MAX_PENDING_PER_CLIENT", 1)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PROPOSE).run()

    def send(title: str) -> None:
        at.radio(key="propose.kind").set_value(ProposalKind.MEETING).run()
        at.selectbox(key="propose.meeting.year").set_value(2010).run()
        at.selectbox(key="propose.meeting.role").set_value("participated")
        at.text_input(key="propose.meeting.title").input(title)
        at.multiselect(key="propose.meeting.themes").select("labour-mobility")
        at.text_area(key="propose.summary").input(f"Morocco took part in {title}")
        at.text_input(key="propose.source_url").input("https://news.example.org/workshop")
        at.text_input(key="propose.source_title").input("Workshop report")
        at.button(key="FormSubmitter:propose-form-Send for review").click().run()
        assert not at.exception, [e.value for e in at.exception]

    send("Workshop one")
    (stored,) = proposals.pending(rec.data)
    assert stored.client  # an opaque key: this session, as AppTest has no address
    send("Workshop two")
    assert "You already have 1 proposals waiting for a reviewer" in at.error[0].value
    assert at.text_input(key="propose.meeting.title").value == "Workshop two"
    assert [p.id for p in proposals.pending(rec.data)] == [stored.id]
    # The Review page confirms the proposal this browser sent, and shows no proposal.
    at.switch_page(REVIEW_PAGE).run()
    assert f"Sent from this browser and waiting for review: {stored.id}." in texts(at)
    assert "Morocco took part in Workshop one" not in texts(at) and not at.subheader


# --- the Review page: pages, and each diff once ---------------------------------------------


def reviewer_page() -> AppTest:
    return review_page(signed_in(REVIEWER))


def cards(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader]


def test_a_reviewer_reads_the_queue_a_page_at_a_time_and_nothing_is_lost(rec: Record) -> None:
    total = review_component.PAGE_SIZE + 3
    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # oldest first: one a minute
    sent = [proposals.submit(meeting(n), rec.data, now=start + dt.timedelta(minutes=n)).summary
            for n in range(total)]
    at = reviewer_page()
    assert at.header[0].value == f"{total} proposals waiting for review"
    first = cards(at)
    assert first == sent[:review_component.PAGE_SIZE]
    assert f"Proposals 1–10 of {total}, oldest first (page 1 of 2)." in texts(at)
    assert at.button(key="review-previous").disabled
    at.button(key="review-next").click().run()
    second = cards(at)
    assert second == sent[review_component.PAGE_SIZE:]
    assert f"Proposals 11–{total} of {total}, oldest first (page 2 of 2)." in texts(at)
    assert at.button(key="review-next").disabled and not at.button(key="review-previous").disabled
    assert sorted(first + second) == sorted(sent)  # every proposal on one page, none twice
    # Deciding the last ones on page 2 leaves the reader on the last page there is.
    for p in proposals.pending(rec.data)[review_component.PAGE_SIZE:]:
        at.button(key=f"accept-{p.id}").click().run()
    assert cards(at) == sent[:review_component.PAGE_SIZE]
    assert at.header[0].value == f"{review_component.PAGE_SIZE} proposals waiting for review"
    assert "review-next" not in [b.key for b in at.button]  # one page: no page buttons


def test_each_diff_is_worked_out_once_per_proposal_and_record_version(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    first = proposals.submit(meeting(1), rec.data)
    proposals.submit(meeting(2), rec.data)
    planned: list[str] = []
    plan = edit.plan

    def counting(proposal: proposals.Proposal, *args: Any) -> edit.Edit:
        planned.append(proposal.id)
        return plan(proposal, *args)

    monkeypatch.setattr(edit, "plan", counting)
    one = reviewer_page()
    one.run()  # a second run of the same session
    other = reviewer_page()  # another reviewer's session
    assert sorted(planned) == sorted(p.id for p in proposals.pending(rec.data))
    assert [c.value for c in one.code] == [c.value for c in other.code]
    # Accepting one changes the record: the other's diff is worked out again, once.
    planned.clear()
    one.button(key=f"accept-{first.id}").click().run()
    other.run()
    waiting = [p.id for p in proposals.pending(rec.data)]
    assert planned.count(waiting[0]) == 1


def test_a_rejected_proposal_s_words_stay_with_reviewers(rec: Record) -> None:
    kept = proposals.submit(meeting(1), rec.data)
    spam = proposals.submit({**meeting(2), "summary": "Official statement of the minister"},
                            rec.data)
    proposals.accept(kept.id, REVIEWER, rec.data)
    proposals.reject(spam.id, REVIEWER, "Not what the source says", rec.data)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(REVIEW_PAGE).run()
    decided = at.dataframe[0].value
    assert kept.summary in decided["summary"].tolist()
    assert "Official statement of the minister" not in decided.to_string()
    rejected = decided[decided["outcome"] == "Rejected"].iloc[0]
    assert (rejected["summary"], rejected["reason"], rejected["reviewer"]) == (
        "(rejected: its text is shown to reviewers only)", "Not what the source says",
        REVIEWER)
    assert pd.isna(rejected["source"])  # no link to what was refused
    assert spam.summary in reviewer_page().dataframe[0].value["summary"].tolist()
