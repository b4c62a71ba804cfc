"""The data version: a content hash of every file read, and the date of the data."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path


def content_hash(files: tuple[Path, ...], root: Path) -> str:
    """Short SHA-256 over file names and bytes: changes whenever any data changes."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def fingerprint(root: Path, also: Sequence[Path] = ()) -> str:
    """Digest of the names, sizes and modification times of the files under `root`: a
    look costs a stat per file, cheap enough for every page run of a country's record,
    so a change on disk shows on the next one."""
    digest = hashlib.sha256()
    for dirpath, _, filenames in sorted(os.walk(root)):
        for name in sorted(filenames):
            try:
                info = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            digest.update(f"{dirpath}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    for path in also:  # e.g. git's log of HEAD: a commit changes the version, not the files
        with contextlib.suppress(OSError):
            info = os.stat(path)
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def data_date(files: tuple[Path, ...], root: Path) -> dt.date | None:
    """Date of the last commit touching the data; file times when git cannot tell.

    A fresh clone gives every file the clone's time, so git's date is the honest one.
    """
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."],
            cwd=root, capture_output=True, text=True, timeout=5, check=False,
        ).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    if not files:
        return None
    stamp = max(p.stat().st_mtime for p in files)
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date()
