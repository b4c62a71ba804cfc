"""The "What changed" list: accepted changes, newest first, each with its date, reviewer,
source and summary, and a link to the record as it stood before it (`?v=`)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.context import PageContext
from components.safe_text import md
from gfmd.changes.changelog import ChangeEntry, entries, select, unreadable
from gfmd.record.vocab import ProposalKind, label
from gfmd.store.loader import resolve_data_dir
from gfmd.tables.links import VERSION_KEY
from gfmd.tables.recent import last_forum_date
from gfmd.text import formatting as fmt
from gfmd.text.markdown import link
from gfmd.text.messages import t, tn

SINCE_CHOICES = ("any", "forum", "date")
OVERVIEW = "app_pages/overview.py"


def log(ctx: PageContext) -> list[ChangeEntry]:
    """The change log of the latest record, read once per change of the data."""
    return ctx.current_record.memo("change-log", lambda: entries(resolve_data_dir()))


def _since(ctx: PageContext) -> dt.date | None:
    forum = ctx.current_record.memo("last-forum-date",
                                    lambda: last_forum_date(ctx.current_record.dataset))
    labels = {"any": t("changes.since.any"), "date": t("changes.since.date"),
              "forum": t("changes.since.forum", date=fmt.date(forum)) if forum
              else t("changes.since.forum.unknown")}
    choice = st.radio(t("changes.since"), SINCE_CHOICES, format_func=labels.get,
                      horizontal=True, key="changes-since")  # wraps on a phone
    if choice == "forum":
        return forum
    if choice == "date":
        return st.date_input(t("changes.since.pick"), value=dt.date.today().replace(day=1),
                             min_value=dt.date(2006, 1, 1), key="changes-since-date")
    return None


def controls(ctx: PageContext) -> tuple[list[ProposalKind], dt.date | None]:
    """The page's own filters: kind of change and since when (the sidebar's years apply
    to the year each change is about)."""
    kinds = st.multiselect(t("changes.kinds"), list(ProposalKind), format_func=label,
                           placeholder=t("changes.kinds.placeholder"), key="changes-kind")
    return kinds, _since(ctx)


def _entry(entry: ChangeEntry, ctx: PageContext, later: bool) -> None:
    with st.container(border=True, key=f"change-{entry.number}"):
        st.markdown(f"**{md(fmt.date(entry.date.date()))}** · {md(label(entry.kind))} · "
                    f"{entry.year}  \n{md(entry.summary)}")
        who = t("changes.reviewed_by", reviewer=md(entry.reviewer))
        if entry.proposer:
            who += " · " + t("changes.proposed_by", proposer=md(entry.proposer))
        st.markdown(f"{who}  \n" + t("changes.source",
                                     source=link(entry.source_title, entry.source_url)))
        st.caption(t("changes.versions", number=entry.number, before=entry.version_before,
                     after=entry.version_after))
        if later:
            st.caption(t("changes.not_in_pinned", version=md(ctx.bundle.version)))
        st.page_link(OVERVIEW, label=t("changes.before_link"), icon="🕘",
                     query_params={VERSION_KEY: entry.version_before})


def show(ctx: PageContext) -> None:
    """Draw the filters and the entries they select."""
    kinds, since = controls(ctx)
    full = log(ctx)
    chosen = select(full, kinds=kinds, years=ctx.filters.years, since=since)
    # Under a pinned version, changes made after it are not in the record on screen.
    pinned_at = next((e.number for e in full if e.version_after == ctx.bundle.version), 0) \
        if ctx.pin and ctx.pin.found else None
    damaged = ctx.current_record.memo("change-log-damaged",
                                      lambda: unreadable(resolve_data_dir()))
    if damaged:
        st.warning(t("changes.damaged", files=md(", ".join(damaged))), icon="⚠️")
    if not full:
        st.info(t("changes.none"))
        return
    st.caption(tn("changes.count", len(chosen), total=len(full)))
    if not chosen:
        st.info(t("changes.none_selected"))
    for entry in chosen:
        _entry(entry, ctx, later=pinned_at is not None and entry.number > pinned_at)
