"""The Overview's "Since the last forum": the latest summit, what the record holds for the
country there, each summit since its last role, and the next summit. Not filtered: it
answers "where do things stand now"."""

from __future__ import annotations

import streamlit as st

from components import blocks
from components.context import PageContext
from components.safe_text import md
from gfmd.record.vocab import label
from gfmd.tables.recent import SummitRecord, since_last_forum
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t, tn


def _summit_line(item: SummitRecord) -> str:
    s = item.summit
    name = fmt.summit_name(s.number, s.city, s.year, s.virtual)
    if not item.recorded:
        status = t("since.status.not_recorded")
    elif item.attended:
        status = t("since.status.attended")
    else:
        status = t("since.status.attendance_unknown")
    return t("since.summit_line", summit=md(name), status=status)


def _latest(item: SummitRecord) -> list[str]:
    s, rec = item.summit, item.record
    place = fmt.summit_place(s.city, s.locality, s.host_country, s.virtual)
    lines = [t("since.latest", summit=md(fmt.summit_name(s.number, s.city, s.year, s.virtual)),
               place=md(place or t("common.unknown")),
               dates=fmt.date_range(s.start_date, s.end_date) or t("common.unknown"),
               chairs=md(fmt.join([fmt.country_name(c) for c in s.chairs])),
               chairmanship=fmt.chairmanship(s.chairmanship))]
    if s.theme:
        lines.append(t("since.theme", theme=md(s.theme)))
    if rec is None or not item.recorded:
        lines.append(t("since.there.not_recorded"))
        return lines
    lines.append(t("since.there.attended") if item.attended else t("since.there.unknown"))
    if rec.delegation and rec.delegation.head:
        head = rec.delegation.head
        lines.append(t("since.head", name=md(head.name),
                       title=md(head.tr("title", language()) or t("common.unknown"))))
    if rec.delegation and rec.delegation.members:
        lines.append(t("since.members", members=md(fmt.join(
            [f"{m.name} ({m.tr('title', language())})" if m.title else m.name
             for m in rec.delegation.members]))))
    for role in sorted({e.role for e in rec.side_events}):
        events = [e for e in rec.side_events if e.role == role]
        unknown = sum(e.title is None for e in events)
        titles = [e.title for e in events if e.title]
        line = tn("since.side_events", len(events), role=label(role).lower())
        if titles:
            line += " " + md(fmt.join([f"“{x}”" for x in titles])) + "."
        if unknown:
            line += " " + tn("since.side_events.untitled", unknown)
        lines.append(line)
    return lines


def show(ctx: PageContext) -> None:
    """Draw the section under an H2 heading.

    Its text is one Markdown element up to the note on unrecorded summits: the section
    does not change with the filters, and every element is taken in by the browser again
    on every rerun; several of them before the timeline delayed its drawing on each
    filter change."""
    state = ctx.bundle.memo("since-last-forum", lambda: since_last_forum(ctx.dataset))
    st.header(t("since.heading"))
    if state.latest is None:
        st.info(t("since.no_summits"))
        return
    parts = ["\n\n".join(_latest(state.latest))]
    rec = state.latest.record
    points = [(p, s.source) for s in (rec.statements if rec else [])
              for p in s.tr("points", language())]
    if points:
        parts.append(t("since.points"))
        parts.append("\n".join(f"- {md(p)}" for p, _ in points))
    if state.since:
        key = "since.since_role" if state.last_role_year else "since.since_start"
        parts.append(t(key, year=state.last_role_year or ""))
        parts.append("\n".join(f"- {_summit_line(item)}" for item in state.since))
    st.markdown("\n\n".join(parts))
    if state.not_recorded:
        st.caption(tn("since.not_recorded", len(state.not_recorded), summits=md(fmt.join(
            [fmt.summit_name(i.summit.number, i.summit.city, i.summit.year, i.summit.virtual)
             for i in state.not_recorded]))))
    if state.next_summit is None:
        st.markdown(t("since.next.unknown"))
    else:
        n = state.next_summit
        st.markdown(t("since.next", summit=md(fmt.summit_name(n.number, n.city, n.year,
                                                                 n.virtual))))
    sources = [sid for item in state.since for sid in item.sources]
    sources += [sid for s in (rec.statements if rec else []) for sid in (s.source,)]
    if rec and rec.delegation:
        sources.append(rec.delegation.source)
    st.caption(blocks.source_line(ctx, sources))
