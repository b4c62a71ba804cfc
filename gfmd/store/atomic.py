"""Writing shared files safely: whole-file replacement and an inter-process lock.

Several app workers (behind nginx) and reviewers read and write the same data and
proposals folders. A reader must never see half a file, and two writers must never
interleave: files are written to a temporary file in the same folder and moved into place
with `os.replace` (atomic on POSIX), and a change that reads, checks and writes holds an
exclusive `fcntl.flock` on a lock file for its whole duration.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def _finished_temp(path: Path, payload: bytes) -> Iterator[str]:
    """`payload` in a temporary file beside `path`, flushed to disk; removed afterwards
    unless the caller moved it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        yield tmp
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` in one step; a reader sees the old or the new file."""
    with _finished_temp(path, payload) as tmp:
        os.replace(tmp, path)


def create_exclusive(path: Path, payload: bytes) -> bool:
    """Write `path` only if no file of that name exists yet; False if one does.

    The bytes are complete before the name appears (a hard link of a finished temporary
    file), so a reader listing the folder never finds a half-written file.
    """
    with _finished_temp(path, payload) as tmp:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if missing) across processes."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
