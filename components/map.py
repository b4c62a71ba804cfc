"""The venue map: a pydeck map that draws with no network, and the place it selects.

No basemap, tiles or CDN: the base layer is the bundled Natural Earth land outline (land
only, so the map takes no position on disputed borders), served by the app itself from
static/geo/ and named by address in the spec. Inline, it went out with every rerun and
deck.gl, seeing new data, cut every polygon into triangles again on every filter change;
by address, the layer's data is the same string
from one spec to the next, so the browser fetches and draws the land once.

`map_provider=None` leaves pydeck's `mapStyle` at its "__MAP_STYLE__" sentinel, which
Streamlit's front end reads as "no basemap"; an empty or missing `mapStyle` would make it
fetch Carto's tiles instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.colors import KIND_COLORS, rgb
from components.safe_text import md
from gfmd.text import formatting as fmt
from gfmd.text.messages import t, tn, use_language

LAND_PATH = Path(__file__).resolve().parent.parent / "static" / "geo" / "land-110m.json"
# Relative to the page's address, as the app's other static files: /meetings and a
# server.baseUrlPath of /gfmd/ both resolve it under the app's own app/static/.
LAND_URL = "app/static/geo/land-110m.json"
LAND_FILL = [226, 226, 218, 255]
SUMMIT_LAYER = "summits"
THEMATIC_LAYER = "thematic-meetings"
GROUP_LAYER = "groups"
GROUP_COLOR = "#4D4D4D"
# The hover box sits in the map's top left corner, never at the pointer: deck.gl puts it
# beside the pointer, where the map's edge cut it off. Its style is applied after
# deck.gl's own placement, so it wins; its width is the map's, less a margin.
TOOLTIP_STYLE = {"maxWidth": "min(320px, calc(100% - 16px))", "fontSize": "11px",
                 "whiteSpace": "pre-line", "transform": "none", "top": "8px", "left": "8px"}
TOOLTIP = {"text": "{tooltip}", "style": TOOLTIP_STYLE}
# deck.gl never shows blank space above or below the world, so its zoom cannot go below
# log2(height / 512): at 520 px that is 0, too close to frame Manila with Puerto Vallarta
# on a phone; at 440 px the world can shrink to fit them.
MAP_HEIGHT = 440
PIXELS = "'pixels'"  # quoted: pydeck turns a bare string into a data accessor expression
# The view is fitted for the narrowest map (a 390 px phone): framed there, every place is
# also on a wider map. The server cannot know the reader's screen.
_VIEW_PX = (340, MAP_HEIGHT)
# Below 0 the world is narrower than 512 px; deck.gl's floor for this height (above).
_MIN_ZOOM = math.ceil(math.log2(MAP_HEIGHT / 512) * 100) / 100
_MAX_LAT = 85.051129  # web Mercator's edge: the world is a square
_MAX_ZOOM = 8.0  # Rabat and Skhirat, 30 km apart, are two markers at 7
# Markers closer than this, edge to edge (rings included), are one group marker.
_GAP_PX = 4
_RING_PX = 5  # how far a summit's ring reaches beyond its place's radius
_ALL = ""  # the place selector's "all places" option
PLACE_KEY = "place"  # the place selector's key, and its parameter in the page's address


def _radius(meetings: int) -> float:
    """Marker radius in pixels: area grows with the number of meetings."""
    return round(5 + 3 * math.sqrt(meetings), 1)


def _points(places: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain JSON-ready rows for the layers (pandas NA and numpy scalars do not serialise)."""
    return [
        {"place": str(r.place), "tooltip": str(r.tooltip),
         "latitude": float(r.latitude), "longitude": float(r.longitude),
         "summits": int(r.summits), "thematic_meetings": int(r.thematic_meetings),
         "meetings": int(r.meetings), "radius": _radius(int(r.meetings))}
        for r in places.itertuples(index=False)
    ]


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, _MAX_LAT), -_MAX_LAT)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)


def fit_view(lats: Sequence[float], lons: Sequence[float]) -> pdk.ViewState:
    """A view that shows every point with a margin; the whole world when there are none."""
    if not lats:
        return pdk.ViewState(latitude=20, longitude=0, zoom=0, min_zoom=_MIN_ZOOM)
    ys = [_mercator_y(lat) for lat in lats]
    lon_span = (max(lons) - min(lons)) / 360 * 1.4 + 0.002
    y_span = (max(ys) - min(ys)) * 1.4 + 0.002
    width, height = _VIEW_PX
    zoom = min(math.log2(width / (lon_span * 512)), math.log2(height / (y_span * 512)),
               _MAX_ZOOM)
    zoom = round(max(zoom, _MIN_ZOOM), 2)
    # deck.gl shows no space above or below the world: it moves a centre that would show
    # some, so the view says where it really is (and marker positions can be computed).
    edge = height / 2 / (512 * 2 ** zoom)
    y_mid = min(max((max(ys) + min(ys)) / 2, edge - 0.5), 0.5 - edge)
    lat_mid = math.degrees(2 * math.atan(math.exp(y_mid * 2 * math.pi)) - math.pi / 2)
    lon_mid = (max(lons) + min(lons)) / 2
    return pdk.ViewState(latitude=round(lat_mid, 3), longitude=round(lon_mid, 3),
                         zoom=zoom, min_zoom=_MIN_ZOOM)


def pixel(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Where a point lies, in pixels of the whole world drawn at `zoom` (web Mercator)."""
    scale = 512 * 2 ** zoom
    return (lon + 180) / 360 * scale, (0.5 - _mercator_y(lat)) * scale


@dataclass(frozen=True)
class Marker:
    """One marker: a place, or places too close to tell apart at the zoom (a group)."""

    places: tuple[str, ...]
    latitude: float
    longitude: float
    meetings: int
    reach: float  # its radius in pixels, a summit's ring included


def _merged(a: Marker, b: Marker) -> Marker:
    n, m = len(a.places), len(b.places)
    meetings = a.meetings + b.meetings
    return Marker(a.places + b.places, (a.latitude * n + b.latitude * m) / (n + m),
                  (a.longitude * n + b.longitude * m) / (n + m), meetings,
                  _radius(meetings) + _RING_PX)


def markers(points: Sequence[Mapping[str, Any]], zoom: float) -> list[Marker]:
    """The markers drawn at `zoom`: places whose markers would touch are merged into one
    group (at the middle of its places), again until no two markers touch, so each
    marker can be hovered and clicked."""
    found = [Marker((p["place"],), p["latitude"], p["longitude"], p["meetings"],
                    p["radius"] + (_RING_PX if p["summits"] else 1)) for p in points]

    def touch(a: Marker, b: Marker) -> bool:
        (ax, ay), (bx, by) = (pixel(a.latitude, a.longitude, zoom),
                              pixel(b.latitude, b.longitude, zoom))
        return math.hypot(ax - bx, ay - by) < a.reach + b.reach + _GAP_PX

    while True:
        pair = next(((i, j) for i, j in combinations(range(len(found)), 2)
                     if touch(found[i], found[j])), None)
        if pair is None:
            return found
        i, j = pair
        found[i] = _merged(found[i], found[j])
        del found[j]


def view_of(points: Sequence[Mapping[str, Any]], focus: Sequence[str] | None) -> pdk.ViewState:
    """The view fitted to the places in `focus` (a group zoomed into), else to all."""
    shown = [p for p in points if not focus or p["place"] in focus]
    return fit_view([p["latitude"] for p in shown], [p["longitude"] for p in shown])


def focus_for(points: Sequence[Mapping[str, Any]], place: str,
              focus: Sequence[str] | None = None) -> tuple[str, ...] | None:
    """The group to zoom into for `place` to be a marker of its own: `focus` if it
    already is one there, else the group it is in, zoomed into until it stands alone."""
    if focus and place not in focus:
        focus = None
    for _ in range(len(points)):
        view = view_of(points, focus)
        group = next((m.places for m in markers(points, view.zoom) if place in m.places), ())
        if len(group) <= 1 or (focus and set(focus) <= set(group)):
            return tuple(focus) if focus else None
        focus = group
    return tuple(focus) if focus else None


class SerializedDeck(pdk.Deck):
    """A Deck that serialises once: memoised with its places, the spec string (which
    Streamlit also hashes into the element id) is reused as it is, not dumped again."""

    @cached_property
    def _json(self) -> str:
        return super().to_json()

    def to_json(self) -> str:
        return self._json


def _group_tooltip(group: Marker) -> str:
    """What a group holds, a place a line (a name holds commas of its own)."""
    return "\n".join([tn("meetings.map.group", len(group.places), meetings=group.meetings),
                      *(f"• {place}" for place in group.places)])


def deck(places: pd.DataFrame, focus: Sequence[str] | None = None,
         chosen: str | None = None) -> pdk.Deck:
    """Land outline, thematic-meeting discs, summit rings on top, and a numbered grey disc
    for places too close to tell apart at this zoom; no basemap, no network.

    Summits and thematic meetings differ in colour and shape (ring or filled disc); a place
    with both gets a disc inside a ring. Radius grows with all meetings at the place. The
    view is fitted to the places in `focus`, or to all; the `chosen` place is ringed.
    """
    points = _points(places)
    view = view_of(points, focus)
    drawn = markers(points, view.zoom)
    alone = {m.places[0] for m in drawn if len(m.places) == 1}
    single = [p for p in points if p["place"] in alone]
    groups = [{"places": list(m.places), "label": str(len(m.places)),
               "latitude": m.latitude, "longitude": m.longitude,
               "radius": m.reach - 1, "tooltip": _group_tooltip(m)}
              for m in drawn if len(m.places) > 1]
    summit_color, thematic_color = KIND_COLORS["summit"], KIND_COLORS["thematic-meeting"]
    summits = [
        # A faint fill keeps a summit-only ring clickable inside; over a disc it would tint it.
        {**p, "radius": p["radius"] + 3,
         "fill": rgb(summit_color, 0 if p["thematic_meetings"] else 60)}
        for p in single if p["summits"]
    ]
    position = ["longitude", "latitude"]
    layers = [
        pdk.Layer("GeoJsonLayer", data=LAND_URL, id="land", filled=True, stroked=False,
                  get_fill_color=LAND_FILL, pickable=False),
        pdk.Layer("ScatterplotLayer", data=[p for p in single if p["thematic_meetings"]],
                  id=THEMATIC_LAYER, get_position=position,
                  get_radius="radius", radius_units=PIXELS, filled=True,
                  get_fill_color=rgb(thematic_color, 235), stroked=True,
                  get_line_color=[255, 255, 255, 255], line_width_units=PIXELS,
                  get_line_width=1, pickable=True, auto_highlight=True),
        pdk.Layer("ScatterplotLayer", data=summits, id=SUMMIT_LAYER,
                  get_position=position, get_radius="radius",
                  radius_units=PIXELS, filled=True, get_fill_color="fill", stroked=True,
                  get_line_color=rgb(summit_color), line_width_units=PIXELS,
                  get_line_width=3, pickable=True, auto_highlight=True),
    ]
    if groups:
        layers += [
            pdk.Layer("ScatterplotLayer", data=groups, id=GROUP_LAYER, get_position=position,
                      get_radius="radius", radius_units=PIXELS, filled=True,
                      get_fill_color=rgb(GROUP_COLOR, 235), stroked=True,
                      get_line_color=[255, 255, 255, 255], line_width_units=PIXELS,
                      get_line_width=2, pickable=True, auto_highlight=True),
            pdk.Layer("TextLayer", data=groups, id="group-counts", get_position=position,
                      get_text="label", get_size=13, size_units=PIXELS,
                      get_color=[255, 255, 255, 255], font_weight=700, pickable=False),
        ]
    if chosen in alone:
        mark = next(p for p in single if p["place"] == chosen)
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=[{**mark, "radius": mark["radius"] + 9}], id="chosen",
            get_position=position, get_radius="radius", radius_units=PIXELS, filled=False,
            stroked=True, get_line_color=[0, 0, 0, 255], line_width_units=PIXELS,
            get_line_width=2, pickable=False))
    return SerializedDeck(layers=layers, initial_view_state=view, map_provider=None,
                          tooltip=TOOLTIP,
                          views=[pdk.View(type="MapView", controller=True)])


def _picked(state: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    selection = (state or {}).get("selection") or {}
    for objects in (selection.get("objects") or {}).values():
        for obj in objects or []:
            if isinstance(obj, Mapping):
                yield obj


def selected_place(state: Mapping[str, Any] | None, places: Sequence[str]) -> str | None:
    """The place of the object selected on the map, if it is still on the map.

    A selection outlives a change of filters, so a place no longer shown is ignored.
    """
    return next((obj["place"] for obj in _picked(state) if obj.get("place") in places), None)


def selected_group(state: Mapping[str, Any] | None,
                   places: Sequence[str]) -> tuple[str, ...] | None:
    """The places of the group marker selected on the map, if they are all still shown."""
    for obj in _picked(state):
        group = obj.get("places")
        if isinstance(group, list) and group and set(group) <= set(places):
            return tuple(group)
    return None


def _new_map(generation_key: str, clicked_key: str) -> None:
    """Draw the map anew, with no selection (a place chosen in the list wins over it)."""
    st.session_state[generation_key] = st.session_state.get(generation_key, 0) + 1
    st.session_state[clicked_key] = None


def _chosen_in_list(generation_key: str, clicked_key: str, zoom_key: str) -> None:
    _new_map(generation_key, clicked_key)
    if not st.session_state.get(PLACE_KEY):  # "All places": the whole map again
        st.session_state[zoom_key] = None


def _zoom_out(generation_key: str, clicked_key: str, zoom_key: str) -> None:
    """The whole map and every place: a place kept chosen would zoom it in again."""
    _new_map(generation_key, clicked_key)
    st.session_state[zoom_key] = None
    st.session_state[PLACE_KEY] = _ALL


def place_ids(places: pd.DataFrame) -> dict[str, str]:
    """Each place's name in the page's language -> its id in a link: its name in English,
    so a shared link chooses the same place in every language."""
    with use_language("en"):
        ids = [fmt.place(*(None if pd.isna(v) else str(v) for v in values))
               for values in zip(places["city"], places["locality"], places["host_country"],
                                 strict=True)]
    return dict(zip(places["place"].tolist(), ids, strict=True))


_SEEN_KEY = "_gfmd_place_seen"  # the place id this session last wrote to the address


def _from_link(ids: Mapping[str, str]) -> None:
    """The first time the address names a place (by its id, or by its name in any
    language shown): choose it; say so when it is not on the map (the list drops it)."""
    wanted = st.query_params.get(PLACE_KEY)
    if not wanted or (wanted == st.session_state.get(_SEEN_KEY) and PLACE_KEY in st.session_state):
        return  # seen, and the selector holds the choice (without state, the address does)
    st.session_state[_SEEN_KEY] = wanted
    chosen = next((name for name, pid in ids.items() if wanted in (pid, name)), None)
    if chosen is None:
        st.info(md(t("url.notice", details=t("url.unknown_place", value=wanted[:40]))),
                icon="🔗")
    else:
        st.session_state[PLACE_KEY] = chosen


def _to_link(ids: Mapping[str, str], choice: str | None) -> None:
    """The address holds the chosen place's id, and nothing when every place is shown."""
    pid = ids.get(choice or "")
    if pid and st.query_params.get(PLACE_KEY) != pid:
        st.query_params[PLACE_KEY] = pid
    elif not pid and PLACE_KEY in st.query_params:
        del st.query_params[PLACE_KEY]
    st.session_state[_SEEN_KEY] = pid


def venue_map(places: pd.DataFrame,
              deck_for: Callable[[tuple[str, ...] | None, str | None], pdk.Deck],
              *, key: str, alt: str) -> str | None:
    """The place selector and the map (`deck_for(focus, chosen)`, the `deck` of `places`),
    kept in step; returns the chosen place, if any.

    Clicking a place's marker chooses it in the selector; clicking a group's marker zooms
    into its places; choosing in the selector zooms to the place and clears the map's
    selection ("All places", the way back, shows the whole map). The selector also makes
    the choice by keyboard possible, and puts it in the page's address.
    """
    names = places["place"].tolist()
    ids = place_ids(places)
    _from_link(ids)
    points = _points(places)
    options = [_ALL, *names]
    generation_key, clicked_key = f"{key}-gen", f"{key}-clicked"
    zoom_key = f"{key}-zoom"
    state = st.session_state.get(f"{key}-map-{st.session_state.get(generation_key, 0)}")
    zoom = st.session_state.get(zoom_key)
    if zoom and not set(zoom) <= set(names):  # filtered out since
        zoom = None
    group = selected_group(state, names)
    if group:
        zoom = group
        _new_map(generation_key, clicked_key)
        if st.session_state.get(PLACE_KEY) not in group:
            st.session_state[PLACE_KEY] = _ALL
    else:
        clicked = selected_place(state, names)
        if clicked != st.session_state.get(clicked_key):
            st.session_state[clicked_key] = clicked
            st.session_state[PLACE_KEY] = clicked or _ALL
    if st.session_state.get(PLACE_KEY, _ALL) not in options:  # filtered out since
        st.session_state[PLACE_KEY] = _ALL
    choice = st.selectbox(
        t("meetings.place"), options, key=PLACE_KEY, help=t("meetings.place.help"),
        # The labels must not change with the filters: the browser sends back the label it
        # shows, and one no longer offered reads as a new choice (the map was drawn anew).
        format_func=lambda p: p or t("meetings.place.all"),
        on_change=_chosen_in_list, args=(generation_key, clicked_key, zoom_key),
    )
    _to_link(ids, choice)
    if choice:
        zoom = focus_for(points, choice, zoom)
    st.session_state[zoom_key] = zoom
    # Always drawn, so the map does not move when it zooms, and the map's own buttons
    # (full screen) never cover the place list's.
    st.button(t("meetings.map.zoom_out"), on_click=_zoom_out, type="tertiary",
              args=(generation_key, clicked_key, zoom_key), key=f"{key}-zoom-out",
              disabled=not zoom)
    map_key = f"{key}-map-{st.session_state.get(generation_key, 0)}"
    st.pydeck_chart(deck_for(zoom, choice or None), on_select="rerun",
                    selection_mode="single-object", key=map_key, alt=alt, height=MAP_HEIGHT)
    return choice or None


def describe(places: pd.DataFrame) -> str:
    """The map's alt text: what it shows, in numbers, for readers who cannot see it."""
    if places.empty:
        return t("meetings.map.alt.empty")
    top = places.iloc[0]
    return t("meetings.map.alt", places=len(places), summits=int(places["summits"].sum()),
             thematic=int(places["thematic_meetings"].sum()),
             top=t("meetings.map.top", place=top["place"], count=int(top["meetings"])))


def legend() -> None:
    """The markers with their colours and shapes, as text below the map: one line each,
    all in the same type."""
    summit, thematic = KIND_COLORS["summit"], KIND_COLORS["thematic-meeting"]
    st.markdown(
        f"**{md(t('meetings.legend.heading'))}**\n\n"
        f':color[◯]{{foreground="{summit}"}} {md(t("meetings.legend.summit"))}  \n'
        f':color[⬤]{{foreground="{thematic}"}} {md(t("meetings.legend.thematic"))}  \n'
        f':color[◯]{{foreground="{summit}"}}:color[⬤]{{foreground="{thematic}"}} '
        f'{md(t("meetings.legend.both"))}  \n'
        f':color[⬤]{{foreground="{GROUP_COLOR}"}} {md(t("meetings.legend.group"))}'
    )
    st.caption(t("meetings.legend.land"))
