"""Meetings and venues page: an offline map, places narrowing the table, the no-venue list."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import map as deckmap
from components.colors import KIND_COLORS, rgb
from scripts import make_land_geojson as land_script
from tests.apptest_helpers import run_page, table_frame, tables, texts

PAGE = "app_pages/meetings.py"


@pytest.fixture(scope="module")
def first_view() -> AppTest:
    """The page as it first opens, run once for the tests that only read it."""
    return run_page(PAGE)


HOSTILE = "<img src=x onerror=alert(1)>"


def deck_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layers(at: AppTest) -> dict[str, dict]:
    return {layer["id"]: layer for layer in deck_spec(at)["layers"]}


def drawn(found: dict[str, dict]) -> list[str]:
    """Every place on the map: a marker of its own, or in a group's marker."""
    groups = found.get("groups", {"data": []})["data"]
    return [p["place"] for p in found["thematic-meetings"]["data"] + found["summits"]["data"]
            ] + [place for g in groups for place in g["places"]]


def strings(value: object) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_map_has_land_outline_and_one_layer_per_meeting_kind(first_view: AppTest) -> None:
    found = layers(first_view)
    assert list(found) == ["land", "thematic-meetings", "summits", "groups", "group-counts"]
    land = found["land"]
    assert (land["@@type"], land["stroked"], land["filled"], land["pickable"]) == (
        "GeoJsonLayer", False, True, False)
    # By address, the app's own static file: the same string in every spec, so the
    # browser fetches and draws the land once, not once per rerun.
    assert land["data"] == deckmap.LAND_URL == "app/static/geo/land-110m.json"
    assert (Path(__file__).resolve().parent.parent / land["data"].replace("app/", "", 1)
            ) == deckmap.LAND_PATH
    # Every place once, on a marker of its own or in a group (Quito 2020, Riohacha 2025 too)
    assert sorted(drawn(found)) == sorted(first_view.selectbox(key="place").options[1:])
    assert len(drawn(found)) == 19


def test_map_draws_no_basemap_and_fetches_nothing(first_view: AppTest) -> None:
    at = first_view
    spec = deck_spec(at)
    # pydeck's "no basemap" sentinel: Streamlit then adds no Carto style (a missing or
    # empty mapStyle would make it fetch one).
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec
    proto = at.get("deck_gl_json_chart")[0].proto
    everything = [*strings(spec), *strings(json.loads(proto.tooltip))]
    assert not [s for s in everything if s.lower().startswith("http")]
    assert not [s for s in everything
                if any(w in s.lower() for w in ("://", "mapbox", "carto", "tile"))]
    assert proto.mapbox_token == ""


def test_summits_are_rings_and_thematic_meetings_discs_in_the_kind_colours() -> None:
    # Zoomed to Geneva, the one place with both kinds: Europe's places are a group at first.
    at = run_page(PAGE, params={"place": ["Geneva, Switzerland"]})
    found = layers(at)
    athens = {p["place"]: p["fill"] for p in layers(
        run_page(PAGE, params={"place": ["Athens, Greece"]}))["summits"]["data"]}
    summits, thematic = found["summits"], found["thematic-meetings"]
    assert thematic["getFillColor"] == rgb(KIND_COLORS["thematic-meeting"], 235)
    assert (summits["getLineColor"], summits["getLineWidth"]) == (rgb(KIND_COLORS["summit"]), 3)
    for layer in (summits, thematic):  # sizes on screen, the same at every zoom
        assert (layer["radiusUnits"], layer["lineWidthUnits"]) == ("pixels", "pixels")
    fills = {p["place"]: p["fill"] for p in summits["data"]}
    assert fills["Geneva, Switzerland"] == [213, 94, 0, 0]  # a ring round Geneva's disc
    assert athens["Athens, Greece"] == [213, 94, 0, 60]
    radius = {p["place"]: p["radius"] for p in thematic["data"]}
    assert radius["Geneva, Switzerland"] == 12.9
    assert radius["Marseille, France"] == 8.0


def test_year_filter_narrows_the_points_and_tooltips_are_text() -> None:
    at = run_page(PAGE, params={"years": ["2011", "2011"]})
    found = layers(at)
    assert [p["place"] for p in found["thematic-meetings"]["data"]] == [
        "Marseille, France", "Taliouine (Taroudant), Morocco"]
    assert [p["place"] for p in found["summits"]["data"]] == ["Geneva, Switzerland"]
    assert found["thematic-meetings"]["data"][0]["tooltip"] == (
        "Marseille, France: 1 meeting\n"
        "\n"
        "• Managing Migration for Development: Policy Making, Assessment and…\n"
        "14–15 June 2011 · Thematic meeting · Morocco: co-chair"
    )
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert tooltip["text"] == "{tooltip}"
    assert "html" not in tooltip


def test_view_fits_the_points() -> None:
    view = deck_spec(run_page(PAGE, params={"years": ["2011", "2011"]}))["initialViewState"]
    assert view == {"latitude": 38.797, "longitude": -0.89, "zoom": 3.42, "minZoom": -0.21}


def test_alt_text_legend_and_source_line(first_view: AppTest) -> None:
    at = first_view
    alt = at.get("deck_gl_json_chart")[0].proto.alt
    assert alt == (
        "World map, land outline only, of the places where Morocco met. Places: 19; "
        "summits: 13; thematic meetings: 12. Summits are vermillion rings, thematic meetings "
        "bluish-green discs; the more meetings at a place, the larger its marker. "
        "Most meetings: Geneva, Switzerland (7).")
    body = texts(at).replace("\\", "")
    assert f"Chart description: {alt}" in body
    assert ':color[◯]{foreground="#D55E00"} Summit: ring' in body
    assert ':color[⬤]{foreground="#009E73"} Thematic meeting: filled disc' in body
    assert "City-centre coordinates of meeting venues" in body
    assert "Land outline, Natural Earth 1:110m (public domain)" in body


def test_choosing_a_place_narrows_the_table_and_all_places_shows_every_meeting() -> None:
    at = run_page(PAGE)
    picker = at.selectbox(key="place")
    assert picker.value == ""
    assert picker.options[:3] == ["All places", "Geneva, Switzerland", "Agadir, Morocco"]
    assert len(table_frame(at, 0)) == 25

    picker.set_value("Taliouine (Taroudant), Morocco").run()
    assert at.header[0].value == "Meetings at Taliouine (Taroudant), Morocco"
    table = table_frame(at, 0)
    assert table[["year", "place", "title"]].values.tolist() == [
        ["2011", "Taliouine (Taroudant), Morocco",
         "The Contribution of Migrant Associations to Development"]]
    assert not {"city", "locality", "host_country"} & set(table.columns)  # the place says them

    at.selectbox(key="place").set_value("").run()
    assert at.header[0].value == "All meetings with a known venue"
    assert len(table_frame(at, 0)) == 25


def test_a_chosen_place_that_the_filters_remove_falls_back_to_all_places() -> None:
    at = run_page(PAGE)
    at.selectbox(key="place").set_value("Athens, Greece").run()
    assert len(table_frame(at, 0)) == 1
    at.slider[0].set_value((2011, 2011)).run()
    assert not at.exception
    assert at.selectbox(key="place").value == ""
    assert table_frame(at, 0)["place"].tolist() == [
        "Marseille, France", "Taliouine (Taroudant), Morocco", "Geneva, Switzerland"]


def test_places_table_is_a_click_away() -> None:
    at = run_page(PAGE)
    assert len(tables(at)) == 2  # drawn only when its "Table view" is opened
    at.session_state["places-view"] = True
    at.run()
    places = table_frame(at, 0)
    assert places.iloc[0][["place", "meetings", "summits", "thematic_meetings"]].tolist() == [
        "Geneva, Switzerland", "7", "1", "6"]
    assert "tooltip" not in places.columns


def test_meetings_with_no_known_venue_are_listed(first_view: AppTest) -> None:
    at = first_view
    assert at.header[1].value == "Meetings with no known venue"
    unplaced = table_frame(at, 1)
    assert unplaced[["year", "kind", "title", "city"]].values.tolist() == [
        ["2007", "Other meeting",
         "Meeting not named by the source, which says “Attended Meeting”", "unknown"],
        ["2008", "Preparatory meeting", "Preparatory meetings for the 2008 summit", "unknown"],
        ["2010", "Preparatory meeting", "Preparatory meetings for the 2010 summit", "unknown"],
        ["2014", "Platform for Partnerships meeting", "Platform for Partnerships meeting",
         "unknown"],
    ]


def test_the_global_compact_conference_is_context_never_a_gfmd_meeting(first_view: AppTest) -> None:
    at = first_view
    assert at.header[-2].value == "Context: not GFMD meetings"  # the last is the sidebar's
    body = "\n".join(m.value for m in at.markdown)
    assert ("Intergovernmental Conference to Adopt the Global Compact for Safe, Orderly and "
            "Regular Migration, Marrakesh, Morocco, 10–11 December 2018") in body
    titles = [t for df in (table_frame(at, i) for i in range(len(tables(at)))) for t in df.get("title", [])]
    assert not any("Intergovernmental Conference" in str(t) for t in titles)


def test_no_matching_places_still_draws_the_land() -> None:
    at = run_page(PAGE, params={"kind": ["Roundtable"]})
    found = layers(at)
    assert (found["thematic-meetings"]["data"], found["summits"]["data"]) == ([], [])
    assert found["land"]["data"] == deckmap.LAND_URL
    assert "No summit or thematic meeting with a known venue matches" in texts(at)


def test_invalid_data_shows_the_banner_and_the_valid_meetings(
        data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = data_copy / "participation/MAR/2016.yaml"
    bad.write_text(bad.read_text().replace("amount_usd: 50000", "amount_usd: -50000"))
    at = run_page(PAGE, data_dir=data_copy, monkeypatch=monkeypatch)
    assert "1 data problem:" in at.error[0].value
    found = layers(at)
    places = drawn(found)
    assert "Dhaka, Bangladesh" not in places and "Bangkok, Thailand" not in places
    assert len(set(places)) == 17


def test_hostile_title_stays_literal_text(
        edit: Callable[[str, str, str], Path], data_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    edit("participation/MAR/2017.yaml", "title: Climate Change and Human Mobility",
         f'title: "{HOSTILE}"')
    at = run_page(PAGE, data_dir=data_copy, monkeypatch=monkeypatch,
                  params={"place": ["Rabat, Morocco"]})
    rabat = next(p for p in layers(at)["thematic-meetings"]["data"]
                 if p["place"] == "Rabat, Morocco")
    assert rabat["tooltip"] == (
        f"Rabat, Morocco: 1 meeting\n\n• {HOSTILE}\n"
        "24 May 2017 · Thematic meeting · Morocco: organiser")
    assert HOSTILE in table_frame(at, 0)["title"].tolist()
    assert HOSTILE not in texts(at)  # never in Markdown, only in text-only places
    assert f">{html.escape(HOSTILE, quote=False)}</td>" in tables(at)[0]  # escaped HTML


def test_a_selection_of_a_place_no_longer_shown_is_ignored() -> None:
    state = {"selection": {"indices": {"summits": [0]},
                           "objects": {"summits": [{"place": "Athens, Greece"}]}}}
    assert deckmap.selected_place(state, ["Athens, Greece"]) == "Athens, Greece"
    assert deckmap.selected_place(state, ["Geneva, Switzerland"]) is None
    assert deckmap.selected_place(None, ["Athens, Greece"]) is None
    assert deckmap.selected_place({"selection": {"indices": {}, "objects": {}}}, []) is None


def test_land_outline_is_land_only_small_and_within_the_map() -> None:
    path = deckmap.LAND_PATH
    assert path.stat().st_size < 100_000
    land = json.loads(path.read_text(encoding="utf-8"))
    (feature,) = land["features"]  # one feature: land, with no borders or names
    assert feature["properties"] == {}
    polygons = feature["geometry"]["coordinates"]
    assert len(polygons) == 127
    for polygon in polygons:
        for ring in polygon:
            assert ring[0] == ring[-1]
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
            jumps = [(a, b) for a, b in pairwise(ring) if abs(a[0] - b[0]) > 180]
            assert all(a[1] == b[1] == -89.9 for a, b in jumps)  # Antarctica's pole edge


def test_land_script_cuts_rings_at_the_antimeridian() -> None:
    fiji_like = [(179.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (179.0, -17.0),
                 (179.0, -16.0)]
    parts = land_script.split_at_antimeridian(fiji_like, digits=2)
    assert parts == {
        -360: [(-180.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (-180.0, -17.0),
               (-180.0, -16.0)],
        0: [(179.0, -16.0), (180.0, -16.0), (180.0, -17.0), (179.0, -17.0), (179.0, -16.0)],
    }
    around_pole = [(-180.0, -80.0), (0.0, -70.0), (179.0, -80.0), (-180.0, -80.0)]
    (only,) = land_script.split_at_antimeridian(around_pole, digits=2).values()
    assert (-180.0, -89.9) in only and (180.0, -89.9) in only


def test_a_place_in_the_address_reopens_its_meetings_zoomed_and_ringed() -> None:
    """A shared link to "the Geneva meetings" opens them (walk review F32)."""
    at = run_page(PAGE, params={"place": "Geneva, Switzerland"})
    assert at.selectbox(key="place").value == "Geneva, Switzerland"
    assert set(table_frame(at, 0)["place"]) == {"Geneva, Switzerland"}
    found = layers(at)
    assert [p["place"] for p in found["chosen"]["data"]] == ["Geneva, Switzerland"]
    assert deck_spec(at)["initialViewState"]["zoom"] > 5  # Geneva apart from Marseille


@pytest.mark.parametrize("lang, shown", [("fr", "Genève, Suisse"), ("ar", "جنيف، سويسرا")])
def test_a_place_link_means_the_same_place_in_every_language(lang: str, shown: str) -> None:
    """The address names the place by its English name whatever the page's language; a
    link carrying the name a French or Arabic page shows still opens that place."""
    at = run_page(PAGE, params={"place": "Geneva, Switzerland", "lang": lang})
    assert at.selectbox(key="place").value == shown
    assert at.query_params["place"] == "Geneva, Switzerland"
    at = run_page(PAGE, params={"place": shown, "lang": lang})
    assert at.selectbox(key="place").value == shown
    assert at.query_params["place"] == "Geneva, Switzerland"


def test_a_place_not_on_the_map_in_the_address_is_dropped_with_a_notice() -> None:
    at = run_page(PAGE, params={"place": "Atlantis"})
    assert at.selectbox(key="place").value == ""
    assert "'Atlantis' is not a place on the map in this view and was dropped" in texts(at)
    assert len(table_frame(at, 0)) == 25
