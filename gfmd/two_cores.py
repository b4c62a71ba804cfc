"""Run one function over a list on two cores: a forked child takes the second half.

Reading a large record is Python-bound work (YAML, validation) that threads cannot share
under the GIL: one core reads 190 countries in about 0.9 s (bench/scale.py). A forked
child inherits the code, the arguments and the function itself, so only its result
crosses back, pickled. Where a fork is not possible, or the list is short, or there is one
core, everything runs here, and so does the child's half if the child fails: the result
is the same either way, only the time differs.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork and the pickled result cost more than the half they save.
MIN_ITEMS = 200
# How long the child may take beyond this process's own half before its half is done here
# instead: a fork of a threaded server can in rare cases leave the child stuck on a lock
# another thread held, and a reader must not wait for it.
MIN_WAIT_S = 5.0
SLOWER = 4


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def in_halves(func: Callable[[Sequence[T]], R], items: Sequence[T],
              min_items: int = MIN_ITEMS) -> list[R]:
    """`[func(first half), func(second half)]`, the second computed in a forked child while
    this process computes the first; `[func(items)]` when splitting cannot help."""
    if (len(items) < min_items or cores() < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [func(items)]
    cut = len(items) // 2
    head, tail = items[:cut], items[cut:]
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(func, tail, send), daemon=True)
    try:
        child.start()
    except Exception:  # no fork here (a daemon process, a limit on processes): one core
        receive.close()
        send.close()
        return [func(items)]
    send.close()
    theirs: list[R] = []
    try:
        start = time.perf_counter()
        mine = func(head)
        wait = max(MIN_WAIT_S, SLOWER * (time.perf_counter() - start))
        if receive.poll(wait):
            with suppress(EOFError):  # the child died before its answer
                theirs.append(receive.recv())
    finally:
        receive.close()
        if not theirs:
            child.kill()
        child.join()
    return [mine, theirs[0] if theirs and child.exitcode == 0 else func(tail)]


def _send_result(func: Callable[[Sequence[T]], R], items: Sequence[T],
                 send: Connection) -> None:
    send.send(func(items))
    send.close()
