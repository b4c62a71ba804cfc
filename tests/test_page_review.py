"""The Review page in AppTest: what a reader, a signed-in non-reviewer and a reviewer see
and can do. AppTest cannot run an OIDC sign-in; it plays the signed-in user through
`AppTest.user` (what the page reads as `st.user`) and the secrets through `AppTest.secrets`.
The real sign-in is tested in Chromium (tests/browser/test_review_flow.py).

Only a reviewer reads the pending proposals (F2.10): anyone else sees how many wait. The
queue's caps, its pages and its diffs worked out once are tests/test_review_queue.py's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import auth
from gfmd.changes import changelog, proposals
from gfmd.record.vocab import ProposalKind, ProposalStatus, label
from gfmd.store.loader import load_dataset
from gfmd.text.markdown import escape as md
from gfmd.text.messages import message, use_language
from tests.apptest_helpers import APP, metrics, texts
from tests.proposal_helpers import init_record
from tests.review_helpers import (
    AUTH,
    MEETING_TITLE,
    READER,
    REVIEWER,
    SOURCE_URL,
    buttons,
    draft,
    review_page,
    signed_in,
)


@pytest.fixture
def record(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data copy in a git repository of its own, what the app reads."""
    init_record(data_copy)
    monkeypatch.setenv("GFMD_DATA_DIR", str(data_copy))
    return data_copy


@pytest.fixture
def submitted(record: Path) -> proposals.Proposal:
    return proposals.submit(draft(), record)


def again(at: AppTest, action: Callable[[], object]) -> AppTest:
    action()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def everything_shown(at: AppTest) -> str:
    """Every text the page shows: headings, Markdown, captions, alerts, code, plain text."""
    parts = [texts(at), *(h.value for h in (*at.title, *at.header, *at.subheader)),
             *(c.value for c in at.code), *(t.value for t in at.text),
             *(a.value for a in (*at.success, *at.warning))]
    return "\n".join(parts)


def assert_no_proposal_text(at: AppTest, proposal: proposals.Proposal) -> None:
    """Nothing the proposer typed is on the page: the queue is for reviewers' eyes."""
    shown = everything_shown(at)
    assert at.header[0].value == "1 proposal waiting for review"
    assert "shown here to signed-in reviewers only" in shown
    for typed in (proposal.summary, proposal.proposer, proposal.source_url,
                  proposal.source_title, MEETING_TITLE):
        assert typed and typed not in shown
    assert not at.code and not at.subheader


def test_without_sign_in_configured_it_says_so_and_shows_no_proposal(
        submitted: proposals.Proposal, caplog: pytest.LogCaptureFixture) -> None:
    auth._log_missing.cache_clear()
    with caplog.at_level(logging.WARNING, logger="components.auth"):
        at = review_page(auth=None)
    assert ("lacks redirect_uri, cookie_secret, client_id, client_secret, "
            "server_metadata_url") in caplog.text
    note = " ".join(i.value for i in at.info)
    assert "Reviewer sign-in is not set up on this server" in note
    # How the server is configured is for its log, not for readers (walk review).
    for setting in ("redirect_uri", "cookie_secret", "[auth]", "secrets.toml", "git log"):
        assert setting not in note
    assert "Accept into the record" not in buttons(at) and not at.text_area
    assert "Sign in as a reviewer" not in buttons(at)
    assert_no_proposal_text(at, submitted)


def test_a_reader_is_offered_sign_in_and_sees_only_the_count(
        submitted: proposals.Proposal) -> None:
    at = review_page()
    assert "Sign in as a reviewer" in buttons(at)
    assert "Accept into the record" not in buttons(at) and not at.text_area
    assert_no_proposal_text(at, submitted)


def test_a_signed_in_non_reviewer_sees_only_the_count(
        submitted: proposals.Proposal) -> None:
    at = review_page(signed_in(READER))
    assert f"Signed in as {READER}, who is not on the reviewers list" in at.warning[0].value
    assert "Accept into the record" not in buttons(at) and not at.text_area
    assert "Sign out" in buttons(at)
    assert_no_proposal_text(at, submitted)
    unverified = review_page({**signed_in(REVIEWER), "email_verified": False})
    assert "does not confirm this e-mail address" in unverified.warning[0].value
    assert "Accept into the record" not in buttons(unverified)
    assert_no_proposal_text(unverified, submitted)


def test_a_reviewer_reads_the_proposal_its_source_and_its_diff(
        submitted: proposals.Proposal) -> None:
    at = review_page(signed_in(REVIEWER))
    assert [h.value for h in at.subheader] == [submitted.summary]
    diff = at.code[0].value
    assert f"+    title: {MEETING_TITLE}" in diff and diff.startswith("---")
    assert SOURCE_URL in [t.value for t in at.text]
    assert "Proposals 1–1 of 1, oldest first (page 1 of 1)." in texts(at)


def test_a_reviewer_accepts_and_the_proposal_leaves_pending(
        record: Path, submitted: proposals.Proposal) -> None:
    data = record
    at = review_page(signed_in(REVIEWER))
    assert f"Signed in as {REVIEWER}, a reviewer" in at.success[0].value
    assert at.header[0].value == "1 proposal waiting for review"
    again(at, at.button(key=f"accept-{submitted.id}").click)
    assert proposals.pending(data) == []
    assert proposals.get(data, submitted.id).status is ProposalStatus.ACCEPTED
    entry = changelog.entries(data)[-1]
    assert (entry.proposal_id, entry.reviewer) == (submitted.id, REVIEWER)
    assert any(f"data version {entry.version_after}" in s.value for s in at.success)
    assert at.header[0].value == "0 proposals waiting for review"
    decided = at.dataframe[0].value
    assert decided.iloc[0].tolist()[:5] == [submitted.summary, label(ProposalKind.MEETING),
                                            "2025", label(ProposalStatus.ACCEPTED), REVIEWER]
    meetings = [m.title for y in load_dataset(data).years for m in y.thematic_meetings]
    assert MEETING_TITLE in meetings


def test_the_reviewer_sees_the_accepted_change_on_the_very_next_run(
        submitted: proposals.Proposal) -> None:
    """No waiting: the run right after Accept shows the record with the change."""
    at = review_page(signed_in(REVIEWER))
    at.switch_page("app_pages/overview.py").run()
    before = int(metrics(at)["Thematic meetings"])
    at.switch_page("app_pages/review.py").run()
    again(at, at.button(key=f"accept-{submitted.id}").click)
    at.switch_page("app_pages/overview.py").run()
    assert int(metrics(at)["Thematic meetings"]) == before + 1


def test_the_outcome_of_a_click_is_said_in_the_page_language(
        submitted: proposals.Proposal) -> None:
    """A button's callback runs before the page sets its language: it carries its own."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["review"] = {"reviewers": [REVIEWER]}
    at.user = signed_in(REVIEWER)
    at.query_params["lang"] = "ar"
    at.run()
    at.switch_page("app_pages/review.py").run()
    again(at, at.button(key=f"accept-{submitted.id}").click)
    with use_language("ar"):
        accepted = message("review.accepted").split("{")[0]
    assert accepted and accepted in at.success[-1].value


def test_a_rejection_needs_a_reason_and_keeps_what_was_typed(
        record: Path, submitted: proposals.Proposal) -> None:
    data = record
    at = review_page(signed_in(REVIEWER))
    again(at, at.button(key=f"FormSubmitter:reject-{submitted.id}-Reject").click)
    assert "Write a reason before rejecting" in at.error[0].value
    assert proposals.get(data, submitted.id).status is ProposalStatus.PENDING
    reason = "The page cited does not give the date of the workshop."
    at.text_area(key=f"reason-{submitted.id}").input(reason)
    again(at, at.button(key=f"FormSubmitter:reject-{submitted.id}-Reject").click)
    stored = proposals.get(data, submitted.id)
    assert (stored.status, stored.reason, stored.reviewed_by) == (
        ProposalStatus.REJECTED, reason, REVIEWER)
    assert reason in at.dataframe[0].value["reason"].tolist()


def test_a_proposal_decided_meanwhile_is_said_in_words(
        record: Path, submitted: proposals.Proposal) -> None:
    data = record
    second = proposals.submit(draft(summary="A second workshop", title="Second (test)"), data)
    accepting, rejecting = review_page(signed_in(REVIEWER)), review_page(signed_in(REVIEWER))
    # Another reviewer decides both while these pages are open.
    proposals.accept(submitted.id, "other.reviewer@ministry.example", data)
    proposals.reject(second.id, "other.reviewer@ministry.example", "Duplicate", data)

    again(accepting, accepting.button(key=f"accept-{submitted.id}").click)
    assert "Nothing was changed" in accepting.error[0].value
    assert "accepted already (by other.reviewer@ministry.example" in accepting.error[0].value
    assert len(changelog.entries(data)) == 2  # the first commit, and the one accept

    reason = "Not what the source says"
    rejecting.text_area(key=f"reason-{second.id}").input(reason)
    again(rejecting, rejecting.button(key=f"FormSubmitter:reject-{second.id}-Reject").click)
    assert "rejected already" in rejecting.error[0].value
    assert f"The reason you typed, to use again: “{reason}”" in rejecting.error[0].value
    assert proposals.get(data, second.id).reason == "Duplicate"


def test_proposer_text_is_shown_as_text(record: Path) -> None:
    data = record
    hostile = "**Bold** <img src=x onerror=alert(1)> [link](javascript:alert(1))"
    proposals.submit(draft(summary=hostile), data)
    at = review_page(signed_in(REVIEWER))
    assert at.subheader[0].value == md(hostile)  # escaped: no emphasis, link or tag


def test_the_click_is_checked_against_who_reviews_now(
        record: Path, submitted: proposals.Proposal) -> None:
    """A reviewer taken off the list while the page is open: the Accept drawn before is
    refused, nothing changes."""
    data = record
    at = review_page(signed_in(REVIEWER))
    at.secrets["review"] = {"reviewers": ["someone.else@ministry.example"]}
    again(at, at.button(key=f"accept-{submitted.id}").click)
    assert "Only a signed-in reviewer can accept or reject proposals" in at.error[0].value
    assert [p.id for p in proposals.pending(data)] == [submitted.id]
    assert len(changelog.entries(data)) == 1  # the record's first commit only
