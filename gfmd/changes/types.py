"""A proposed change to the record and the error that says why one cannot be taken.

Kept apart from `gfmd.changes.proposals` (the workflow) so that `gfmd.changes.edit` (what a
proposal does to the data files) can use them without an import circle.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from gfmd.record.types import visible
from gfmd.record.vocab import ProposalKind, ProposalStatus
from gfmd.store.problems import dotted, plain_message

MAX_SUMMARY = 500
MAX_TITLE = 300
MAX_URL = 2000
MAX_NAME = 200
# A proposer's own words, checked like the record's text (see `visible`): also when read
# back, so a ref another host pushed with an override in it is never listed.
Words = Annotated[str, AfterValidator(visible)]

# What one proposal may hold, refused at submit with the field and the limit. Chosen from
# data/ as it stands (2026-12): the longest lists a proposal feeds are partners.names (2),
# themes (2 of 14 themes), delegation members (2) and attendance's other lines (1); the
# longest text is 365 characters and the largest year file 13.4 KB. Every cap leaves ten
# times or more the room a real record needs (a summit delegation of 60 named people, a
# meeting co-convened by 40 governments), while bounding what one anonymous proposal can
# make every reviewer and host read (F2.4: 24 names of 19,000 characters, 456 KB each).
LIST_CAPS: dict[str, int] = {
    "other": 20, "themes": 20, "partners.names": 40, "partners.notes": 10, "members": 60,
}
MAX_LIST = 20  # any other list a proposal carries (none is expected: the models refuse it)
# The whole proposal as sent, in bytes of UTF-8 JSON: the 60-member delegation above, with
# names and offices of 300 characters each, is 21 KB.
MAX_PROPOSAL_BYTES = 64 * 1024
# Proposals waiting at once, so the queue, the Review page and the disk stay bounded: all
# of them, and from one client (README: Proposals and the queue). Each holds at most
# MAX_PROPOSAL_BYTES and one changed year file; 20 lets a desk officer send a year's facts
# at once, while one client alone fills a tenth of the queue.
MAX_PENDING = 200
MAX_PENDING_PER_CLIENT = 20


class ProposalError(Exception):
    """Why a proposal cannot be stored or accepted, in plain words.

    `problems` are whole sentences naming the field and what is wrong ("source_url: …");
    `details` holds the same as (field, message) pairs, so a form can put each message
    beside its own input.
    """

    def __init__(self, details: list[tuple[str, str]]) -> None:
        self.details = details
        self.problems = [f"{field}: {message}" if field else message
                         for field, message in details]
        super().__init__("; ".join(self.problems))

    @classmethod
    def one(cls, field: str, message: str) -> ProposalError:
        return cls([(field, message)])

    @classmethod
    def from_validation(cls, exc: ValidationError,
                        prefix: tuple[str | int, ...] = ()) -> ProposalError:
        """pydantic's errors as the loader words them, named by field."""
        return cls([(dotted((*prefix, *loc)) if (prefix or loc) else "", message)
                    for loc, message in plain_message(exc)])


class Proposal(BaseModel):
    """One proposed change, stored as the message of a commit in the record's repository.

    `change` holds the facts in the data files' own field names (see `gfmd.changes.edit`
    for each kind); the public source it rests on is `source_url` and `source_title`.
    A proposal is never edited after it is stored, only decided: accepted or rejected,
    by whom, when and (for a rejection) why.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")
    created: dt.datetime
    proposer: Words | None = Field(default=None, max_length=MAX_NAME)
    kind: ProposalKind
    year: int
    country: str = Field(default="MAR", pattern=r"^[A-Z]{3}$")
    summary: Words = Field(min_length=1, max_length=MAX_SUMMARY)
    change: dict[str, Any]
    source_url: str = Field(min_length=1, max_length=MAX_URL)
    source_title: Words = Field(min_length=1, max_length=MAX_TITLE)
    # Who sent it, as an opaque key the app derives (a keyed hash of the address or the
    # session): only counted against MAX_PENDING_PER_CLIENT, never shown.
    client: str | None = Field(default=None, max_length=64)
    status: ProposalStatus = ProposalStatus.PENDING
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None
    reason: str | None = None
