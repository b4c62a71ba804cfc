"""Loaded datasets kept on disk, so a start with unchanged data skips reading 3,000 files.

Reading and checking every file of a large record (190 countries × 15 years) takes about
0.6 s on two cores, and the app would pay it at each start and once per language. The
result depends only on the files' names and bytes and on this code, so it is stored under
a key made of exactly those, and a load whose key matches takes the stored dataset (about
0.2 s). Any change of a byte, a name, the loader's code or its libraries makes a new key,
and the files are read again: a stale dataset can never be shown.

The store is a pickle, which runs code when read, so it is trusted exactly like the code
beside it: it lives in a folder of the app's user (`GFMD_CACHE_DIR`, by default the
user's cache folder), and a file or folder that someone else owns or could write to is
never read. `GFMD_CACHE_DIR=off` turns the store off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from gfmd.dataset import Dataset
from gfmd.loader import RECORD_DIRS, collector_paused, load_dataset, resolve_data_dir

CACHE_ENV = "GFMD_CACHE_DIR"
OFF = "off"
MAX_ENTRIES = 32  # one per data directory (each pinned version is one); oldest go first
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML")
_FORMAT = b"gfmd-dataset-cache-1"

log = logging.getLogger(__name__)

# The last dataset per data directory in this process, for the few directories read last
# (the record and pinned versions): the app loads the same directory once per language,
# and a match costs only the read of the files for the key.
_memory: dict[str, tuple[str, Dataset]] = {}
MAX_REMEMBERED = 8


def cache_dir() -> Path | None:
    """Where datasets are stored; None when the store is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in (OFF, "") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gfmd"


@cache
def _code_key() -> bytes:
    """This package's source and the versions of the libraries that shape a dataset."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    for name in _LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


def data_key(root: Path) -> str:
    """A digest of every name and byte under the folders the loader reads."""
    digest = hashlib.sha256(_code_key())
    digest.update(str(root.resolve()).encode())
    for folder in RECORD_DIRS:
        top = root / folder
        digest.update(f"\0{folder}:{top.is_dir()}".encode())
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
            dirnames.sort()
            digest.update(f"\0d:{Path(dirpath).relative_to(root).as_posix()}".encode())
            for name in sorted(filenames):
                digest.update(f"\0f:{name}\0".encode())
                try:
                    digest.update(Path(dirpath, name).read_bytes())
                except OSError as exc:
                    digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def _private(path: Path) -> bool:
    """Owned by this user and writable by no one else."""
    info = path.stat()
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def entry_path(folder: Path, root: Path) -> Path:
    """The one entry of a data directory: a change replaces it, so the store holds no
    stale copies of a directory."""
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return folder / f"{name}.pickle"


def _read(entry: Path, key: str) -> Dataset | None:
    try:
        if not (_private(entry.parent) and _private(entry)):
            log.warning("not reading %s: another user owns it or may write to it", entry)
            return None
        stored_format, stored_key, dataset = pickle.loads(entry.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file: read the data instead
        log.warning("ignoring the stored dataset %s: %s", entry, exc)
        return None
    if stored_format != _FORMAT or stored_key != key or not isinstance(dataset, Dataset):
        return None
    return dataset


def _write(folder: Path, entry: Path, key: str, dataset: Dataset) -> None:
    """Store in one step (a reader sees the old entry or the new one) and keep the store
    to its size; a store that cannot be written only costs the next start its time."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            log.warning("not writing to %s: another user owns it or may write to it", folder)
            return
        payload = pickle.dumps((_FORMAT, key, dataset), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{entry.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, entry)
        finally:
            Path(tmp).unlink(missing_ok=True)
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not store the dataset in %s: %s", folder, exc)


def load_cached(data_dir: str | os.PathLike[str] | None = None, *,
                fresh: bool = False) -> Dataset:
    """`load_dataset(data_dir)`, taken from the store when nothing it depends on changed;
    `fresh` reads the files all the same and stores the result."""
    with collector_paused():
        return _load_cached(resolve_data_dir(data_dir), fresh)


def _load_cached(root: Path, fresh: bool) -> Dataset:
    folder = cache_dir()
    if not root.is_dir():
        return load_dataset(root)
    key = data_key(root)
    remembered = _memory.pop(str(root), None)
    if remembered and remembered[0] == key and not fresh:
        _memory[str(root)] = remembered  # now the most recent
        return remembered[1]
    entry = entry_path(folder, root) if folder else None
    dataset = _read(entry, key) if entry and not fresh else None
    if dataset is None or dataset.data_dir != root:
        dataset = load_dataset(root)
        if folder and entry:
            _write(folder, entry, key, dataset)
    _memory[str(root)] = (key, dataset)
    while len(_memory) > MAX_REMEMBERED:
        del _memory[next(iter(_memory))]
    return dataset
