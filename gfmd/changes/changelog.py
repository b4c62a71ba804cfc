"""What changed: the history of the data directory in git, newest last.

Every commit that changed the data is an entry. An accepted proposal is a commit whose
author is the proposer (or "Public proposal"), whose committer is the reviewer and whose
message is the proposal's summary followed by trailers: `Kind:`, `Year:`, `Source:` (the
address), `Source-Title:`, `Source-Id:`, `Proposal:` and `Reviewed-by:`. Any other commit
is a hand edit by a data editor, listed with its author and message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from gfmd.record.vocab import ProposalKind
from gfmd.store.git import SHORT, GitError, Repo

PUBLIC_PROPOSER = "Public proposal"
PROPOSER_EMAIL = "proposals@gfmd.invalid"
# The trailers of an accepted proposal, in the order they are written.
TRAILERS = ("Kind", "Year", "Source", "Source-Title", "Source-Id", "Proposal", "Reviewed-by")
_FIELD, _RECORD = "\x01", "\x02"  # not white space: git output is stripped
_FORMAT = _RECORD + _FIELD.join(("%H", "%P", "%an", "%cn", "%ce", "%cI", "%B")) + _FIELD


class ChangeEntry(BaseModel):
    """One commit that changed the data: an accepted proposal or a hand edit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    commit: str
    number: int  # 1 for the first commit of the data's history
    date: dt.datetime
    author: str
    summary: str
    message: str  # the rest of a hand edit's message (an accept's is its trailers)
    files: list[str]  # changed files, relative to the data directory
    version_after: str
    version_before: str | None  # None for the data's first commit
    proposal_id: str | None = None
    reviewer: str | None = None
    kind: ProposalKind | None = None
    year: int | None = None
    source_url: str | None = None
    source_title: str | None = None
    source_id: str | None = None

    @property
    def hand_edit(self) -> bool:
        return self.proposal_id is None

    @property
    def proposer(self) -> str | None:
        return None if self.hand_edit or self.author == PUBLIC_PROPOSER else self.author


def message(summary: str, trailers: dict[str, str]) -> str:
    """An accepted proposal's commit message: the summary, then its trailers."""
    lines = [f"{key}: {' '.join(str(trailers[key]).split())}" for key in TRAILERS
             if trailers.get(key)]
    return " ".join(summary.split()) + "\n\n" + "\n".join(lines) + "\n"


def _trailers(body: str) -> tuple[str, dict[str, str]]:
    """The message without its trailer block, and the trailers we write."""
    paragraphs = body.strip().split("\n\n")
    last = paragraphs[-1].splitlines() if len(paragraphs) > 1 else []
    found = dict(line.split(": ", 1) for line in last if ": " in line)
    if last and all(": " in line for line in last) and set(found) <= set(TRAILERS):
        return "\n\n".join(paragraphs[:-1]), found
    return body.strip(), {}


def entries(data_dir: Path) -> list[ChangeEntry]:
    """Every commit that changed the data directory, oldest first; [] outside git."""
    repo = Repo.of(data_dir)
    if repo is None:
        return []
    try:
        out = repo.git("log", "--reverse", f"--format={_FORMAT}", "--name-only",
                       "--no-renames", "--", *repo.pathspecs)
    except GitError:
        return []  # a repository with no commit yet
    found: list[ChangeEntry] = []
    before: str | None = None
    strip = len(repo.prefix) + 1 if repo.prefix else 0
    for record in out.split(_RECORD)[1:]:
        commit, _parents, author, committer, committer_email, date, body, names = \
            record.split(_FIELD)
        text, trailers = _trailers(body)
        summary, _, rest = text.partition("\n")
        version = commit[:SHORT]
        accepted = "Proposal" in trailers
        found.append(ChangeEntry(
            commit=commit, number=len(found) + 1, date=dt.datetime.fromisoformat(date),
            author=author, summary=summary.strip(), message=rest.strip(),
            files=[n[strip:] for n in names.split("\n") if n.strip()],
            version_after=version, version_before=before,
            proposal_id=trailers.get("Proposal"),
            reviewer=(trailers.get("Reviewed-by") or committer_email or committer)
            if accepted else None,
            kind=ProposalKind(trailers["Kind"]) if accepted and "Kind" in trailers else None,
            year=int(trailers["Year"]) if accepted and trailers.get("Year", "").isdigit()
            else None,
            source_url=trailers.get("Source"), source_title=trailers.get("Source-Title"),
            source_id=trailers.get("Source-Id"),
        ))
        before = version
    return found


def select(log: Iterable[ChangeEntry], *, kinds: Iterable[ProposalKind] = (),
           years: tuple[int, int] | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> list[ChangeEntry]:
    """The entries of the given kinds, for record years in `years`, made between `since`
    and `until` (inclusive), newest first: what a reader asks "what changed". A hand
    edit has no kind or year: it is listed unless kinds are asked for."""
    wanted = set(kinds)
    out = [e for e in log
           if (not wanted or e.kind in wanted)
           and (years is None or e.year is None or years[0] <= e.year <= years[1])
           and (since is None or e.date.date() >= since)
           and (until is None or e.date.date() <= until)]
    return sorted(out, key=lambda e: e.number, reverse=True)


def replaced_at(log: Iterable[ChangeEntry], version: str) -> dt.datetime | None:
    """When `version` stopped being the record: the date of the change made on top of it
    (None: nothing replaced it)."""
    dates = [e.date for e in log if e.version_before == version]
    return min(dates) if dates else None
