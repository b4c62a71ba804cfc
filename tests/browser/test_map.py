"""The venue map in Chromium, at 1400 px and on a 390 px phone: a venue in the crowded part
is chosen by clicking its marker (a group's marker zooms in until the venue stands alone;
tests/test_map_view.py proves, on the same geometry, that every venue stands alone at the
zoom its choice opens and that no two markers touch), the hover box lies inside the map,
and the chosen place comes back from the address after a reload (issue 31; walk review
F11, F31, F32).

Marker positions are computed from the view the server sends (`components.map.view_of`,
the same web Mercator deck.gl draws) and the map's canvas on the page, one page load per
width, a click at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from components.map import Marker, _points, markers, pixel, view_of
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.store.scope import load_scoped
from gfmd.tables.build import build_all
from gfmd.tables.venues import places
from gfmd.text.messages import t, use_language
from tests.browser.support import (
    StreamlitServer,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
    wait_for_app,
)

SIZES = {"1400": (1400, 1000), "390": (390, 844)}
CANVAS = '[data-testid="stMain"] [data-testid="stDeckGlJsonChart"] canvas'


def _points_en() -> list[dict]:
    with use_language("en"):
        return _points(places(build_all(load_scoped(DEFAULT_DATA_DIR))["engagements"]))


POINTS = _points_en()
NAMES = [p["place"] for p in POINTS]
GENEVA = "Geneva, Switzerland"  # the place with most meetings, in the most crowded part


def _canvas(page: Page) -> dict[str, float]:
    canvas = page.locator(CANVAS).first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    return box


def _on_screen(box: dict[str, float], focus: tuple[str, ...] | None,
               marker: Marker) -> tuple[float, float]:
    """Where `marker` is drawn: the view's centre is the canvas's."""
    view = view_of(POINTS, focus)
    cx, cy = pixel(view.latitude, view.longitude, view.zoom)
    x, y = pixel(marker.latitude, marker.longitude, view.zoom)
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def _drawn(focus: tuple[str, ...] | None) -> list[Marker]:
    return markers(POINTS, view_of(POINTS, focus).zoom)


def _chosen(page: Page) -> str:
    """The place the list shows, and the one the address carries."""
    with use_language("en"):
        label = t("meetings.place")
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]', has_text=label)
    return box.first.locator("input").input_value()


def _point_at(page: Page, x: float, y: float, place: str) -> None:
    """Hover (x, y) until deck.gl's hover box names `place`: the marker is drawn and
    picked there (a map drawn anew shows its land before its markers)."""
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    page.locator(".deck-tooltip", has_text=place).wait_for(state="visible")


def _address_place(page: Page) -> str | None:
    return (parse_qs(urlsplit(page.url).query).get("place") or [None])[0]


def _tooltip_inside_map(page: Page, box: dict[str, float], focus: tuple[str, ...] | None,
                        marker: Marker) -> None:
    x, y = _on_screen(box, focus, marker)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    tip = page.locator(".deck-tooltip")
    tip.wait_for(state="visible")
    inner = tip.bounding_box()
    assert inner is not None
    assert (box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
            and box["y"] <= inner["y"]
            and inner["y"] + inner["height"] <= box["y"] + box["height"]), (marker, inner, box)
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] - 2)


@pytest.mark.parametrize("width", list(SIZES))
def test_a_crowded_venue_is_chosen_by_clicks_and_a_reload_keeps_it(
        server: StreamlitServer, context_at: Callable[[int, int], BrowserContext],
        screenshots: Path, width: str) -> None:
    page = context_at(*SIZES[width]).new_page()
    prepare_page(page)
    try:
        open_app(page, server.page_url("meetings", "lang=en"))
        box = _canvas(page)
        first = _drawn(None)
        # The hover box of the place furthest right and of the largest group: in the map.
        _tooltip_inside_map(page, box, None, max(first, key=lambda m: m.longitude))
        _tooltip_inside_map(page, box, None, max(first, key=lambda m: len(m.places)))
        page.screenshot(path=str(screenshots / f"map-en-{width}.png"))

        # Geneva, in Europe's group and then in one with Marseille: a click on each group
        # zooms into it, and the click on Geneva's own marker chooses it.
        shown: tuple[str, ...] | None = None
        while True:
            marker = next(m for m in _drawn(shown) if GENEVA in m.places)
            x, y = _on_screen(_canvas(page), shown, marker)
            _point_at(page, x, y, marker.places[0])
            # then off the map: a hover box left open changes the page as it redraws
            rerun_after(page, lambda x=x, y=y: (page.mouse.click(x, y), page.mouse.move(1, 1)))
            assert page_errors(page) == []
            if len(marker.places) == 1:
                break
            shown = marker.places
        assert shown and len(shown) < len(NAMES)
        assert (_chosen(page), _address_place(page)) == (GENEVA, GENEVA)

        page.reload(wait_until="domcontentloaded")
        wait_for_app(page)
        assert (_chosen(page), _address_place(page)) == (GENEVA, GENEVA)
        with use_language("en"):
            heading = t("meetings.table.place", place=GENEVA)
        assert page.get_by_role("heading", name=heading).count() == 1
        page.screenshot(path=str(screenshots / f"map-en-{width}-reloaded.png"))
        assert page_errors(page) == []
    finally:
        page.close()
