"""Who may accept or reject a proposed change, and acting as them.

Signing in proves who someone is (the ministry's OIDC provider); this list says who of
them reviews. It lives in the `[review]` section of the app's secrets file, next to the
sign-in settings, so every worker reads the same one:

    [review]
    reviewers = ["a.reviewer@ministry.example"]
    # only for a provider that never sends email_verified (its addresses are the
    # ministry's own directory):
    # trust_unverified_email = true
    max_sign_in_age_minutes = 480

A user is a reviewer when signed in with an e-mail on the list that the provider vouches
for (`email_verified` true). The page hides Accept from anyone else, and `accept_as` and
`reject_as` check again, so a crafted request cannot accept either.

At the click they also check that the sign-in still counts: issued (the ID token's `iat`)
after that reviewer's last sign-out (`gfmd.changes.signouts`), so signing out ends a
copied cookie and a tab opened before, and younger than `max_sign_in_age_minutes`, so a
cookie nobody signed out of ends too.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gfmd.changes import proposals
from gfmd.changes.changelog import ChangeEntry
from gfmd.changes.signouts import SignOutRecordError, SignOuts

# A working day: long enough not to interrupt a review session, short enough that a
# sign-in cookie left behind on a shared computer ends the same day.
DEFAULT_MAX_SIGN_IN_AGE_MINUTES = 480


class NotAReviewer(PermissionError):
    """The signed-in user (or nobody) may not decide on proposals."""


class Standing(enum.Enum):
    """What a user may do, and why not: each has its own words on the Review page."""

    ANONYMOUS = "anonymous"
    NO_EMAIL = "no_email"  # signed in, but the provider sent no e-mail address
    UNVERIFIED = "unverified"  # an e-mail the provider does not vouch for
    NOT_LISTED = "not_listed"
    SIGNED_OUT_SINCE = "signed_out_since"  # a reviewer's sign-in ended by a sign-out
    TOO_OLD = "too_old"  # a reviewer's sign-in older than the maximum age, or undated
    UNCHECKED = "unchecked"  # the record of sign-outs cannot be read or trusted
    REVIEWER = "reviewer"


# A reviewer whose sign-in does not count now: signed out since, too old, or the record
# of sign-outs unreadable.
ENDED = frozenset({Standing.SIGNED_OUT_SINCE, Standing.TOO_OLD, Standing.UNCHECKED})


class SignInEnded(NotAReviewer):
    """A reviewer whose sign-in no longer counts: signed out since, or too old."""

    def __init__(self, email: str, standing: Standing) -> None:
        super().__init__(email)
        self.standing = standing


def _email(value: object) -> str:
    return str(value).strip().lower() if isinstance(value, str) else ""


@dataclass(frozen=True)
class ReviewerPolicy:
    """The configured reviewers, as lower-cased e-mail addresses."""

    reviewers: frozenset[str] = frozenset()
    trust_unverified_email: bool = False
    max_sign_in_age_s: float = DEFAULT_MAX_SIGN_IN_AGE_MINUTES * 60

    @classmethod
    def from_config(cls, section: Mapping[str, Any] | None) -> ReviewerPolicy:
        """From the `[review]` secrets section; a missing section means no reviewers."""
        section = section or {}
        listed = section.get("reviewers") or []
        if isinstance(listed, str):  # one address written without brackets
            listed = [listed]
        emails = frozenset(e for e in map(_email, listed) if "@" in e)
        minutes = section.get("max_sign_in_age_minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes <= 0:
            minutes = DEFAULT_MAX_SIGN_IN_AGE_MINUTES
        return cls(emails, section.get("trust_unverified_email") is True, minutes * 60.0)

    @property
    def configured(self) -> bool:
        return bool(self.reviewers)

    def signed_in(self, user: Mapping[str, Any]) -> bool:
        return user.get("is_logged_in") is True

    def email(self, user: Mapping[str, Any]) -> str:
        """The user's e-mail if signed in and vouched for by the provider, else ''."""
        if not self.signed_in(user):
            return ""
        verified = user.get("email_verified")
        if verified is not True and not (self.trust_unverified_email and verified is None):
            return ""
        return _email(user.get("email"))

    def is_reviewer(self, user: Mapping[str, Any]) -> bool:
        email = self.email(user)
        return bool(email) and email in self.reviewers

    def standing(self, user: Mapping[str, Any], signed_out_at: float | None = None,
                 now: float | None = None) -> Standing:
        """Where `user` stands; a reviewer's sign-in is dated only when `now` is given.

        The sign-in is the ID token's `iat`, when the provider issued it to this app: it
        must come after the last sign-out (a token of the same second counts as before,
        the safe side) and be younger than the maximum age. A sign-in without `iat` is
        too old, since nothing says it is not.
        """
        if not self.signed_in(user):
            return Standing.ANONYMOUS
        if not _email(user.get("email")):
            return Standing.NO_EMAIL
        email = self.email(user)
        if not email:
            return Standing.UNVERIFIED
        if email not in self.reviewers:
            return Standing.NOT_LISTED
        if now is None:
            return Standing.REVIEWER
        issued = user.get("iat")
        if isinstance(issued, bool) or not isinstance(issued, int | float):
            return Standing.TOO_OLD
        if signed_out_at is not None and issued <= signed_out_at:
            return Standing.SIGNED_OUT_SINCE
        if now - issued > self.max_sign_in_age_s:
            return Standing.TOO_OLD
        return Standing.REVIEWER

    def require(self, user: Mapping[str, Any], signed_out_at: float | None = None,
                now: float | None = None) -> str:
        """The reviewer's e-mail, recorded with the decision; `NotAReviewer` otherwise
        (`SignInEnded` for a reviewer whose sign-in no longer counts at `now`)."""
        standing = self.standing(user, signed_out_at, now)
        if standing in ENDED:
            raise SignInEnded(self.email(user), standing)
        if standing is not Standing.REVIEWER:
            raise NotAReviewer(self.email(user) or "anonymous")
        return self.email(user)


def last_sign_out(user: Mapping[str, Any], data_dir: Path) -> float | None:
    """When the user's e-mail last signed out on this server; None if never.
    `SignOutRecordError` when the record cannot be trusted."""
    record = SignOuts.of(data_dir)
    email = _email(user.get("email"))
    return record.last(email) if record is not None and email else None


def require_now(user: Mapping[str, Any], policy: ReviewerPolicy, data_dir: Path,
                now: float | None = None) -> str:
    """The reviewer's e-mail if `user` may decide at this moment: a reviewer whose
    sign-in is after their last sign-out and younger than the maximum age."""
    policy.require(user)  # a non-reviewer is refused before any file is read
    try:
        signed_out_at = last_sign_out(user, data_dir)
    except SignOutRecordError as exc:
        raise SignInEnded(policy.email(user), Standing.UNCHECKED) from exc
    return policy.require(user, signed_out_at, time.time() if now is None else now)


def accept_as(user: Mapping[str, Any], policy: ReviewerPolicy, proposal_id: str,
              data_dir: Path, now: float | None = None) -> tuple[ChangeEntry, bool]:
    """Accept a proposal as `user`, if a reviewer now (`NotAReviewer`, `ProposalError`)."""
    reviewer = require_now(user, policy, data_dir, now)
    return proposals.accept(proposal_id, reviewer, data_dir)


def reject_as(user: Mapping[str, Any], policy: ReviewerPolicy, proposal_id: str,
              reason: str, data_dir: Path, now: float | None = None) -> proposals.Proposal:
    """Reject a proposal as `user` with a reason, if a reviewer now."""
    reviewer = require_now(user, policy, data_dir, now)
    return proposals.reject(proposal_id, reviewer, reason, data_dir)

