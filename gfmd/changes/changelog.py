"""The change log: every accepted change, dated, with who reviewed it and its source.

Each accepted change is one folder `changes/<id>/` inside the data directory, beside the
record it changed (so a copy or a clone of the data carries its history): `change.yaml`
is the entry below, `before/` the bytes each changed file had before (gfmd.changes.history uses
them to show the record as it stood). The loader never reads `changes/`, so the log does
not change the data version; the entry names the versions before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from gfmd.record.vocab import ProposalKind
from gfmd.store.yaml_read import YamlError, read_yaml

CHANGES_DIR = "changes"
ENTRY_FILE = "change.yaml"
BEFORE_DIR = "before"
LOCK_FILE = ".lock"


class ChangeEntry(BaseModel):
    """One accepted change to the record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    number: int  # 1 for the first accepted change: the log's order, whatever the clock says
    date: dt.datetime
    reviewer: str
    proposer: str | None = None
    summary: str
    kind: ProposalKind
    year: int
    source_url: str
    source_title: str
    source_id: str
    version_before: str
    version_after: str
    proposal_id: str
    files: list[str]  # changed files, relative to the data directory
    new_files: list[str] = []  # those of them that did not exist before

    def to_yaml(self) -> bytes:
        return yaml.safe_dump(self.model_dump(mode="json"), allow_unicode=True,
                              sort_keys=False).encode("utf-8")


def changes_dir(data_dir: Path) -> Path:
    return Path(data_dir) / CHANGES_DIR


def entries(data_dir: Path) -> list[ChangeEntry]:
    """Every accepted change, oldest first. A folder without a complete entry (a change
    interrupted before it was logged) is not a change and is left out."""
    found = []
    root = changes_dir(data_dir)
    for path in sorted(root.glob(f"*/{ENTRY_FILE}")) if root.is_dir() else []:
        try:
            found.append(ChangeEntry.model_validate(read_yaml(path).data))
        except (YamlError, OSError, ValidationError):
            continue
    return sorted(found, key=lambda e: e.number)


def unreadable(data_dir: Path) -> list[str]:
    """Logged changes whose entry cannot be read (damaged by hand): named, so a reader
    is told the log is incomplete rather than shown a shorter one."""
    root = changes_dir(data_dir)
    bad = []
    for path in sorted(root.glob(f"*/{ENTRY_FILE}")) if root.is_dir() else []:
        try:
            ChangeEntry.model_validate(read_yaml(path).data)
        except (YamlError, OSError, ValidationError):
            bad.append(f"{Path(data_dir).name}/{path.relative_to(data_dir).as_posix()}")
    return bad


def select(log: Iterable[ChangeEntry], *, kinds: Iterable[ProposalKind] = (),
           years: tuple[int, int] | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> list[ChangeEntry]:
    """The entries of the given kinds, for record years in `years`, accepted between
    `since` and `until` (inclusive), newest first: what a reader asks "what changed"."""
    wanted = set(kinds)
    out = [e for e in log
           if (not wanted or e.kind in wanted)
           and (years is None or years[0] <= e.year <= years[1])
           and (since is None or e.date.date() >= since)
           and (until is None or e.date.date() <= until)]
    return sorted(out, key=lambda e: e.number, reverse=True)


def known_versions(log: Iterable[ChangeEntry]) -> set[str]:
    """Every data version the log names: before and after each change."""
    return {v for e in log for v in (e.version_before, e.version_after)}


def replaced_at(log: Iterable[ChangeEntry], version: str) -> dt.datetime | None:
    """When `version` stopped being the record: the first change accepted on top of it
    (None: no logged change replaced it)."""
    dates = [e.date for e in log if e.version_before == version]
    return min(dates) if dates else None
