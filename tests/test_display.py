"""Tables for people: every column has a header in words, every coded value a label, and
the on-screen frame hides codes while the downloads keep them."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components.blocks import display_frame
from gfmd.record.dataset import Dataset
from gfmd.record.vocab import Role
from gfmd.tables import display as columns
from gfmd.tables import venues
from gfmd.tables.build import TABLES, build_all
from gfmd.tables.columns import COLUMNS
from gfmd.tables.exports import safe_csv_bytes
from gfmd.text.messages import EN

# A code looks like this: lower-case words joined by dashes or underscores.
CODE = re.compile(r"^(?=.*[a-z])[a-z0-9]+(?:[-_][a-z0-9]+)+$")


def test_every_table_column_has_a_header_in_words() -> None:
    for name, cols in COLUMNS.items():
        for col in cols:
            assert f"col.{col}" in EN, f"{name}.{col} has no header"
            assert columns.header(col) != col


def test_every_value_label_exists() -> None:
    ids = {key for family in columns._VALUE_IDS.values() for key in family.values()}
    ids |= {key for family in columns._STATUS_IDS.values() for key in family.values()}
    assert sorted(i for i in ids if i not in EN) == []


@pytest.fixture(scope="module")
def frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    return build_all(dataset)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_screen_frame_has_no_code_values_or_hidden_columns(
        dataset: Dataset, frames: dict[str, pd.DataFrame], name: str) -> None:
    shown = display_frame(frames[name], dataset)
    assert not set(shown.columns) & columns.SCREEN_HIDDEN
    source_ids = set(dataset.sources)
    theme_ids = set(dataset.themes)
    roles = {r.value for r in Role}
    for col in shown.columns:
        for cell in shown[col].astype(str):
            parts = set(cell.split("; "))
            assert not parts & roles, (name, col, cell)
            assert not parts & theme_ids, (name, col, cell)
            assert cell not in source_ids, (name, col, cell)
            assert not any(f"[{sid}]" in cell for sid in source_ids), (name, col, cell)
            if col not in ("title", "as_written", "rt_code"):
                assert not CODE.match(cell), (name, col, cell)


def test_roundtable_values_read_as_words(dataset: Dataset,
                                         frames: dict[str, pd.DataFrame]) -> None:
    shown = display_frame(frames["roundtables"], dataset)
    first = shown.iloc[0]
    assert first["role"] == "Co-chair"
    assert first["themes"] == "Labour mobility and skills"
    assert first["source"].startswith("GFMD country profile")
    assert list(shown.columns[:5]) == ["year", "role", "rt_code", "title", "note"]
    assert "2013–2014" in set(shown["chairmanship"])
    assert set(shown["partners"]) <= {"", "Not recorded", "None"} | {
        p for p in frames["roundtables"]["partners"].dropna()}


def test_downloads_keep_codes(frames: dict[str, pd.DataFrame]) -> None:
    csv = safe_csv_bytes(frames["roundtables"]).decode("utf-8-sig")
    header = csv.splitlines()[0].split(",")
    # "year" is the summit year a record is filed under: the download says so
    assert header[:5] == ["country_iso3", "summit_year", "chairmanship", "role", "rt_code"]
    assert ",co-chair," in csv and "gfmd-profile-mar" in csv


def test_other_roles_and_citations_are_labelled(dataset: Dataset) -> None:
    sid, src = next(iter(dataset.sources.items()))
    df = pd.DataFrame({"other_roles": [f"co-convener [{sid}]"], "note": [f"Text. [{sid}]"]})
    out = columns.readable(df, dataset)
    assert out.loc[0, "other_roles"] == f"Co-convener [{src.title}]"
    assert out.loc[0, "note"] == f"Text. [{src.title}]"


@pytest.mark.parametrize(("table", "shown", "hidden"), [
    ("venues", {"place"}, {"city", "locality", "host_country"}),  # the place says them
    ("no place", {"city", "host_country"}, set()),  # nothing else says where
])
def test_city_and_country_show_where_no_place_says_them(
        dataset: Dataset, frames: dict[str, pd.DataFrame], table: str, shown: set[str],
        hidden: set[str]) -> None:
    engagements = frames["engagements"]
    rows = venues.located(engagements) if table == "venues" else venues.without_venue(
        engagements)
    assert {"city", "host_country"} <= set(rows.columns)  # the downloads keep them
    on_screen = set(display_frame(rows, dataset).columns)
    assert shown <= on_screen and not hidden & on_screen


def test_no_partner_named_is_said_one_way_with_what_the_search_found(
        dataset: Dataset) -> None:
    """Blank or "Not recorded" depended on the role, and an unknown cited the method note
    (walk review F6, F10): one wording now, and the note's finding in its place."""
    assert dataset.method is not None
    method, other = dataset.method.source, next(s for s in dataset.sources
                                                if s != dataset.method.source)
    df = pd.DataFrame({"role": ["co-chair", "team-member", "co-chair", "co-chair", "co-chair"],
                       "partners": [None, None, None, "Spain", None],
                       "partners_status": ["unknown", None, "none", "named", "unknown"],
                       "partners_source": [method, None, other, other, other]})
    out = columns.readable(df, dataset)
    title = dataset.sources[other].title
    assert out["partners"].tolist() == ["Not recorded", "Not recorded", "None", "Spain",
                                        "Not recorded"]
    assert out.loc[0, "partners_source"] == "Searched: no source found names them"
    assert pd.isna(out.loc[1, "partners_source"])  # nothing recorded, nothing cited
    # A stated none, named partners and an unknown with a source of its own cite it.
    assert out["partners_source"].tolist()[2:] == [title, title, title]
    rows = pd.DataFrame({"partner": [None], "status": ["unknown"], "source": [method]})
    assert columns.readable(rows, dataset)["source"].tolist() == [
        "Searched: no source found names them"]
