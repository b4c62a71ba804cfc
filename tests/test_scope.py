"""One country scope: on a data directory holding Morocco and Tunisia, every table, page,
export and briefing counts Morocco alone; the setting picks the other country."""

from __future__ import annotations

import json

import pytest

from gfmd.briefing import BriefingRequest, compose
from gfmd.cli import main
from gfmd.store.loader import load_dataset
from gfmd.store.scope import COUNTRY_ENV, country_name, load_scoped, resolve_country, scoped
from gfmd.tables.build import TABLES, build_all
from tests.apptest_helpers import metrics, run_page, table_frame, texts
from tests.conftest import FIXTURES

TWO = FIXTURES / "data"  # MAR: 4 years, USD 10,000 new; TUN: 2 years, USD 104,999 new


def test_the_fixture_holds_two_countries() -> None:
    assert {y.country_iso3 for y in load_dataset(TWO).years} == {"MAR", "TUN"}


@pytest.mark.parametrize("name", [n for n in TABLES if n != "summits"])
def test_every_table_holds_morocco_alone(name: str) -> None:
    df = build_all(load_scoped(TWO))[name]
    assert not df.empty
    assert set(df["country_iso3"]) == {"MAR"}


def test_the_setting_picks_the_country(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_country() == "MAR"
    monkeypatch.setenv(COUNTRY_ENV, "tun")
    assert resolve_country() == "TUN"
    assert resolve_country("mar") == "MAR"  # the command-line value wins
    ds = load_scoped(TWO)
    assert (country_name(ds), [y.year for y in ds.years]) == ("Tunisia", [2010, 2011])


def test_a_scoped_view_keeps_shared_reference_and_problems() -> None:
    full = load_dataset(TWO)
    mar = scoped(full, "MAR")
    assert mar.summits == full.summits and mar.sources == full.sources
    assert list(mar.countries) == ["MAR"] and mar.country.name == "Morocco"


@pytest.mark.parametrize(("table", "country", "rows"), [
    ("roundtables", None, 4), ("roundtables", "TUN", 2), ("contributions", None, 5),
])
def test_exports_count_the_configured_country(capsysbinary: pytest.CaptureFixture[bytes],
                                              table: str, country: str | None,
                                              rows: int) -> None:
    args = ["export", table, "--data", str(TWO), "--format", "json"]
    assert main([*args, "--country", country] if country else args) == 0
    records = json.loads(capsysbinary.readouterr().out)
    assert len(records) == rows
    assert {r["country_iso3"] for r in records} == {country or "MAR"}


def test_the_briefing_counts_morocco_alone() -> None:
    b = compose(load_scoped(TWO), BriefingRequest(themes=("labour-mobility",)))
    assert b.selection.money.new_money_usd == 10_000
    assert [r.role.title for r in b.selection.roles] == ["Labour mobility roundtable",
                                                          "Second diaspora roundtable"]
    assert [m.meeting.title for m in b.selection.meetings] == ["Meeting on skills"]
    assert b.file_name("md") == "morocco-gfmd-briefing-labour-mobility-2009-2013.md"
    assert "Tunisia" not in " ".join(s.text for sec in b.sections for blk in sec.blocks
                                     for s in getattr(blk, "sentences", ()))


PAGES_COUNTS = {
    # page: (metric label, value) pairs that would differ if Tunisia were counted
    "app_pages/overview.py": {"Co-chaired roundtables": "1", "Team memberships": "2",
                              "Thematic meetings": "2", "New money (USD)": "10,000"},
    "app_pages/contributions.py": {"New money (USD)": "10,000", "Carry-over (USD)": "2,500"},
}


@pytest.mark.parametrize("page", sorted(PAGES_COUNTS))
def test_pages_count_morocco_alone(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(page, data_dir=TWO, monkeypatch=monkeypatch)
    shown = metrics(at)
    assert {k: shown[k] for k in PAGES_COUNTS[page]} == PAGES_COUNTS[page]


@pytest.mark.parametrize(("page", "rows"), [
    ("app_pages/roundtables.py", 4), ("app_pages/data_sources.py", 4),
    ("app_pages/meetings.py", 3),
])
def test_page_tables_hold_morocco_alone(page: str, rows: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(page, data_dir=TWO, monkeypatch=monkeypatch)
    assert len(table_frame(at, 0)) == rows
    assert "Tunis" not in texts(at)


def test_briefing_page_counts_morocco_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("app_pages/briefing.py", {"theme": "Labour mobility and skills"},
                  data_dir=TWO, monkeypatch=monkeypatch)
    preview = texts(at)
    assert "USD 10,000" in preview
    assert "99,999" not in preview and "Tunisia" not in preview
