"""Issue 10: the record through the 15th Summit, its new record kinds and its citations."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from gfmd.record.dataset import Dataset
from gfmd.record.models import (
    ContextEvent,
    OtherMeeting,
    ParticipationYear,
    RoundtableEntry,
    SideEvent,
    Statement,
    ThematicMeeting,
)
from gfmd.record.reference import MethodNote
from gfmd.record.types import Partners
from gfmd.store.loader import load_dataset
from gfmd.tables import aggregate
from gfmd.tables import build as tables

D = dt.date


def _year(ds: Dataset, year: int) -> ParticipationYear:
    return next(y for y in ds.years if y.year == year)


# --- model rules, table-driven ----------------------------------------------------------

UNKNOWN_YEAR = {"country_iso3": "MAR", "year": 2021, "chairmanship": "2020",
                "record_status": "unknown", "source": "method-note",
                "notes": [{"text": "No source found.", "source": "method-note"}]}
RT = {"role": "co-chair", "rt_code": "1.2", "title": "A roundtable", "themes": ["partnerships"]}
MEETING = {"role": "participated", "title": "A meeting", "themes": ["partnerships"],
           "source": "gfmd-profile-mar"}
UNKNOWN_PARTNERS = {"status": "unknown", "source": "method-note"}

RULES: list[tuple[str, type[BaseModel], dict[str, Any], str | None]] = [
    ("unknown year with only its status and a note", ParticipationYear, UNKNOWN_YEAR, None),
    ("unknown year claiming attendance", ParticipationYear,
     {**UNKNOWN_YEAR, "attendance": {"summit": "yes", "prep_meetings": "unknown"}},
     "carries only country_iso3"),
    ("unknown year claiming a roundtable role", ParticipationYear,
     {**UNKNOWN_YEAR, "roundtable_roles": [RT]}, "remove: roundtable_roles"),
    ("unknown year without a note", ParticipationYear, {**UNKNOWN_YEAR, "notes": []},
     "needs a note"),
    ("recorded year without year evidence", ParticipationYear,
     {**{k: v for k, v in UNKNOWN_YEAR.items() if k != "record_status"},
      "attendance": {"summit": "yes", "prep_meetings": "unknown"},
      "contributions": {"status": "unknown", "source": "method-note"}},
     "year_evidence"),
    ("co-chaired roundtable without partners", RoundtableEntry, RT, "needs partners"),
    ("co-chaired roundtable, partners unknown", RoundtableEntry,
     {**RT, "partners": UNKNOWN_PARTNERS}, None),
    ("co-chaired roundtable, partners named", RoundtableEntry,
     {**RT, "partners": {"status": "named", "names": ["France"], "source": "x"}}, None),
    ("team member needs no partners", RoundtableEntry, {**RT, "role": "team-member"}, None),
    ("partners named without names", Partners, {"status": "named", "source": "x"},
     "needs at least one name"),
    ("partners unknown cannot list names", Partners,
     {"status": "unknown", "names": ["France"], "source": "x"}, "cannot list names"),
    ("a stated none is not unknown", Partners, {"status": "none", "source": "x"}, None),
    ("partners need a source", Partners, {"status": "unknown"}, "source"),
    ("co-convener per another source needs partners", ThematicMeeting,
     {**MEETING, "other_roles": [{"role": "co-convener", "source": "gfmd-news-2013-2014"}]},
     "needs partners"),
    ("participated per the profile needs no partners", ThematicMeeting, MEETING, None),
    ("a role per source needs its source", ThematicMeeting,
     {**MEETING, "other_roles": [{"role": "co-convener"}]}, "source"),
    ("PfP meeting is its own kind", OtherMeeting,
     {"kind": "pfp-meeting", "role": "co-chair", "title": "Platform for Partnerships meeting",
      "themes": ["partnerships"], "source": "x", "partners": UNKNOWN_PARTNERS}, None),
    ("other meeting of an unknown kind", OtherMeeting,
     {"kind": "roundtable", "role": "co-chair", "title": "t", "themes": ["partnerships"],
      "source": "x", "partners": UNKNOWN_PARTNERS}, "kind"),
    ("side event whose title is unknown", SideEvent,
     {"role": "co-sponsor", "title": None, "source": "x"}, None),
    ("side event with an unknown role", SideEvent,
     {"role": "host", "title": "t", "source": "x"}, "role"),
    ("statement without points", Statement, {"points": [], "source": "x"}, "at least 1"),
    ("statement with a date and points", Statement,
     {"date": "2025-09-02", "points": ["A point."], "source": "x"}, None),
    ("context event counted as a GFMD meeting", ContextEvent,
     {"title": "t", "organiser": "UN", "gfmd_meeting": True, "source": "x"}, "False"),
    ("context event never a GFMD meeting", ContextEvent,
     {"title": "t", "organiser": "UN", "gfmd_meeting": False, "source": "x"}, None),
    ("method note without sections", MethodNote,
     {"source": "method-note", "title": "t", "sections": []}, "at least 1"),
]


@pytest.mark.parametrize(("model", "data", "error"), [r[1:] for r in RULES],
                         ids=[r[0] for r in RULES])
def test_model_rules(model: type[BaseModel], data: dict[str, Any], error: str | None) -> None:
    if error is None:
        model.model_validate(data)
        return
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    assert error in str(info.value)


def test_an_unknown_year_reads_as_unknown_everywhere() -> None:
    rec = ParticipationYear.model_validate(UNKNOWN_YEAR)
    assert rec.record_status.value == "unknown"
    assert (rec.attendance.summit.value, rec.attendance.prep_meetings.value) == (
        "unknown", "unknown")
    assert (rec.contributions.status.value, rec.contributions.source) == (
        "unknown", "method-note")
    assert rec.roundtable_roles == [] and rec.delegation is None
    # the year is the summit year itself; no profile position, the file's own source
    assert (rec.year_evidence.profile_position, rec.year_evidence.sources) == (
        None, ["method-note"])


# --- the facts -------------------------------------------------------------------------


def test_2021_and_2024_are_files_that_say_unknown(dataset: Dataset) -> None:
    for year in (2021, 2024):
        rec = _year(dataset, year)
        assert rec.record_status.value == "unknown"
        assert "Not recorded, not absent" in rec.notes[0].text


def test_quito_2020_delegation_and_troika(dataset: Dataset) -> None:
    rec = _year(dataset, 2020)
    assert (rec.chairmanship, rec.attendance.summit.value) == ("2019", "yes")
    assert rec.delegation is not None and rec.delegation.head is not None
    assert (rec.delegation.head.name, rec.delegation.head.source) == (
        "Nezha El Ouafi", "mapexpress-quito")
    assert [m.name for m in rec.delegation.members] == ["Farida Loudaya"]
    assert any("Troika" in n.text and n.source == "mapexpress-quito" for n in rec.notes)


def test_riohacha_2025_delegation_side_events_and_statement(dataset: Dataset) -> None:
    rec = _year(dataset, 2025)
    assert (rec.chairmanship, rec.attendance.summit.value) == ("2024-2025", "yes")
    assert rec.delegation is not None and rec.delegation.head is not None
    assert rec.delegation.head.name == "Farida Loudaya"
    assert [m.name for m in rec.delegation.members] == ["Samir Ajraam", "Mohamed El Makouti"]
    assert [(e.role.value, e.title) for e in rec.side_events] == [
        ("co-sponsor", None), ("co-sponsor", None)]  # two, titles unknown
    (statement,) = rec.statements
    assert len(statement.points) == 4 and statement.source == "mediaenquete24-2025"
    assert any("2017" in p and "African Union" in p for p in statement.points)
    assert rec.contributions.status.value == "unknown"


def test_marrakesh_2018_host_venue_opening_and_closing(dataset: Dataset) -> None:
    summit11 = next(s for s in dataset.summits if s.number == 11)
    assert (summit11.venue, summit11.venue_source) == ("Palmeraie Palace",
                                                       "gfmd-eleventh-summit")
    assert "Morocco" in summit11.chairs and summit11.host_country == "Morocco"
    opening, closing = _year(dataset, 2018).statements
    assert (opening.date, opening.source) == (D(2018, 12, 5), "maroc-diplomatique-opening-2018")
    assert (closing.date, closing.source) == (D(2018, 12, 7), "atlasinfo-closing-2018")
    assert "135 countries" in closing.points[0] and "2,000 delegates" in closing.points[0]


def test_the_global_compact_conference_is_never_a_gfmd_meeting(dataset: Dataset) -> None:
    (gcm,) = _year(dataset, 2018).context_events
    assert (gcm.start_date, gcm.end_date, gcm.gfmd_meeting) == (
        D(2018, 12, 10), D(2018, 12, 11), False)
    assert gcm.source == "un-gcm-conference"
    for name in ("thematic_meetings", "engagements", "summits", "partners"):
        df = tables.TABLES[name].build(dataset)
        text = df["title" if "title" in df else "theme"].fillna("")
        assert not text.str.contains("Global Compact").any(), name
        if "start_date" in df:
            assert D(2018, 12, 10) not in df["start_date"].tolist(), name


def test_partners_of_every_co_chaired_role(dataset: Dataset) -> None:
    df = tables.partners(dataset)
    named = df[df["status"] == "named"]
    assert sorted(zip(named["year"], named["kind"], named["partner"], strict=True)) == [
        (2011, "thematic-meeting", "France"),
        (2012, "roundtable", "France"), (2012, "roundtable", "Kenya"),
        (2014, "roundtable", "Spain"),
        (2014, "thematic-meeting", "Netherlands"), (2014, "thematic-meeting", "Sweden"),
        (2017, "co-chairmanship", "Germany"), (2017, "thematic-meeting", "Germany"),
        (2018, "co-chairmanship", "Germany"),
    ]
    unknown = df[df["status"] == "unknown"]
    assert sorted(zip(unknown["year"], unknown["kind"], strict=True)) == [
        (2007, "roundtable"), (2009, "roundtable"), (2010, "roundtable"),
        (2011, "roundtable"), (2011, "thematic-meeting"), (2012, "roundtable"),
        (2014, "pfp-meeting"), (2015, "roundtable"), (2016, "roundtable"),
    ]
    assert unknown["partner"].isna().all()
    # every co-chaired roundtable has a partners row: 9 roundtables
    assert (df[df["kind"] == "roundtable"]
            .drop_duplicates(["year", "title"]).shape[0]) == 9


def test_summit_year_of_each_record_is_the_year_its_summit_met(dataset: Dataset) -> None:
    summit_of = {s.year: (s.number, s.chairmanship) for s in dataset.summits}
    assert {y.year: (summit_of[y.year][0], y.chairmanship) for y in dataset.years
            if y.year >= 2020} == {2020: (12, "2019"), 2021: (13, "2020"),
                                   2024: (14, "2022-2023"), 2025: (15, "2024-2025")}
    assert all(summit_of[y.year][1] == y.chairmanship for y in dataset.years)


# --- citations a reader can follow -------------------------------------------------------

PROJECT_PATH = re.compile(r"shared/|reference/|\.md\b|\.ya?ml\b|\.txt\b|dashboard project",
                          re.IGNORECASE)


def test_no_source_names_a_project_file_or_path(dataset: Dataset) -> None:
    offenders = [
        (s.id, text) for s in dataset.sources.values()
        for text in (s.title, s.publisher, s.url or "", s.seed or "")
        if PROJECT_PATH.search(text)
    ]
    assert offenders == []


def test_the_project_readings_cite_one_method_source(dataset: Dataset) -> None:
    inferences = sorted(s.id for s in dataset.sources.values() if s.kind == "inference")
    assert inferences == ["method-note"]
    assert all("method-note" in y.year_evidence.sources
               for y in dataset.years if y.year_evidence.profile_position)
    carry = next(i for i in _year(dataset, 2018).contributions.items if i.kind == "carry-over")
    assert [n.source for n in carry.notes] == ["method-note", "gfmd-who-pays"]


def test_the_method_note_is_loaded_in_full(dataset: Dataset) -> None:
    note = dataset.method
    assert note is not None and note.source == "method-note"
    assert note.title == "How this record was built"
    headings = [s.heading for s in note.sections]
    assert headings[:2] == ["Which sources were used",
                            "Which summit year each profile record belongs to, and how sure we are"]
    assert {"How themes were tagged", "Why carry-over is not new money",
            'What "unknown" means'} <= set(headings)
    # The note's worked example is the record's own total (test_totals.py pins that).
    new_money = aggregate.money_totals(tables.contributions(dataset)).new_money_usd
    assert f"{new_money:,}" in next(s.text for s in note.sections if "carry-over" in s.heading)


def test_the_method_note_must_cite_an_inference_source(data_copy) -> None:
    path = data_copy / "reference/method.yaml"
    path.write_text(path.read_text().replace("source: method-note", "source: gfmd-profile-mar",
                                             1))
    ds = load_dataset(data_copy)
    assert ds.method is None
    assert [str(p) for p in ds.problems] == [
        "data/reference/method.yaml:4: source: the method note's source 'gfmd-profile-mar' "
        "must be of kind 'inference', not 'primary'"]


def test_every_secondary_source_has_a_url(dataset: Dataset) -> None:
    assert [s.id for s in dataset.sources.values() if s.kind == "secondary" and not s.url] == []
