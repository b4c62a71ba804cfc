"""The bundled data says what Morocco's GFMD country profile says, year by year."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gfmd.record.dataset import Dataset
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.store.yaml_read import read_yaml
from gfmd.tables import build as tables
from tests.conftest import FIXTURES

PROFILE = (FIXTURES / "gfmd-profile-morocco.txt").read_text(encoding="utf-8")

EXPECTED_ROLES = {
    2007: [("co-chair", "1.2", "Temporary labor migration as a contribution to development: sharing responsibility")],
    2008: [
        ("team-member", "1.2", "Empowering Migrants and Diaspora to Contribute to Development"),
        ("team-member", "2.1", "Fostering more opportunities for regular migration"),
        ("team-member", "3.1", "Strengthening data and research tools on migration and development"),
    ],
    2009: [("co-chair", "3.1", "Policy and Institutional Coherence - Latest Data and Research Findings")],
    2010: [
        ("team-member", "1.2", "Joint strategies to address irregular migration"),
        ("team-member", "2.1", "Reducing the cost of migration and maximizing human development"),
        ("team-member", "3.1", "Assessing the impact of migration on the economic and social development and addressing its cause-effect relationship"),
        ("co-chair", "3.3", "How can RCPs and Inter-regional better include the migration and development nexus?"),
    ],
    2011: [("co-chair", "3.2", "Impact assessments of migration and development policies")],
    2012: [
        ("co-chair", "1.2", "Supporting migrants and diaspora as agents of socioeconomic change"),
        ("co-chair", "2.1", "Supporting national development through migration mainstreaming processes, extended migration profiles and poverty reduction strategies"),
    ],
    2014: [
        ("co-chair", "2.1", "Enhancing the development impacts of labour migration and circular mobility through more systematic labour market and skills matching"),
    ],
    2015: [("co-chair", "2.1", "Mainstreaming migration into planning at the sectoral level")],
    2016: [
        ("co-chair", "2.1", "Migration, diversity and harmonious societies"),
        ("team-member", "2.2", "Protection of migrants in all situations"),
        ("team-member", "3.1", "Migrants in situations of crises: conflict, climate change and natural disasters"),
        ("team-member", "3.2", "Principles, institutions and processes for safe, orderly and regular migration"),
    ],
    2017: [("coordinator", None, "Roundtable Team Consultations")],
    2018: [],
}

D = dt.date
EXPECTED_MEETINGS = {
    2011: [
        ("co-chair", D(2011, 6, 14), D(2011, 6, 15), "Marseille", None, "France"),
        ("co-chair", D(2011, 9, 19), D(2011, 9, 22), "Taroudant", "Taliouine", "Morocco"),
    ],
    2014: [
        ("attended", D(2013, 5, 22), D(2013, 5, 22), "Geneva", None, "Switzerland"),
        ("participated", D(2013, 9, 11), D(2013, 9, 11), "Geneva", None, "Switzerland"),
    ],
    2015: [
        ("participated", D(2015, 2, 5), D(2015, 2, 5), "Geneva", None, "Switzerland"),
        ("attended", D(2015, 9, 8), D(2015, 9, 8), "Geneva", None, "Switzerland"),
    ],
    2016: [
        ("attended", D(2016, 3, 29), D(2016, 3, 29), "Bangkok", None, "Thailand"),
        ("attended", D(2016, 5, 18), D(2016, 5, 18), "Geneva", None, "Switzerland"),
    ],
    2018: [
        ("participated", D(2018, 4, 18), D(2018, 4, 19), "Skhirat", None, "Morocco"),
        ("participated", D(2018, 5, 3), D(2018, 5, 3), "Geneva", None, "Switzerland"),
        ("participated", D(2018, 6, 21), D(2018, 6, 22), "Agadir", None, "Morocco"),
    ],
}


PROFILE_YEARS = [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]


def _year(ds: Dataset, year: int):
    return next(y for y in ds.years if y.year == year)


def test_every_summit_year_with_its_chairmanship(dataset: Dataset) -> None:
    assert [(y.year, y.chairmanship) for y in dataset.years] == [
        (2007, "2007"), (2008, "2008"), (2009, "2009"), (2010, "2010"), (2011, "2011"),
        (2012, "2012"), (2014, "2013-2014"), (2015, "2014-2015"), (2016, "2016"),
        (2017, "2017-2018"), (2018, "2017-2018"), (2020, "2019"), (2021, "2020"),
        (2024, "2022-2023"), (2025, "2024-2025"),
    ]
    assert [y.year for y in dataset.years] == dataset.summit_years


def test_the_eleven_profile_records_keep_their_positions(dataset: Dataset) -> None:
    positions = [(y.year, y.year_evidence.profile_position)
                 for y in dataset.years if y.year_evidence.profile_position]
    assert positions == list(zip(PROFILE_YEARS, range(1, 12), strict=True))


@pytest.mark.parametrize("year", sorted(EXPECTED_ROLES))
def test_roundtable_roles_per_year_equal_the_profile(dataset: Dataset, year: int) -> None:
    roles = [(r.role.value, r.rt_code, r.title) for r in _year(dataset, year).roundtable_roles]
    assert roles == EXPECTED_ROLES[year]


def test_2018_states_no_roundtable_participation(dataset: Dataset) -> None:
    assert _year(dataset, 2018).no_roundtable_participation
    assert "RT Participation\n\nNo Participation" in PROFILE


@pytest.mark.parametrize("year", PROFILE_YEARS)
def test_thematic_meetings_per_year_equal_the_profile(dataset: Dataset, year: int) -> None:
    meetings = [
        (m.role.value, m.start_date, m.end_date, m.city, m.locality, m.country)
        for m in _year(dataset, year).thematic_meetings if m.in_profile
    ]
    assert meetings == EXPECTED_MEETINGS.get(year, [])


def test_every_as_written_line_is_in_the_profile_verbatim(dataset: Dataset) -> None:
    lines = [
        item.as_written
        for rec in dataset.years
        for item in (*rec.roundtable_roles, *rec.other_meetings, *rec.thematic_meetings,
                     *rec.contributions.items)
        if item.as_written
    ]
    assert len(lines) == 19 + 1 + 11 + 4
    missing = [line for line in lines if line not in PROFILE]
    assert missing == []


def test_the_platform_for_partnerships_meeting_is_its_own_kind(dataset: Dataset) -> None:
    (pfp,) = _year(dataset, 2014).other_meetings
    assert (pfp.kind.value, pfp.role.value) == ("pfp-meeting", "co-chair")
    assert pfp.title == "Platform for Partnerships meeting"  # the correct name is shown
    assert pfp.as_written == 'Co-Chair in "Plaform for Partnerships" meeting'  # as written
    assert pfp.as_written in PROFILE
    assert "Plaform" in pfp.notes[0].text


def test_attendance_summits_prep_meetings_and_other(dataset: Dataset) -> None:
    assert all(_year(dataset, y).attendance.summit.value == "yes" for y in PROFILE_YEARS)
    assert PROFILE.count("Attended Summit") == 11
    prep = [y.year for y in dataset.years if y.attendance.prep_meetings.value == "yes"]
    assert prep == [2008, 2010]
    assert PROFILE.count("Attended Prep Meetings") == 2
    assert _year(dataset, 2007).attendance.other == ["Attended Meeting"]


def test_amounts_and_stated_nones_equal_the_profile(dataset: Dataset) -> None:
    df = tables.contributions(dataset)
    amounts = [(int(r.year), int(r.amount_usd), r.kind) for r in df.itertuples()
               if r.status == "amount"]
    assert amounts == [(2016, 50000, "non-earmarked"), (2018, 48342, "carry-over"),
                       (2018, 207622, "unspecified")]
    none_years = df.loc[df["status"] == "none", "year"].tolist()
    assert none_years == [2008, 2009, 2010, 2011, 2012, 2014, 2015]
    assert PROFILE.count("No Financial Contribution") == len(none_years)
    assert df.loc[df["status"] == "unknown", "year"].tolist() == [
        2007, 2017, 2020, 2021, 2024, 2025]


def test_profile_free_text_note_is_kept(dataset: Dataset) -> None:
    texts = [n.text for n in _year(dataset, 2017).notes]
    assert texts == ["Morocco will host the GFMD Summit in December 2018"]


def test_disagreements_are_carried_as_sourced_notes(dataset: Dataset) -> None:
    marseille, taroudant = _year(dataset, 2011).thematic_meetings
    assert [(n.text, n.source) for n in marseille.notes] == [
        ("The Center for Mediterranean Integration lists the event as 13–15 June 2011.",
         "cmi-marseille-2011")
    ]
    assert taroudant.start_date == D(2011, 9, 19)  # the profile's date is kept
    (note,) = taroudant.notes  # one note states both sources' dates
    assert "19–22 September 2011" in note.text and "20–22 September 2011" in note.text
    assert "at Taliouine" in note.text and note.source == "docslib-2011-summary"
    recruitment = _year(dataset, 2014).thematic_meetings[1]
    assert recruitment.role.value == "participated"  # the profile's word, kept
    assert [(r.role.value, r.source) for r in recruitment.other_roles] == [
        ("co-convener", "gfmd-news-2013-2014")]  # and the GFMD's, with who says it
    assert "co-convened" in recruitment.notes[0].text


def _raw_ids(keys: set[str]) -> list[tuple[str, str]]:
    """(file, id) for every value under `keys` in every YAML file, read raw: the loader
    drops a record whose ids do not resolve, so the loaded dataset cannot show them."""
    found = []
    for path in sorted(DEFAULT_DATA_DIR.rglob("*.yaml")):
        stack = [read_yaml(path).data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in keys and isinstance(value, str):
                        found.append((path.name, value))
                    elif key in keys and isinstance(value, list):
                        found += [(path.name, v) for v in value if isinstance(v, str)]
                    else:
                        stack.append(value)
            elif isinstance(node, list):
                stack.extend(node)
    return found


def test_every_cited_source_resolves_and_urls_are_well_formed(dataset: Dataset) -> None:
    cited = _raw_ids({"source", "date_source", "venue_source", "gcm_source", "sources"})
    assert len(cited) > 100
    assert [c for c in cited if c[1] not in dataset.sources] == []
    assert dataset.problems == ()
    profile = dataset.sources["gfmd-profile-mar"]
    assert (profile.kind, profile.url) == ("primary", "https://gfmd.org/pfp/ppd/morocco")
    assert dataset.sources["method-note"].kind == "inference"


def test_summits_one_to_fifteen_and_no_sixteenth(dataset: Dataset) -> None:
    df = tables.summits(dataset)
    assert df["number"].tolist() == list(range(1, 16))  # no source names a 16th summit
    assert df["year"].tolist()[-4:] == [2020, 2021, 2024, 2025]
    assert df.loc[df["number"] == 11, ["city", "host_country"]].values.tolist() == [
        ["Marrakesh", "Morocco"]]
    s13 = df[df["number"] == 13].iloc[0]
    assert bool(s13["virtual"]) and pd_isna(s13["city"]) and pd_isna(s13["latitude"])
    s15 = df[df["number"] == 15].iloc[0]
    assert (s15["city"], s15["host_country"]) == ("Riohacha", "Colombia")
    assert (s15["start_date"], s15["end_date"]) == (D(2025, 9, 2), D(2025, 9, 4))
    assert (s15["latitude"], s15["longitude"]) == (11.54, -72.91)
    summit15 = dataset.summits[-1]
    assert (summit15.locality, summit15.chairs) == ("La Guajira", ["Colombia"])


def test_every_role_and_meeting_is_tagged_with_known_themes(dataset: Dataset) -> None:
    tags = _raw_ids({"themes"})
    assert [tag for tag in tags if tag[1] not in dataset.themes] == []
    for rec in dataset.years:
        for item in (*rec.roundtable_roles, *rec.thematic_meetings):
            assert item.themes and set(item.themes) <= set(dataset.themes)
    assert 10 <= len(dataset.themes) <= 14
    assert all(t.gcm_objectives for t in dataset.themes.values())


def test_morocco_country_file(dataset: Dataset) -> None:
    mar = dataset.countries["MAR"]
    assert (mar.centroid_latitude, mar.centroid_longitude) == (32.0, -5.0)
    assert len(mar.pfp_practices) == 6
    co_chair = next(r for r in mar.structural_roles if r.role == "co-chair")
    assert (co_chair.start, co_chair.end) == (D(2017, 1, 1), D(2018, 12, 31))
    assert co_chair.partners is not None and co_chair.partners.names == ["Germany"]
    troika = sorted(y for r in mar.structural_roles if r.role == "troika" for y in r.years)
    assert troika == [2016, 2017, 2018, 2020]
    steering = next(r for r in mar.structural_roles if r.role == "steering-group")
    assert steering.status == "unknown" and steering.source == "method-note"


def pd_isna(value: object) -> bool:
    return bool(pd.isna(value))
