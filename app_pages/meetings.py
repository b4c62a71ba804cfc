"""Meetings and venues: where Morocco met, on a map that needs no network, and what met where."""

import streamlit as st

from components import blocks
from components import map as deckmap
from components.context import current
from components.safe_text import md
from gfmd.tables import venues
from gfmd.tables.display import ON_SCREEN
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

ctx = current()
engagements = ctx.table("engagements")
meetings = ctx.memo("venues-located", lambda: venues.located(engagements))
places = ctx.memo("venues-places", lambda: venues.places(engagements))
unplaced = ctx.memo("venues-unplaced", lambda: venues.without_venue(engagements))
alt = deckmap.describe(places)

st.title(t("meetings.title"))
st.caption(t("meetings.intro"))
blocks.ignored_filters_note(ctx, engagements)



@st.fragment
def places_and_meetings() -> None:
    """The map, its place selector and the meetings at the chosen place: choosing a place
    (on the map or in the list) reruns only this, not the page."""
    # Full width: at half a page, Europe's places were one blob.
    place = deckmap.venue_map(
        places, lambda focus, chosen: ctx.memo(
            ("venues-deck", focus, chosen), lambda: deckmap.deck(places, focus, chosen)),
        key="meetings", alt=alt)
    if places.empty:
        st.info(t("meetings.no_places"))
    legend, about = st.columns(2, gap="medium")
    with legend:
        deckmap.legend()
    with about:
        st.caption(md(t("common.chart_alt", text=alt)))
        st.caption(blocks.source_line(
            ctx, [*blocks.sources_of(meetings), "ref-coordinates", "natural-earth-land"]))
    blocks.table(ctx, places.drop(columns="tooltip"), view="meetings-places", key="places",
                 name=t("meetings.places.table"))

    # Full width: a table of meetings has more columns than half a page holds.
    shown = meetings[meetings["place"] == place].reset_index(drop=True) if place else meetings
    if place:
        heading = t("meetings.table.place", place=place)
        st.header(md(heading))
    else:
        heading = blocks.shown_heading(ctx, meetings, "meetings.table.all",
                                       "meetings.table.filtered")
    view = f"meetings-at-{place}" if place else "meetings"
    # The key names the place: the table block keeps its rows per key and filter state.
    blocks.table(ctx, shown, view=view, key=view, name=heading, columns=ON_SCREEN["meetings"],
                 in_expander=False)


places_and_meetings()

st.header(t("meetings.no_venue.heading"))
if unplaced.empty:
    st.caption(t("meetings.no_venue.none"))
else:
    st.caption(t("meetings.no_venue.intro"))
    blocks.table(ctx, unplaced, view="meetings-no-venue", key="no-venue",
                 name=t("meetings.no_venue.heading"), columns=ON_SCREEN["meetings_no_venue"],
                 in_expander=False)

years = ctx.filters.years or ctx.year_bounds
context = [e for rec in ctx.dataset.years if years[0] <= rec.year <= years[1]
           for e in rec.context_events]
if context:
    st.header(t("meetings.context.heading"))
    st.caption(t("meetings.context.intro"))
    st.markdown("\n".join("- " + t(
        "meetings.context.line", title=md(e.tr("title", language())),
        organiser=md(e.tr("organiser", language())),
        place=md(fmt.place(e.city, None, e.country) or t("common.unknown")),
        dates=fmt.date_range(e.start_date, e.end_date) or t("common.unknown"))
        for e in context))
    st.caption(blocks.source_line(ctx, [e.source for e in context]))
