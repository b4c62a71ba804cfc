"""Who may decide on a proposal (gfmd/changes/reviewers.py), in plain Python: the rule the Review
page shows and the check the accept and reject paths make again."""

from __future__ import annotations

from pathlib import Path

import pytest

from gfmd.changes import changelog, proposals
from gfmd.changes.reviewers import NotAReviewer, ReviewerPolicy, accept_as, reject_as
from tests.proposal_helpers import init_record
from tests.review_helpers import READER, REVIEWER, draft, signed_in

POLICY = ReviewerPolicy.from_config({"reviewers": [" Reviewer@Ministry.Example ", "not-an-email"]})


def user(email: str = REVIEWER, **claims: object) -> dict[str, object]:
    return signed_in(email, **claims)


def test_the_list_is_read_case_blind_and_keeps_only_addresses() -> None:
    assert POLICY.reviewers == frozenset({REVIEWER})
    assert ReviewerPolicy.from_config({"reviewers": REVIEWER}).reviewers == {REVIEWER}
    assert not ReviewerPolicy.from_config(None).configured


def test_a_listed_verified_signed_in_user_is_a_reviewer() -> None:
    assert POLICY.is_reviewer(user())
    assert POLICY.is_reviewer(user("REVIEWER@ministry.example"))
    assert POLICY.require(user()) == REVIEWER


@pytest.mark.parametrize("who", [
    pytest.param({}, id="nobody signed in"),
    pytest.param({"email": REVIEWER}, id="AppTest default: an e-mail, not signed in"),
    pytest.param(user(is_logged_in=False), id="signed out"),
    pytest.param(user(READER), id="not on the list"),
    pytest.param(user(email_verified=False), id="e-mail not verified"),
    pytest.param(user(email_verified="true"), id="verified as text, not true"),
    pytest.param({k: v for k, v in user().items() if k != "email_verified"},
                 id="no verification claim"),
    pytest.param(user(email=None), id="no e-mail"),
])
def test_anyone_else_is_not(who: dict[str, object]) -> None:
    assert not POLICY.is_reviewer(who)
    with pytest.raises(NotAReviewer):
        POLICY.require(who)


def test_an_unverified_email_counts_only_when_the_provider_never_says() -> None:
    trusting = ReviewerPolicy.from_config({"reviewers": [REVIEWER],
                                           "trust_unverified_email": True})
    silent = {"is_logged_in": True, "email": REVIEWER}
    assert trusting.is_reviewer(silent)
    assert not trusting.is_reviewer({**silent, "email_verified": False})
    assert not ReviewerPolicy.from_config({"reviewers": [REVIEWER],
                                           "trust_unverified_email": "yes"}).is_reviewer(silent)


def test_accept_and_reject_check_the_reviewer_again(data_copy: Path) -> None:
    """The page hides the buttons from non-reviewers; this is the guard behind them."""
    init_record(data_copy)
    proposal = proposals.submit(draft(), data_copy)
    for who in (user(READER), user(email_verified=False), {}):
        with pytest.raises(NotAReviewer):
            accept_as(who, POLICY, proposal.id, data_copy)
        with pytest.raises(NotAReviewer):
            reject_as(who, POLICY, proposal.id, "no", data_copy)
    assert [p.id for p in proposals.pending(data_copy)] == [proposal.id]
    assert len(changelog.entries(data_copy)) == 1  # the record's first commit only
    entry, _ = accept_as(user(), POLICY, proposal.id, data_copy)
    assert entry.reviewer == REVIEWER and proposals.pending(data_copy) == []
