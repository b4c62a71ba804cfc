"""The "What changed" list: the record's history, newest first. An accepted proposal shows
its date, reviewer, source and summary; a hand edit its date, author, message and files.
Each links to the record as it stood before it (`?v=`)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.context import PageContext
from components.safe_text import md
from gfmd.changes.changelog import ChangeEntry, entries, select
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
        when = md(fmt.date(entry.date.date()))
        if entry.hand_edit:
            # The editor's own words, in the language they wrote them in, and said to be.
            st.markdown(f"**{when}** · {t('changes.hand_edit')}  \n{md(entry.summary)} "
                        f"{t('changes.as_written')}")
            st.markdown(t("changes.edited_by", author=md(entry.author)) + "  \n"
                        + t("changes.files", files=md(", ".join(entry.files))))
            if entry.message:
                st.text(entry.message)
        else:
            kind = f" · {md(label(entry.kind))} · {entry.year}" if entry.kind else ""
            st.markdown(f"**{when}**{kind}  \n{md(entry.summary)}")
            who = t("changes.reviewed_by", reviewer=md(entry.reviewer or ""))
            if entry.proposer:
                who += " · " + t("changes.proposed_by", proposer=md(entry.proposer))
            st.markdown(f"{who}  \n" + t("changes.source", source=link(
                entry.source_title or entry.source_url or "", entry.source_url or "")))
        if entry.version_before:
            st.caption(t("changes.versions", number=entry.number, before=entry.version_before,
                         after=entry.version_after))
        else:
            st.caption(t("changes.versions.first", number=entry.number,
                         after=entry.version_after))
        if later:
            st.caption(t("changes.not_in_pinned", version=md(ctx.bundle.version)))
        if entry.version_before:
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
    if not full:
        st.info(t("changes.none"))
        return
    st.caption(tn("changes.count", len(chosen), total=len(full)))
    if not chosen:
        st.info(t("changes.none_selected"))
    for entry in chosen:
        _entry(entry, ctx, later=pinned_at is not None and entry.number > pinned_at)
