"""Who may accept or reject a proposed change, and acting as them.

Signing in proves who someone is (the ministry's OIDC provider); this list says who of
them reviews. It lives in the `[review]` section of the app's secrets file, next to the
sign-in settings, so every worker reads the same one:

    [review]
    reviewers = ["a.reviewer@ministry.example"]
    # only for a provider that never sends email_verified (its addresses are the
    # ministry's own directory):
    # trust_unverified_email = true

A user is a reviewer when signed in with an e-mail on the list that the provider vouches
for (`email_verified` true). The page hides Accept from anyone else, and `accept_as` and
`reject_as` check again, so a crafted request cannot accept either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gfmd.changes import proposals
from gfmd.changes.changelog import ChangeEntry


class NotAReviewer(PermissionError):
    """The signed-in user (or nobody) may not decide on proposals."""


def _email(value: object) -> str:
    return str(value).strip().lower() if isinstance(value, str) else ""


@dataclass(frozen=True)
class ReviewerPolicy:
    """The configured reviewers, as lower-cased e-mail addresses."""

    reviewers: frozenset[str] = frozenset()
    trust_unverified_email: bool = False

    @classmethod
    def from_config(cls, section: Mapping[str, Any] | None) -> ReviewerPolicy:
        """From the `[review]` secrets section; a missing section means no reviewers."""
        section = section or {}
        listed = section.get("reviewers") or []
        if isinstance(listed, str):  # one address written without brackets
            listed = [listed]
        emails = frozenset(e for e in map(_email, listed) if "@" in e)
        return cls(emails, section.get("trust_unverified_email") is True)

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

    def require(self, user: Mapping[str, Any]) -> str:
        """The reviewer's e-mail, recorded with the decision; `NotAReviewer` otherwise."""
        if not self.is_reviewer(user):
            raise NotAReviewer(self.email(user) or "anonymous")
        return self.email(user)


def accept_as(user: Mapping[str, Any], policy: ReviewerPolicy, proposal_id: str,
              data_dir: Path) -> tuple[ChangeEntry, bool]:
    """Accept a proposal as `user`, if a reviewer (`NotAReviewer`, `ProposalError`)."""
    reviewer = policy.require(user)
    return proposals.accept(proposal_id, reviewer, data_dir)


def reject_as(user: Mapping[str, Any], policy: ReviewerPolicy, proposal_id: str,
              reason: str, data_dir: Path) -> proposals.Proposal:
    """Reject a proposal as `user` with a reason, if a reviewer."""
    reviewer = policy.require(user)
    return proposals.reject(proposal_id, reviewer, reason, data_dir)

