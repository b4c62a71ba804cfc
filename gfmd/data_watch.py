"""Noticing a change of the data files without making a reader wait for the look.

Every worker must show an accepted change, or an edit on disk, within about 2 s. Looking
means a stat of every file: 0.1 ms for Morocco's record, 15 ms for 190 countries
(bench/scale.py), and the rerun that found the last look too old used to pay it, so one
reader's rerun in every 2 s took twice as long. A daemon thread now looks again every 2 s
at each data directory that pages asked about lately, and a page takes its latest answer.
The first ask for a directory looks at once, and so does the ask after `forget` (the
worker that has just written an accepted change must see it on its next run). A directory
nobody asked about for a minute is no longer looked at, and with none left the thread
ends, so a quiet server does no work.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

INTERVAL_S = 2.0
IDLE_S = 60.0


def fingerprint(root: Path) -> str:
    """Digest of the data files' names, sizes and modification times under `root`."""
    digest = hashlib.sha256()
    for dirpath, _, filenames in sorted(os.walk(root)):
        for name in sorted(filenames):
            try:
                info = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            digest.update(f"{dirpath}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class _Watched:
    """One directory's latest fingerprint. `forget` drops the entry, so a look that began
    before it writes only to the dropped entry and cannot put the old files back."""

    value: str
    asked: float  # monotonic time of the last ask


class DataWatch:
    """The latest fingerprint of each data directory asked about, kept current by a
    thread of its own."""

    def __init__(self, interval_s: float = INTERVAL_S, idle_s: float = IDLE_S) -> None:
        self._interval_s = interval_s
        self._idle_s = idle_s
        self._lock = threading.Lock()
        self._watched: dict[str, _Watched] = {}
        self._generations: dict[str, int] = {}  # `forget`s so far, per directory
        self._thread: threading.Thread | None = None

    def current(self, root: Path) -> str:
        """The fingerprint of `root` as last seen (at most about 2 s ago)."""
        key = str(root)
        now = time.monotonic()
        with self._lock:
            watched = self._watched.get(key)
            if watched is not None:
                watched.asked = now
                return watched.value
            generation = self._generations.get(key, 0)
        value = fingerprint(root)
        with self._lock:
            if self._generations.get(key, 0) == generation:
                self._watched[key] = _Watched(value, now)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="gfmd-data-watch",
                                                daemon=True)
                self._thread.start()
        return value

    def forget(self, root: Path) -> None:
        """Look at `root` again on the next ask, not up to 2 s later."""
        key = str(root)
        with self._lock:
            self._watched.pop(key, None)
            self._generations[key] = self._generations.get(key, 0) + 1

    def _run(self) -> None:
        while True:
            time.sleep(self._interval_s)
            with self._lock:
                now = time.monotonic()
                for key in [k for k, w in self._watched.items() if now - w.asked > self._idle_s]:
                    del self._watched[key]
                if not self._watched:
                    self._thread = None
                    return
                due = list(self._watched.items())
            for key, watched in due:
                value = fingerprint(Path(key))
                with self._lock:
                    watched.value = value  # a forgotten entry is no longer read
