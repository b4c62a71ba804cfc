"""Proposed changes to the record: submit, list, show as a diff, accept or reject.

Anyone may propose a change with its public source; it is stored as one YAML file in the
proposals folder (never in `data/`), checked first with the loader's own models. A
reviewer accepts it, which writes it into the data directory as a validated, logged
change (gfmd.changes.history, gfmd.changes.changelog), or rejects it with a reason. Who
may review is decided by the app's sign-in; this module trusts the `reviewer` name it is
given.

Concurrency: several app workers and reviewers share the folders. Proposals are created
under unique names (time + random) without overwriting; a decision holds the proposals
folder's lock and an accept also the data directory's, so two reviewers accepting at
once are done one after the other, each against the record the other left, and a
decision is never taken twice.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gfmd.changes import edit as record_edit
from gfmd.changes.changelog import LOCK_FILE, ChangeEntry, changes_dir, entries
from gfmd.changes.history import write_change
from gfmd.changes.types import (
    MAX_NAME,
    MAX_SUMMARY,
    MAX_TITLE,
    MAX_URL,
    Proposal,
    ProposalError,
)
from gfmd.record.vocab import ProposalKind, ProposalStatus
from gfmd.store.atomic import create_exclusive, locked, write_atomic
from gfmd.store.loader import load_dataset
from gfmd.store.scope import resolve_country
from gfmd.store.version import content_hash
from gfmd.store.yaml_read import YamlError, read_yaml

__all__ = ["Proposal", "ProposalError", "accept", "all_proposals", "diff", "get", "pending",
           "reject", "resolve_proposals_dir", "submit"]

PROPOSALS_ENV = "GFMD_PROPOSALS_DIR"
DEFAULT_PROPOSALS_DIR = Path(__file__).resolve().parents[2] / "proposals"
PROPOSAL_ID = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")
MAX_REASON = 2000
# Never stored: lets the facts be checked while the given address is refused.
_STAND_IN_URL = "https://stand-in.example/"


def resolve_proposals_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--proposals` beats `GFMD_PROPOSALS_DIR`, which beats `proposals/` (git-ignored)."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(PROPOSALS_ENV)
    return Path(env) if env else DEFAULT_PROPOSALS_DIR


class _Draft(BaseModel):
    """What a proposer gives: the form's and the command line's input, checked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ProposalKind
    year: int = Field(ge=2006, le=2100)
    summary: str = Field(min_length=1, max_length=MAX_SUMMARY)
    change: dict[str, Any]
    source_url: str = Field(min_length=1, max_length=MAX_URL)
    source_title: str = Field(min_length=1, max_length=MAX_TITLE)
    proposer: str | None = Field(default=None, max_length=MAX_NAME)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)


def _path(proposals_dir: Path, proposal_id: str) -> Path:
    if not PROPOSAL_ID.fullmatch(proposal_id):  # never a path a caller can steer
        raise ProposalError.one("id", f"'{proposal_id[:40]}' is not a proposal id")
    return Path(proposals_dir) / f"{proposal_id}.yaml"


def _payload(proposal: Proposal) -> bytes:
    return yaml.safe_dump(proposal.model_dump(mode="json"), allow_unicode=True,
                          sort_keys=False).encode("utf-8")


def _new_problems(edit: record_edit.Edit, data_dir: Path, ds_problems: list[str]) -> None:
    """Refuse a change that leaves the record with a problem it did not have."""
    problems, _ = record_edit.check(edit, data_dir)
    new = [p for p in problems if p not in set(ds_problems)]
    if new:
        raise ProposalError([("", p) for p in new])


def submit(draft: dict[str, Any], proposals_dir: Path, data_dir: Path,
           now: dt.datetime | None = None) -> Proposal:
    """Check `draft` against the record as it is and store it as a pending proposal.

    Raises ProposalError naming each field and its problem; nothing is stored then.
    """
    url = draft.get("source_url") if isinstance(draft, dict) else None
    url_words = [("source_url", p) for p in record_edit.url_problems(url)] \
        if isinstance(url, str) and url.strip() else []
    try:
        given = _Draft.model_validate(draft)
    except ValidationError as exc:  # every problem at once: the address's too
        raise ProposalError(ProposalError.from_validation(exc).details + url_words) from None
    created = _now(now)
    proposal = Proposal(
        id=f"{created:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}", created=created,
        proposer=given.proposer or None, kind=given.kind, year=given.year,
        country=given.country or resolve_country(), summary=given.summary,
        change=given.change, source_url=given.source_url, source_title=given.source_title,
    )
    ds = load_dataset(data_dir)
    if url_words:  # say what else is wrong too: check the facts with a stand-in address
        stand_in = proposal.model_copy(update={"source_url": _STAND_IN_URL})
        try:
            record_edit.plan(stand_in, Path(data_dir), ds)
        except ProposalError as exc:
            raise ProposalError(url_words + exc.details) from None
        raise ProposalError(url_words)
    edit = record_edit.plan(proposal, Path(data_dir), ds)
    _new_problems(edit, Path(data_dir), [str(p) for p in ds.problems])
    proposal = proposal.model_copy(update={"change": edit.change})
    while not create_exclusive(_path(proposals_dir, proposal.id), _payload(proposal)):
        proposal = proposal.model_copy(
            update={"id": f"{created:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"})
    return proposal


def _read(path: Path) -> Proposal | None:
    try:
        return Proposal.model_validate(read_yaml(path).data)
    except (YamlError, OSError, ValidationError):
        return None


def all_proposals(proposals_dir: Path) -> list[Proposal]:
    """Every readable proposal, oldest first (a damaged file is left out)."""
    folder = Path(proposals_dir)
    found = [_read(p) for p in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []
    return sorted((p for p in found if p is not None), key=lambda p: (p.created, p.id))


def pending(proposals_dir: Path) -> list[Proposal]:
    """Proposals waiting for a reviewer, oldest first."""
    return [p for p in all_proposals(proposals_dir) if p.status is ProposalStatus.PENDING]


def get(proposals_dir: Path, proposal_id: str) -> Proposal:
    path = _path(proposals_dir, proposal_id)
    if not path.is_file():
        raise ProposalError.one("id", f"there is no proposal {proposal_id}")
    proposal = _read(path)
    if proposal is None:
        raise ProposalError.one("id", f"the proposal {proposal_id} cannot be read")
    return proposal


def diff(proposal: Proposal, data_dir: Path) -> str:
    """What accepting `proposal` would change, as a unified diff of the data files'
    text; ProposalError if it no longer applies to the record."""
    data_dir = Path(data_dir)
    edit = record_edit.plan(proposal, data_dir, load_dataset(data_dir))
    return edit.diff(data_dir.name)


def _decided(proposal: Proposal) -> ProposalError:
    when = f"{proposal.reviewed_at:%Y-%m-%d %H:%M} UTC" if proposal.reviewed_at else ""
    return ProposalError.one("status", f"this proposal was {proposal.status.value} already "
                                       f"(by {proposal.reviewed_by}, {when})")


def _reviewer(reviewer: str) -> str:
    name = (reviewer or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ProposalError.one("reviewer", "a decision needs the reviewer's name")
    return name


def accept(proposal_id: str, reviewer: str, proposals_dir: Path, data_dir: Path,
           now: dt.datetime | None = None) -> ChangeEntry:
    """Write the proposal into the record as a validated, logged change.

    Under both locks, the proposal is read again and applied to the record as it is now:
    ProposalError if it was decided already, no longer applies, or would leave the
    record invalid (the record must have no problem at all afterwards).
    """
    name = _reviewer(reviewer)
    data_dir, proposals_dir = Path(data_dir), Path(proposals_dir)
    with locked(proposals_dir / LOCK_FILE), locked(changes_dir(data_dir) / LOCK_FILE):
        proposal = get(proposals_dir, proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise _decided(proposal)
        ds = load_dataset(data_dir)
        if ds.problems:
            raise ProposalError([("", "the record has problems to fix first (run python -m "
                                      "gfmd validate)"), *(("", str(p)) for p in ds.problems)])
        edit = record_edit.plan(proposal, data_dir, ds)
        problems, after = record_edit.check(edit, data_dir)
        if problems:
            raise ProposalError([("", p) for p in problems])
        decided = _now(now)
        number = max((e.number for e in entries(data_dir)), default=0) + 1
        entry = ChangeEntry(
            id=f"{number:05d}-{decided:%Y%m%d-%H%M%S}", number=number, date=decided,
            reviewer=name,
            proposer=proposal.proposer, summary=proposal.summary, kind=proposal.kind,
            year=proposal.year, source_url=proposal.source_url,
            source_title=proposal.source_title, source_id=edit.source_id,
            version_before=content_hash(ds.files, ds.data_dir), version_after=after,
            proposal_id=proposal.id, files=list(edit.texts),
            new_files=[rel for rel, old in edit.before.items() if old is None],
        )
        write_change(data_dir, entry, edit)
        accepted = proposal.model_copy(update={
            "status": ProposalStatus.ACCEPTED, "reviewed_by": name, "reviewed_at": decided})
        write_atomic(_path(proposals_dir, proposal.id), _payload(accepted))
        return entry


def reject(proposal_id: str, reviewer: str, reason: str, proposals_dir: Path,
           now: dt.datetime | None = None) -> Proposal:
    """Mark the proposal rejected, keeping the reviewer's reason (required)."""
    name = _reviewer(reviewer)
    why = (reason or "").strip()
    if not why:
        raise ProposalError.one("reason", "say why the proposal is rejected")
    if len(why) > MAX_REASON:
        raise ProposalError.one("reason", f"at most {MAX_REASON:,} characters")
    proposals_dir = Path(proposals_dir)
    with locked(proposals_dir / LOCK_FILE):
        proposal = get(proposals_dir, proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise _decided(proposal)
        rejected = proposal.model_copy(update={
            "status": ProposalStatus.REJECTED, "reviewed_by": name, "reviewed_at": _now(now),
            "reason": why})
        write_atomic(_path(proposals_dir, proposal.id), _payload(rejected))
        return rejected
