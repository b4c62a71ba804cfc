"""What makes a large record load fast changes nothing of what it loads: read on two cores,
it gives the records, problems and files that one core gives; the garbage collector,
paused while it loads, is set back as it was, with the new objects counted as old."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gfmd import loader, two_cores
from gfmd.dataset import Dataset
from gfmd.loader import load_dataset

# 14 made-up countries from the user-assigned ISO range, each with Morocco's 15 years:
# with Morocco's own, 225 year files, past two_cores.MIN_ITEMS.
MADE_UP = [f"QA{c}" for c in "ABCDEFGHIJKLMN"]


@pytest.fixture
def big_record(data_copy: Path) -> Path:
    part = data_copy / "participation"
    for iso3 in MADE_UP:
        (part / iso3).mkdir()
        for path in sorted((part / "MAR").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            (part / iso3 / path.name).write_text(
                text.replace("country_iso3: MAR", f"country_iso3: {iso3}", 1), encoding="utf-8")
    # Problems on both sides of the cut: a broken file early, a duplicate and a wrong
    # year late, so each half has its own to report.
    (part / "QAB/2009.yaml").write_text("year: [unclosed\n", encoding="utf-8")
    (part / "QAM/2011.yml").write_text((part / "QAM/2011.yaml").read_text(), encoding="utf-8")
    wrong = part / "QAN/2012.yaml"
    wrong.write_text(wrong.read_text().replace("year: 2012", "year: 2014", 1), encoding="utf-8")
    return data_copy


def _summary(ds: Dataset) -> tuple[list[tuple[str, int]], list[str], list[Path]]:
    return ([(y.country_iso3, y.year) for y in ds.years], [str(p) for p in ds.problems],
            list(ds.files))


def test_two_cores_load_what_one_core_loads(big_record: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_cores, "cores", lambda: 1)
    one = load_dataset(big_record)
    parts: list[int] = []

    def counted(func, items):  # type: ignore[no-untyped-def]
        done = two_cores.in_halves(func, items)
        parts.append(len(done))
        return done

    monkeypatch.setattr(two_cores, "cores", lambda: 2)
    monkeypatch.setattr(loader, "in_halves", counted)
    two = load_dataset(big_record)
    assert parts == [2], "the record was not read in two halves"
    assert _summary(two) == _summary(one)
    assert len(one.years) == 15 * 15 - 2
    assert [p.split(":")[0] for p in _summary(one)[1]] == [
        "data/participation/QAB/2009.yaml", "data/participation/QAM/2011.yml",
        "data/participation/QAN/2012.yaml"]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_for_a_load_and_set_back(
        enabled: bool, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = loader._load

    def spy(root: Path) -> Dataset:
        seen.append(gc.isenabled())
        return real(root)

    monkeypatch.setattr(loader, "_load", spy)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        load_dataset(data_copy)
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False]
    assert after is enabled


def test_the_collector_is_set_back_when_a_load_fails(data_copy: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(root: Path) -> Dataset:
        raise MemoryError

    monkeypatch.setattr(loader, "_load", broken)
    assert gc.isenabled()
    with pytest.raises(MemoryError):
        load_dataset(data_copy)
    assert gc.isenabled()


def test_a_loaded_record_starts_in_the_oldest_generation(data_copy: Path) -> None:
    """Counted as young, a million loaded objects would be walked by the collector's next
    three passes (bench/scale.py: 0.13-0.18 s after a load of 190 countries)."""
    assert gc.isenabled()
    ds = load_dataset(data_copy)
    oldest = {id(obj) for obj in gc.get_objects(generation=2)}
    assert id(ds.years[0]) in oldest
    assert id(ds.years[0].__dict__) in oldest
