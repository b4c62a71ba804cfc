"""Exports: column contracts, spreadsheet-safe CSV, JSON, and the CLI that writes them."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from gfmd.record.dataset import Dataset
from gfmd.tables import build as tables
from gfmd.tables.exports import json_bytes, safe_csv_bytes
from tests.cli_helpers import CliResult, run_cli
from tests.conftest import ROOT

REQUIRED = {
    "participation": ["country_iso3", "year", "chairmanship", "summit_attended",
                      "prep_meetings_attended", "roundtable_roles", "thematic_meetings",
                      "new_money_usd", "source", "summit_number", "summit_place",
                      "head_of_delegation", "record_status"],
    "roundtables": ["country_iso3", "year", "chairmanship", "role", "rt_code", "title",
                    "themes", "source", "partners"],
    "thematic_meetings": ["country_iso3", "year", "role", "title", "start_date", "end_date",
                          "city", "locality", "host_country", "latitude", "longitude",
                          "themes", "note", "source", "partners"],
    "partners": ["partner", "year", "kind", "title", "themes", "source"],
    "delegations": ["year", "summit_number", "name", "title", "role", "source"],
    "contributions": ["country_iso3", "year", "status", "amount_usd", "kind",
                      "counts_as_new_money", "note", "source"],
    "summits": ["number", "chairmanship", "chairs", "city", "host_country", "start_date",
                "end_date", "theme", "latitude", "longitude", "virtual", "source"],
}
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR",
           "plain", "Casablanca – Rabat, é"]


def _run(*args: str, env_data: str | None = None) -> CliResult:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("GFMD_DATA_DIR", raising=False)
        if env_data:
            mp.setenv("GFMD_DATA_DIR", env_data)
        return run_cli(*args)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_export_column_contract(dataset: Dataset, name: str) -> None:
    columns = list(tables.TABLES[name].build(dataset).columns)
    assert [c for c in REQUIRED[name] if c not in columns] == []


def test_csv_neutralises_formula_text_and_keeps_numbers() -> None:
    df = pd.DataFrame({"title": HOSTILE, "amount_usd": pd.array([-5, 1, 2, 3, 4, 5, 6, None],
                                                                 dtype="Int64")})
    raw = safe_csv_bytes(df)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert back["title"].tolist() == [
        "'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTAB",
        "\ufffdCR",  # a carriage return would write over a terminal's line: marked
        "plain", "Casablanca – Rabat, é",
    ]
    # numbers are written as numbers: a negative amount is not mistaken for a formula
    assert back["amount_usd"].astype(str).tolist() == ["-5", "1", "2", "3", "4", "5", "6", ""]


def test_csv_header_is_neutralised_too() -> None:
    raw = safe_csv_bytes(pd.DataFrame({"=cmd": ["x"]}))
    assert raw.decode("utf-8-sig").splitlines()[0] == "'=cmd"


def test_json_keeps_unknown_as_null_and_dates_iso(dataset: Dataset) -> None:
    records = json.loads(json_bytes(tables.thematic_meetings(dataset)))
    skhirat = next(r for r in records if r["city"] == "Skhirat")
    assert (skhirat["start_date"], skhirat["end_date"]) == ("2018-04-18", "2018-04-19")
    assert skhirat["locality"] is None
    contributions = json.loads(json_bytes(tables.contributions(dataset)))
    assert [r["amount_usd"] for r in contributions if r["summit_year"] == 2017] == [None]


def test_cli_export_csv_with_year_range() -> None:
    result = _run("export", "roundtables", "--years", "2010-2012")
    assert result.returncode == 0, result.stderr
    df = pd.read_csv(io.BytesIO(result.stdout), encoding="utf-8-sig")
    assert sorted(set(df["summit_year"])) == [2010, 2011, 2012]
    assert len(df) == 4 + 1 + 2


def test_cli_export_json_every_fact_of_a_year() -> None:
    result = _run("export", "contributions", "--format", "json", "--years", "2018")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [(r["amount_usd"], r["kind"], r["counts_as_new_money"]) for r in rows] == [
        (48342, "carry-over", False), (207622, "unspecified", True)]


def test_python_dash_m_gfmd_runs_the_command_line() -> None:
    """The one subprocess: the module entry point, as a user types it."""
    result = subprocess.run([sys.executable, "-m", "gfmd", "validate"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_cli_validate_bundled_data_passes() -> None:
    result = _run("validate")
    assert result.returncode == 0
    assert result.text.startswith("OK: 22 files valid in ")
    assert "15 participation years (MAR), 15 summits" in result.text


def test_cli_export_participation_lists_every_summit_year_with_its_status() -> None:
    result = _run("export", "participation", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["summit_year"]: r for r in json.loads(result.stdout)}
    assert list(rows) == [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018,
                          2020, 2021, 2024, 2025]
    assert [y for y, r in rows.items() if r["record_status"] == "unknown"] == [2021, 2024]
    assert [(r["summit_number"], r["summit_place"], r["head_of_delegation"])
            for y, r in rows.items() if y >= 2018] == [
        (11, "Marrakesh, Morocco", None), (12, "Quito, Ecuador", "Nezha El Ouafi"),
        (13, "online", None), (14, "Geneva, Switzerland", None),
        (15, "Riohacha, La Guajira, Colombia", "Farida Loudaya")]
    assert rows[2021]["summit_attended"] == "unknown"  # not recorded, never "no"


def test_cli_export_partners_and_delegations() -> None:
    partners = pd.read_csv(io.BytesIO(_run("export", "partners").stdout), encoding="utf-8-sig",
                           keep_default_na=False)
    named = partners[partners["status"] == "named"]
    assert sorted(set(named["partner"])) == ["France", "Germany", "Kenya", "Netherlands",
                                             "Spain", "Sweden"]
    unknown = partners[partners["status"] == "unknown"]
    assert (unknown["partner"] == "").all()  # empty when no source names them
    delegations = pd.read_csv(io.BytesIO(_run("export", "delegations", "--years", "2025").stdout),
                              encoding="utf-8-sig")
    assert delegations[["summit_number", "name", "role"]].values.tolist() == [
        [15, "Farida Loudaya", "head"], [15, "Samir Ajraam", "member"],
        [15, "Mohamed El Makouti", "member"]]


def test_roundtable_and_meeting_exports_carry_partners(dataset: Dataset) -> None:
    rt = tables.roundtables(dataset).set_index(["year", "rt_code"])
    assert rt.loc[(2012, "1.2"), "partners"] == "France; Kenya"
    assert rt.loc[(2014, "2.1"), "partners"] == "Spain"
    assert pd.isna(rt.loc[(2015, "2.1"), "partners"])
    assert rt.loc[(2015, "2.1"), "partners_status"] == "unknown"
    meetings = tables.thematic_meetings(dataset)
    sep2013 = meetings[meetings["start_date"] == dt.date(2013, 9, 11)].iloc[0]
    assert (sep2013["role"], sep2013["other_roles"], sep2013["partners"]) == (
        "participated", "co-convener [gfmd-news-2013-2014]", "Sweden; Netherlands")


def test_cli_validate_reports_each_problem_and_exits_1(data_copy: Path) -> None:
    bad = data_copy / "participation/MAR/2009.yaml"
    bad.write_text(bad.read_text().replace("role: co-chair", "role: boss"))
    (data_copy / "participation/MAR/2012.yaml").write_text("year: [\n")
    result = _run("validate", "--data", str(data_copy))
    assert result.returncode == 1
    lines = result.text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("data/participation/MAR/2009.yaml:17: roundtable_roles[0].role: 'boss'")
    assert lines[1].startswith("data/participation/MAR/2012.yaml:")
    assert "Traceback" not in result.stderr


def test_data_dir_precedence_env_then_flag(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "participation/MAR/2012.yaml").unlink()
    via_env = _run("export", "participation", "--format", "json", env_data=str(data_copy))
    assert 2012 not in [r["summit_year"] for r in json.loads(via_env.stdout)]
    via_flag = _run("export", "participation", "--format", "json", "--data",
                    str(ROOT / "data"), env_data=str(data_copy))
    assert 2012 in [r["summit_year"] for r in json.loads(via_flag.stdout)]


def test_cli_bad_usage_never_prints_a_traceback() -> None:
    for args in (["export", "nope"], ["export", "summits", "--years", "2016-2010"], ["frobnicate"]):
        result = _run(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr


def test_a_briefing_with_every_section_holds_exactly_those_sections(dataset: Dataset) -> None:
    from gfmd.briefing import SECTIONS as BRIEFING_SECTIONS
    from gfmd.briefing import BriefingRequest, compose

    b = compose(dataset, BriefingRequest(themes=("labour-mobility",),
                                         sections=BRIEFING_SECTIONS))
    assert [s.id for s in b.sections] == ["key-messages", *BRIEFING_SECTIONS]
