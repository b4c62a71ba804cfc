"""The venue map is framed on every place it shows, on a 390 px phone as on a desktop."""

from __future__ import annotations

import math
from itertools import combinations

import pytest

from components.map import (
    _VIEW_PX,
    MAP_HEIGHT,
    _mercator_y,
    _points,
    fit_view,
    focus_for,
    markers,
    pixel,
    view_of,
)
from gfmd.store.scope import load_scoped
from gfmd.tables.build import build_all
from gfmd.tables.venues import places
from tests.conftest import ROOT

PHONE_MAP_PX = (358, MAP_HEIGHT)  # a 390 px screen less the page's side padding


def _inside(view, lats: list[float], lons: list[float], size: tuple[int, int]) -> bool:
    scale = 512 * 2 ** view.zoom
    cx, cy = view.longitude / 360 * scale, _mercator_y(view.latitude) * scale
    for lat, lon in zip(lats, lons, strict=True):
        x = lon / 360 * scale - cx
        y = _mercator_y(lat) * scale - cy
        if abs(x) > size[0] / 2 or abs(y) > size[1] / 2:
            return False
    return True


@pytest.mark.parametrize("years", [None, (2011, 2011), (2008, 2025)])
def test_every_place_is_on_a_phone_sized_map(years: tuple[int, int] | None) -> None:
    eng = build_all(load_scoped(ROOT / "data"))["engagements"]
    if years:
        eng = eng[eng["year"].between(*years)]
    shown = places(eng)
    lats, lons = shown["latitude"].tolist(), shown["longitude"].tolist()
    view = fit_view(lats, lons)
    assert _inside(view, lats, lons, PHONE_MAP_PX)
    assert _VIEW_PX[0] <= PHONE_MAP_PX[0]


def test_manila_and_puerto_vallarta_fit_together() -> None:
    lats, lons = [14.5995, 20.6534], [120.9842, -105.2253]
    view = fit_view(lats, lons)
    assert _inside(view, lats, lons, PHONE_MAP_PX)
    assert view.zoom < 0 and not math.isnan(view.zoom)
    # deck.gl will not zoom out further than the world's height fills the map
    assert view.zoom >= math.log2(MAP_HEIGHT / 512)


def test_no_places_shows_the_world() -> None:
    view = fit_view([], [])
    assert view.zoom <= 0


def test_every_place_is_a_marker_of_its_own_at_the_zoom_its_choice_opens() -> None:
    """Markers never touch at any zoom the map opens at, and each place, chosen in the
    list or reached by clicking groups, stands alone: every venue can be clicked
    (walk review F11)."""
    shown = places(build_all(load_scoped(ROOT / "data"))["engagements"])
    points = _points(shown)
    for place in shown["place"]:
        focus = focus_for(points, place)
        drawn = markers(points, view_of(points, focus).zoom)
        assert [m.places for m in drawn if place in m.places] == [(place,)], place
        for a, b in combinations(drawn, 2):
            zoom = view_of(points, focus).zoom
            (ax, ay), (bx, by) = pixel(a.latitude, a.longitude, zoom), pixel(
                b.latitude, b.longitude, zoom)
            assert math.hypot(ax - bx, ay - by) >= a.reach + b.reach, (place, a, b)
    # Europe's and Morocco's places are grouped on the first view, not drawn as a blob.
    first = markers(points, view_of(points, None).zoom)
    assert len(first) < len(points)
    assert any("Geneva, Switzerland" in m.places and len(m.places) > 1 for m in first)
