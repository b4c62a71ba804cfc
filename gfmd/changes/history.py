"""Writing an accepted change with its history, and the record as it stood at a version.

An accepted change first keeps the bytes every file it changes had (`changes/<id>/before/`),
then replaces the files one by one (each atomically, a new source before the record that
cites it), and logs its entry last: an entry exists only for a change that was written in
full. To show an earlier version, the current record is copied and the logged changes
made since are undone, newest first, from those bytes; the copy is used only if its data
version is the one asked for, so a hand edit made since (which the log cannot undo) makes
the version unknown rather than wrongly rebuilt. Rebuilt copies are kept in the system's
temporary folder, one per data directory and version, shared by every app worker.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from gfmd.changes.changelog import BEFORE_DIR, ENTRY_FILE, ChangeEntry, changes_dir, entries
from gfmd.changes.edit import Edit, copy_record
from gfmd.store.atomic import write_atomic
from gfmd.store.loader import load_dataset
from gfmd.store.version import content_hash

VERSION = re.compile(r"[0-9a-f]{12}")
_CACHE_ENV = "GFMD_VERSIONS_DIR"


def write_change(data_dir: Path, entry: ChangeEntry, edit: Edit) -> None:
    """Keep the files' previous bytes, write the new ones, then log the entry."""
    folder = changes_dir(data_dir) / entry.id
    for rel, old in edit.before.items():
        if old is not None:
            write_atomic(folder / BEFORE_DIR / rel, old)
    for rel, text in edit.texts.items():
        write_atomic(data_dir / rel, text.encode("utf-8"))
    write_atomic(folder / ENTRY_FILE, entry.to_yaml())


def current_version(data_dir: Path) -> str:
    ds = load_dataset(data_dir)
    return content_hash(ds.files, ds.data_dir)


def _cache_root() -> Path:
    return Path(os.environ.get(_CACHE_ENV) or Path(tempfile.gettempdir()) / "gfmd-versions")


def as_of(data_dir: Path, version: str) -> Path | None:
    """A data directory holding the record as it stood at `version`: `data_dir` itself if
    that is the current version, a rebuilt copy for a logged earlier one, None if the
    log cannot rebuild it (an unknown version, or hand edits made since)."""
    data_dir = Path(data_dir)
    if not VERSION.fullmatch(version):
        return None
    log = entries(data_dir)
    if current_version(data_dir) == version:
        return data_dir
    # Undo the changes made after the version was the record: after the last change that
    # produced it, or from the first change made on top of it.
    undo_from = None
    for i, entry in enumerate(log):
        if entry.version_after == version:
            undo_from = i + 1
        elif entry.version_before == version and undo_from is None:
            undo_from = i
    if undo_from is None:
        return None
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:10]
    final = _cache_root() / f"{key}-{version}"
    built = final / data_dir.name
    if built.is_dir():
        return built
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{key}-{version}-", dir=final.parent))
    try:
        root = work / data_dir.name
        copy_record(data_dir, root)
        for entry in reversed(log[undo_from:]):
            for rel in entry.files:
                target = root / rel
                if rel in entry.new_files:
                    target.unlink(missing_ok=True)
                else:
                    saved = changes_dir(data_dir) / entry.id / BEFORE_DIR / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        shutil.copyfile(saved, target)
                    except OSError:  # the history lost a file: it cannot rebuild this
                        return None
        ds = load_dataset(root)
        if content_hash(ds.files, root) != version:
            return None
        try:
            os.rename(work, final)  # atomic: another worker may have built it first
        except OSError:
            if not built.is_dir():
                raise
        return built
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
