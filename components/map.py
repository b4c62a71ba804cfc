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
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.colors import KIND_COLORS, rgb
from components.safe_text import md
from gfmd.text.messages import t

LAND_PATH = Path(__file__).resolve().parent.parent / "static" / "geo" / "land-110m.json"
# Relative to the page's address, as the app's other static files: /meetings and a
# server.baseUrlPath of /gfmd/ both resolve it under the app's own app/static/.
LAND_URL = "app/static/geo/land-110m.json"
LAND_FILL = [226, 226, 218, 255]
SUMMIT_LAYER = "summits"
THEMATIC_LAYER = "thematic-meetings"
TOOLTIP = {"text": "{tooltip}",
           "style": {"maxWidth": "280px", "fontSize": "11px", "whiteSpace": "pre-line"}}
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
_ALL = ""  # the place selector's "all places" option


def _radius(meetings: int) -> float:
    """Marker radius in pixels: area grows with the number of meetings."""
    return round(5 + 3 * math.sqrt(meetings), 1)


def _points(places: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain JSON-ready rows for the layers (pandas NA and numpy scalars do not serialise)."""
    return [
        {"place": str(r.place), "tooltip": str(r.tooltip),
         "latitude": float(r.latitude), "longitude": float(r.longitude),
         "summits": int(r.summits), "thematic_meetings": int(r.thematic_meetings),
         "radius": _radius(int(r.meetings))}
        for r in places.itertuples(index=False)
    ]


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)


def fit_view(lats: Sequence[float], lons: Sequence[float]) -> pdk.ViewState:
    """A view that shows every point with a margin; the whole world when there are none."""
    if not lats:
        return pdk.ViewState(latitude=20, longitude=0, zoom=0, min_zoom=_MIN_ZOOM)
    ys = [_mercator_y(lat) for lat in lats]
    lon_span = (max(lons) - min(lons)) / 360 * 1.4 + 0.01
    y_span = (max(ys) - min(ys)) * 1.4 + 0.01
    width, height = _VIEW_PX
    zoom = min(math.log2(width / (lon_span * 512)), math.log2(height / (y_span * 512)), 5.0)
    y_mid = (max(ys) + min(ys)) / 2
    lat_mid = math.degrees(2 * math.atan(math.exp(y_mid * 2 * math.pi)) - math.pi / 2)
    lon_mid = (max(lons) + min(lons)) / 2
    return pdk.ViewState(latitude=round(lat_mid, 3), longitude=round(lon_mid, 3),
                         zoom=round(max(zoom, _MIN_ZOOM), 2), min_zoom=_MIN_ZOOM)


class SerializedDeck(pdk.Deck):
    """A Deck that serialises once: memoised with its places, the spec string (which
    Streamlit also hashes into the element id) is reused as it is, not dumped again."""

    @cached_property
    def _json(self) -> str:
        return super().to_json()

    def to_json(self) -> str:
        return self._json


def deck(places: pd.DataFrame) -> pdk.Deck:
    """Land outline, thematic-meeting discs, summit rings on top; no basemap, no network.

    Summits and thematic meetings differ in colour and shape (ring or filled disc); a place
    with both gets a disc inside a ring. Radius grows with all meetings at the place.
    """
    points = _points(places)
    summit_color, thematic_color = KIND_COLORS["summit"], KIND_COLORS["thematic-meeting"]
    summits = [
        # A faint fill keeps a summit-only ring clickable inside; over a disc it would tint it.
        {**p, "radius": p["radius"] + 3,
         "fill": rgb(summit_color, 0 if p["thematic_meetings"] else 60)}
        for p in points if p["summits"]
    ]
    layers = [
        pdk.Layer("GeoJsonLayer", data=LAND_URL, id="land", filled=True, stroked=False,
                  get_fill_color=LAND_FILL, pickable=False),
        pdk.Layer("ScatterplotLayer", data=[p for p in points if p["thematic_meetings"]],
                  id=THEMATIC_LAYER, get_position=["longitude", "latitude"],
                  get_radius="radius", radius_units=PIXELS, filled=True,
                  get_fill_color=rgb(thematic_color, 235), stroked=True,
                  get_line_color=[255, 255, 255, 255], line_width_units=PIXELS,
                  get_line_width=1, pickable=True, auto_highlight=True),
        pdk.Layer("ScatterplotLayer", data=summits, id=SUMMIT_LAYER,
                  get_position=["longitude", "latitude"], get_radius="radius",
                  radius_units=PIXELS, filled=True, get_fill_color="fill", stroked=True,
                  get_line_color=rgb(summit_color), line_width_units=PIXELS,
                  get_line_width=3, pickable=True, auto_highlight=True),
    ]
    view = fit_view([p["latitude"] for p in points], [p["longitude"] for p in points])
    return SerializedDeck(layers=layers, initial_view_state=view, map_provider=None,
                          tooltip=TOOLTIP, views=[pdk.View(type="MapView", controller=True)])


def selected_place(state: Mapping[str, Any] | None, places: Sequence[str]) -> str | None:
    """The place of the object selected on the map, if it is still on the map.

    A selection outlives a change of filters, so a place no longer shown is ignored.
    """
    selection = (state or {}).get("selection") or {}
    for objects in (selection.get("objects") or {}).values():
        for obj in objects or []:
            place = obj.get("place") if isinstance(obj, Mapping) else None
            if place in places:
                return place
    return None


def _forget_click(generation_key: str, clicked_key: str) -> None:
    """A place chosen in the list wins over the map: redraw the map with no selection."""
    st.session_state[generation_key] = st.session_state.get(generation_key, 0) + 1
    st.session_state[clicked_key] = None


def venue_map(places: pd.DataFrame, chart: pdk.Deck, *, key: str, alt: str) -> str | None:
    """The place selector and the map (`chart`, the `deck` of `places`), kept in step;
    returns the chosen place, if any.

    Clicking a marker chooses its place in the selector; choosing in the selector (e.g.
    "All places", the way back) clears the map's selection. The selector also makes the
    choice by keyboard possible.
    """
    names = places["place"].tolist()
    options = [_ALL, *names]
    generation_key, clicked_key, choice_key = f"{key}-gen", f"{key}-clicked", f"{key}-place"
    map_key = f"{key}-map-{st.session_state.get(generation_key, 0)}"
    clicked = selected_place(st.session_state.get(map_key), names)
    if clicked != st.session_state.get(clicked_key):
        st.session_state[clicked_key] = clicked
        st.session_state[choice_key] = clicked or _ALL
    if st.session_state.get(choice_key, _ALL) not in options:  # filtered out since
        st.session_state[choice_key] = _ALL
    choice = st.selectbox(
        t("meetings.place"), options, key=choice_key, help=t("meetings.place.help"),
        # The labels must not change with the filters: the browser sends back the label it
        # shows, and one no longer offered reads as a new choice (the map was drawn anew).
        format_func=lambda p: p or t("meetings.place.all"),
        on_change=_forget_click, args=(generation_key, clicked_key),
    )
    st.pydeck_chart(chart, on_select="rerun", selection_mode="single-object",
                    key=map_key, alt=alt, height=MAP_HEIGHT)
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
    """The kinds with their colours and shapes, as text beside the map."""
    summit, thematic = KIND_COLORS["summit"], KIND_COLORS["thematic-meeting"]
    st.markdown(
        f"**{md(t('meetings.legend.heading'))}**  \n"
        f':color[◯]{{foreground="{summit}"}} {md(t("meetings.legend.summit"))}  \n'
        f':color[⬤]{{foreground="{thematic}"}} {md(t("meetings.legend.thematic"))}  \n'
        f"{md(t('meetings.legend.both'))}"
    )
    st.caption(t("meetings.legend.land"))
