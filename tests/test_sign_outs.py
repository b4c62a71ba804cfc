"""Revocation in plain Python (gfmd/changes/signouts.py, gfmd/changes/reviewers.py): a
sign-in counts only when issued after that reviewer's last sign-out and younger than the
maximum age, checked at each decision. The clock is a number passed in: no sleeps."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.reviewers import (
    DEFAULT_MAX_SIGN_IN_AGE_MINUTES,
    NotAReviewer,
    ReviewerPolicy,
    SignInEnded,
    Standing,
    accept_as,
    reject_as,
)
from gfmd.changes.signouts import STATE_DIR_ENV, SignOutRecordError, SignOuts, state_dir
from gfmd.record.vocab import ProposalStatus
from tests.proposal_helpers import init_record
from tests.review_helpers import READER, REVIEWER, draft, signed_in

NOW = 1_800_000_000.0  # the fake clock: seconds since the epoch
POLICY = ReviewerPolicy.from_config({"reviewers": [REVIEWER], "max_sign_in_age_minutes": 60})


def at(issued: float, email: str = REVIEWER, **claims: object) -> dict[str, object]:
    """A user whose provider issued the sign-in (`iat`) at `issued`."""
    return signed_in(email, iat=int(issued), **claims)


@pytest.mark.parametrize(("iat", "signed_out_at", "now", "standing"), [
    pytest.param(NOW - 60, None, NOW, Standing.REVIEWER, id="never signed out"),
    pytest.param(NOW - 60, NOW - 120, NOW, Standing.REVIEWER, id="signed in after sign-out"),
    pytest.param(NOW - 60, NOW - 30, NOW, Standing.SIGNED_OUT_SINCE, id="signed out since"),
    pytest.param(NOW - 60, NOW - 60, NOW, Standing.SIGNED_OUT_SINCE,
                 id="same second: counts as before"),
    pytest.param(NOW - 60, NOW - 59.5, NOW, Standing.SIGNED_OUT_SINCE,
                 id="within the second issued"),
    pytest.param(NOW - 3600, None, NOW, Standing.REVIEWER, id="exactly the maximum age"),
    pytest.param(NOW - 3601, None, NOW, Standing.TOO_OLD, id="older than the maximum age"),
])
def test_a_sign_in_counts_after_the_last_sign_out_and_within_the_age(
        iat: float, signed_out_at: float | None, now: float, standing: Standing) -> None:
    assert POLICY.standing(at(iat), signed_out_at, now) is standing


def test_an_undated_sign_in_is_too_old() -> None:
    for iat in (None, "1800000000", True):
        user = {**at(NOW), "iat": iat}
        assert POLICY.standing(user, None, NOW) is Standing.TOO_OLD
        with pytest.raises(SignInEnded):
            POLICY.require(user, None, NOW)


def test_the_other_standings_come_before_the_date() -> None:
    assert POLICY.standing({}, NOW, NOW) is Standing.ANONYMOUS
    assert POLICY.standing(at(NOW, email=None), NOW, NOW) is Standing.NO_EMAIL
    assert POLICY.standing(at(NOW, email=" "), NOW, NOW) is Standing.NO_EMAIL
    assert POLICY.standing(at(NOW, email_verified=False), NOW, NOW) is Standing.UNVERIFIED
    assert POLICY.standing(at(NOW, email=READER), NOW, NOW) is Standing.NOT_LISTED
    with pytest.raises(NotAReviewer) as refused:
        POLICY.require(at(NOW, email=READER), None, NOW)
    assert not isinstance(refused.value, SignInEnded)


def test_the_maximum_age_is_read_from_review_settings() -> None:
    default = DEFAULT_MAX_SIGN_IN_AGE_MINUTES * 60
    assert ReviewerPolicy.from_config({}).max_sign_in_age_s == default
    assert ReviewerPolicy.from_config({"max_sign_in_age_minutes": 30}).max_sign_in_age_s == 1800
    for unusable in (0, -5, "60", True):
        assert ReviewerPolicy.from_config(
            {"max_sign_in_age_minutes": unusable}).max_sign_in_age_s == default


def test_the_record_keeps_each_identitys_last_sign_out(tmp_path: Path) -> None:
    record = SignOuts(tmp_path / "state")
    assert record.last(REVIEWER) is None
    record.record(" Reviewer@Ministry.Example ", NOW)
    record.record(REVIEWER, NOW - 100)  # an older time never moves it back
    record.record(READER, NOW + 5)
    assert record.last(REVIEWER) == NOW and record.last(READER.upper()) == NOW + 5
    assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700
    assert record.path.stat().st_mode & 0o777 == 0o600
    assert json.loads(record.path.read_text()) == {READER: NOW + 5, REVIEWER: NOW}


def test_a_record_others_could_write_or_nobody_can_read_is_not_trusted(tmp_path: Path) -> None:
    record = SignOuts(tmp_path)
    record.record(REVIEWER, NOW)
    os.chmod(record.path, 0o666)
    with pytest.raises(SignOutRecordError):
        record.last(REVIEWER)
    os.chmod(record.path, 0o600)
    record.path.write_text("not json", encoding="utf-8")
    with pytest.raises(SignOutRecordError):
        record.last(REVIEWER)


def test_the_record_lives_in_the_records_git_directory_or_the_named_folder(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    assert state_dir(data_copy) is None  # outside git nothing can be decided either
    init_record(data_copy)
    folder = state_dir(data_copy)
    assert folder is not None and folder.parent.name == ".git"
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "shared"))
    assert state_dir(data_copy) == tmp_path / "shared"


def test_accept_and_reject_refuse_a_sign_in_ended_by_a_sign_out(data_copy: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    """The same claims before and after the reviewer signed out elsewhere: a tab left
    open or a copied cookie holds exactly these."""
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    init_record(data_copy)
    first = proposals.submit(draft(), data_copy)
    second = proposals.submit(draft(summary="Another", title="Another (test)"), data_copy)
    session = at(NOW - 600)
    record = SignOuts.of(data_copy)
    assert record is not None
    record.record(REVIEWER, NOW - 10)

    with pytest.raises(SignInEnded) as refused:
        accept_as(session, POLICY, first.id, data_copy, now=NOW)
    assert refused.value.standing is Standing.SIGNED_OUT_SINCE
    with pytest.raises(SignInEnded):
        reject_as(session, POLICY, second.id, "no", data_copy, now=NOW)
    assert {p.id for p in proposals.pending(data_copy)} == {first.id, second.id}

    with pytest.raises(SignInEnded) as old:
        accept_as(at(NOW - 5), POLICY, first.id, data_copy, now=NOW + 3600)
    assert old.value.standing is Standing.TOO_OLD

    entry, _ = accept_as(at(NOW - 5), POLICY, first.id, data_copy, now=NOW)  # signed in again
    assert entry.reviewer == REVIEWER
    assert proposals.get(data_copy, first.id).status is ProposalStatus.ACCEPTED


def test_an_untrusted_record_refuses_every_decision(data_copy: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    init_record(data_copy)
    proposal = proposals.submit(draft(), data_copy)
    record = SignOuts.of(data_copy)
    assert record is not None
    record.record(READER, NOW)
    os.chmod(record.path, 0o646)
    with pytest.raises(SignInEnded) as refused:
        accept_as(at(NOW), POLICY, proposal.id, data_copy, now=NOW)
    assert refused.value.standing is Standing.UNCHECKED
    assert proposals.get(data_copy, proposal.id).status is ProposalStatus.PENDING
