"""Work shared with a forked child gives what one process gives, whatever the child does."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

import pytest

from gfmd import two_cores
from gfmd.two_cores import in_halves

PARENT = os.getpid()


def squares_and_pid(items: Sequence[int]) -> tuple[list[int], int]:
    return [i * i for i in items], os.getpid()


def fails_in_the_child(items: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT:
        raise SystemExit(3)
    return [i * i for i in items]


@pytest.fixture
def two_cores_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite may run where the machine lends one core; the split is what is tested."""
    monkeypatch.setattr(two_cores, "cores", lambda: 2)


@pytest.mark.usefixtures("two_cores_here")
@pytest.mark.parametrize(("n", "parts"), [(0, 1), (5, 1), (199, 1), (200, 2), (1001, 2)])
def test_long_lists_are_split_in_two_and_short_ones_are_not(n: int, parts: int) -> None:
    done = in_halves(squares_and_pid, list(range(n)))
    assert len(done) == parts
    assert [v for values, _ in done for v in values] == [i * i for i in range(n)]
    assert done[0][1] == PARENT
    if parts == 2:
        assert done[1][1] != PARENT, "the second half was not computed in a child"


@pytest.mark.usefixtures("two_cores_here")
def test_a_failed_child_costs_time_not_the_result() -> None:
    done = in_halves(fails_in_the_child, list(range(300)))
    assert [v for part in done for v in part] == [i * i for i in range(300)]


def test_one_core_does_it_all_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_cores, "cores", lambda: 1)
    done = in_halves(squares_and_pid, list(range(500)))
    assert done == [([i * i for i in range(500)], PARENT)]


def stuck_in_the_child(items: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT:
        time.sleep(3600)
    return [i * i for i in items]


@pytest.mark.usefixtures("two_cores_here")
def test_a_stuck_child_is_stopped_and_its_half_done_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_cores, "MIN_WAIT_S", 0.5)
    start = time.perf_counter()
    done = in_halves(stuck_in_the_child, list(range(300)))
    assert [v for part in done for v in part] == [i * i for i in range(300)]
    assert time.perf_counter() - start < 5
