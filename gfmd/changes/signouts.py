"""The record of sign-outs: when each reviewer last signed out, kept on the server.

A sign-in is a cookie Streamlit signs and keeps for 30 days, and a tab reads it once when
it opens, so deleting the cookie in one browser (Streamlit's sign-out) ends neither a copy
of it nor a tab opened before. Sign-out therefore also writes here the time each identity
(its e-mail, lower-cased) last signed out, and a decision counts only from a sign-in
issued after it (`gfmd.changes.reviewers`).

The file is `sign-outs.json` in the app's private state folder: `GFMD_STATE_DIR`, else
the `gfmd/` folder inside the record's git directory, which every worker process of a
host shares and only the app's user can write. It is read whole at each decision and
replaced whole under a lock at each sign-out; a file owned by another user, writable by
others or unreadable refuses every decision rather than trusting it.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from gfmd.store.atomic import locked, write_atomic
from gfmd.store.git import GitError, Repo

STATE_DIR_ENV = "GFMD_STATE_DIR"
FILE_NAME = "sign-outs.json"


class SignOutRecordError(RuntimeError):
    """The record of sign-outs cannot be trusted or read: no decision can be checked."""


_GIT_DIRS: dict[Path, Path] = {}


def _git_dir(data_dir: Path) -> Path | None:
    """The record's git directory: one subprocess per data directory and process once
    found (not kept while there is none, so a record put in git later is found)."""
    if data_dir not in _GIT_DIRS:
        repo = Repo.of(data_dir)
        if repo is None:
            return None
        try:
            _GIT_DIRS[data_dir] = Path(repo.git("rev-parse", "--absolute-git-dir"))
        except (GitError, OSError):
            return None
    return _GIT_DIRS[data_dir]


def state_dir(data_dir: Path) -> Path | None:
    """The app's private state folder for `data_dir`; None without git or GFMD_STATE_DIR
    (then no proposal can be decided either: proposals are git refs)."""
    named = os.environ.get(STATE_DIR_ENV, "").strip()
    if named:
        return Path(named)
    git_dir = _git_dir(Path(data_dir).resolve())
    return git_dir / "gfmd" if git_dir is not None else None


@dataclass(frozen=True)
class SignOuts:
    """The sign-out record in `folder`."""

    folder: Path

    @classmethod
    def of(cls, data_dir: Path) -> SignOuts | None:
        folder = state_dir(data_dir)
        return cls(folder) if folder is not None else None

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def _read(self) -> dict[str, float]:
        """Every identity's last sign-out; {} before the first."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise SignOutRecordError(f"{self.path} is not the app's own private file")
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SignOutRecordError(f"{self.path} cannot be read: {exc}") from exc
        if not isinstance(raw, dict):
            raise SignOutRecordError(f"{self.path} is not a table of sign-outs")
        return {str(k): float(v) for k, v in raw.items() if isinstance(v, int | float)}

    def last(self, identity: str) -> float | None:
        """When `identity` last signed out (seconds since the epoch), or None."""
        return self._read().get(identity.strip().lower())

    def record(self, identity: str, when: float) -> None:
        """Note that `identity` signed out at `when`: every sign-in issued before ends."""
        key = identity.strip().lower()
        if not key:
            return
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with locked(self.folder / f".{FILE_NAME}.lock"):
            table = self._read()
            table[key] = max(when, table.get(key, when))
            write_atomic(self.path, json.dumps(table, sort_keys=True, indent=1).encode())
