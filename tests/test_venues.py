"""Venues: meetings grouped by place for the map, tooltips as text, and the no-venue list."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gfmd.record.dataset import Dataset
from gfmd.tables import venues
from gfmd.tables.build import engagements
from gfmd.tables.filters import Filters


@pytest.fixture(scope="module")
def all_engagements(dataset: Dataset) -> pd.DataFrame:
    return engagements(dataset)


def test_places_and_their_meeting_counts(all_engagements: pd.DataFrame) -> None:
    places = venues.places(all_engagements)
    counts = dict(zip(places["place"], places["meetings"], strict=True))
    assert counts == {
        "Geneva, Switzerland": 7, "Agadir, Morocco": 1, "Athens, Greece": 1,
        "Bangkok, Thailand": 1, "Berlin, Germany": 1, "Brussels, Belgium": 1,
        "Dhaka, Bangladesh": 1, "Istanbul, Türkiye": 1, "Manila, Philippines": 1,
        "Marrakesh, Morocco": 1, "Marseille, France": 1, "Port Louis, Mauritius": 1,
        "Puerto Vallarta, Mexico": 1, "Rabat, Morocco": 1, "Skhirat, Morocco": 1,
        "Stockholm, Sweden": 1, "Taliouine (Taroudant), Morocco": 1,
        "Quito, Ecuador": 1, "Riohacha, Colombia": 1,
    }
    assert places["summits"].sum() == 13  # 11 up to Marrakesh, then Quito and Riohacha
    assert places["thematic_meetings"].sum() == 12


def test_geneva_hosts_a_summit_and_six_thematic_meetings(all_engagements: pd.DataFrame) -> None:
    geneva = venues.places(all_engagements).iloc[0]
    assert geneva[["place", "summits", "thematic_meetings", "kinds", "years"]].tolist() == [
        "Geneva, Switzerland", 1, 6, "summit; thematic-meeting", "2011, 2014–2016 and 2018"]
    assert (geneva["latitude"], geneva["longitude"]) == (46.2044, 6.1432)


def test_taroudant_meeting_is_placed_at_taliouine(all_engagements: pd.DataFrame) -> None:
    places = venues.places(all_engagements).set_index("place")
    taliouine = places.loc["Taliouine (Taroudant), Morocco"]
    assert (taliouine["city"], taliouine["locality"]) == ("Taroudant", "Taliouine")
    assert (taliouine["latitude"], taliouine["longitude"]) == (30.5317, -7.9236)
    assert taliouine["tooltip"] == (
        "Taliouine (Taroudant), Morocco: 1 meeting\n"
        "\n"
        "• The Contribution of Migrant Associations to Development\n"
        "19–22 September 2011 · Thematic meeting · Morocco: co-chair"
    )


def test_tooltip_lists_three_meetings_then_points_to_the_table(
        all_engagements: pd.DataFrame) -> None:
    tooltip = venues.places(all_engagements).iloc[0]["tooltip"]
    assert tooltip == (
        "Geneva, Switzerland: 7 meetings\n"
        "\n"
        "• GFMD Summit 5 (Geneva, 2011): Taking Action on Migration and…\n"
        "1–2 December 2011 · Summit · Morocco: attended\n"
        "• Operationalizing Mainstreaming of Migration in Development Policy…\n"
        "22 May 2013 · Thematic meeting · Morocco: attended\n"
        "• Recruitment, labour migration and diaspora: Improving labour market…\n"
        "11 September 2013 · Thematic meeting · Morocco: participated (country profile); co-convener (another source)\n"
        "… and 4 more: click the marker to list them all."
    )


def test_located_meetings_are_the_rows_behind_the_map(all_engagements: pd.DataFrame) -> None:
    located = venues.located(all_engagements)
    assert len(located) == 25
    assert list(located.columns) == venues.MEETING_COLUMNS
    assert located.iloc[0][["year", "place", "kind"]].tolist() == [
        2007, "Brussels, Belgium", "summit"]
    assert located["place"].value_counts()["Geneva, Switzerland"] == 7


def test_no_venue_list_holds_the_meetings_without_a_place(
        all_engagements: pd.DataFrame) -> None:
    unplaced = venues.without_venue(all_engagements)
    assert unplaced[["year", "kind", "title"]].values.tolist() == [
        [2007, "other-meeting", "Meeting not named by the source, which says “Attended Meeting”"],
        [2008, "preparatory-meeting", "Preparatory meetings for the 2008 summit"],
        [2010, "preparatory-meeting", "Preparatory meetings for the 2010 summit"],
        [2014, "pfp-meeting", "Platform for Partnerships meeting"],
    ]
    assert unplaced["city"].isna().all()


def test_filters_narrow_the_places(all_engagements: pd.DataFrame) -> None:
    rows = Filters(years=(2011, 2011)).apply(all_engagements)
    places = venues.places(rows)
    assert places[["place", "summits", "thematic_meetings"]].values.tolist() == [
        ["Geneva, Switzerland", 1, 0],
        ["Marseille, France", 0, 1],
        ["Taliouine (Taroudant), Morocco", 0, 1],
    ]
    assert venues.without_venue(rows).empty


def test_no_places_gives_an_empty_table_with_its_columns(all_engagements: pd.DataFrame) -> None:
    places = venues.places(Filters(kinds=("roundtable",)).apply(all_engagements))
    assert places.empty
    assert list(places.columns) == venues.PLACE_COLUMNS


@pytest.mark.parametrize(("start", "end", "text"), [
    (dt.date(2011, 6, 14), dt.date(2011, 6, 15), "14–15 June 2011"),
    (dt.date(2013, 5, 22), dt.date(2013, 5, 22), "22 May 2013"),
    (dt.date(2013, 5, 22), None, "22 May 2013"),
    (dt.date(2019, 5, 30), dt.date(2019, 6, 2), "30 May – 2 June 2019"),
    (dt.date(2019, 12, 30), dt.date(2020, 1, 2), "30 December 2019 – 2 January 2020"),
    (None, None, "unknown"),
    (float("nan"), None, "unknown"),
])
def test_date_ranges_read_as_in_a_sentence(start: object, end: object, text: str) -> None:
    assert venues.date_range(start, end) == text


def test_place_names() -> None:
    assert venues.place_name("Geneva", None, "Switzerland") == "Geneva, Switzerland"
    assert venues.place_name("Taroudant", "Taliouine", "Morocco") == "Taliouine (Taroudant), Morocco"
    assert venues.place_name("Quito", float("nan"), None) == "Quito"


def test_short_titles_cut_at_a_word() -> None:
    assert venues.short_title("Labour Migration and Skills") == "Labour Migration and Skills"
    assert venues.short_title("one two three four", limit=12) == "one two…"
