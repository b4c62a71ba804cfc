"""Partners: the governments Morocco co-chaired, co-convened or organised with — how often,
when, on which themes — and the roles whose partners no source names."""

import streamlit as st

from components import blocks, figures
from components.context import current
from components.safe_text import md
from gfmd.record.reference import theme_label
from gfmd.record.vocab import MeetingKind, PartnersStatus, kind_label
from gfmd.tables import aggregate
from gfmd.tables.display import ON_SCREEN
from gfmd.text import formatting as fmt
from gfmd.text.messages import t, tn, use_language

ctx = current()
rows = ctx.table("partners")
summary = ctx.memo("partnerships", lambda: aggregate.partnerships(rows))
themes = {tid: theme_label(th) for tid, th in ctx.dataset.themes.items()}

st.title(t("partners.title"))
st.caption(t("partners.intro"))
blocks.ignored_filters_note(ctx, rows)

cols = st.columns(3)
cols[0].metric(t("partners.metric.governments"), len(summary.partners),
               help=t("partners.metric.governments.help"))
cols[1].metric(t("partners.metric.named"), summary.roles_with_partners,
               help=t("partners.metric.named.help"))
cols[2].metric(t("partners.metric.unknown"), summary.roles_unknown,
               help=t("partners.metric.unknown.help"))

if summary.partners:
    order = [p.partner for p in summary.partners]
    blocks.chart(ctx, ctx.memo("partners-figure", lambda: figures.partners_chart(rows, order)),
                 view="partners", alt=t("partners.alt"), sources=blocks.sources_of(rows),
                 key="partners-chart")
    st.header(t("partners.who"))
    st.markdown("\n".join(
        "- " + tn("partners.line", p.roles, partner=md(fmt.country_name(p.partner)),
                  years=fmt.year_span(p.years),
                  kinds=fmt.join([kind_label(k) for k in p.kinds]),
                  themes=md("; ".join(themes.get(x, x) for x in p.themes) or "—"))
        for p in summary.partners))
else:
    st.info(t("partners.none_in_view"))

unknown = rows[rows["status"] == PartnersStatus.UNKNOWN]
if not unknown.empty:
    st.header(tn("partners.unknown.heading", summary.roles_unknown))
    st.caption(t("partners.unknown.intro"))
    official = {MeetingKind.ROUNDTABLE.value, MeetingKind.THEMATIC_MEETING.value}

    def unknown_line(year: int, kind: str, title: str) -> str:
        """A role by year, kind and title; a title that only repeats the kind's name (in
        English, as the record writes it, or in the reader's language) is said once."""
        with use_language("en"):
            english = kind_label(kind)
        if title.strip().casefold() in {english.casefold(), kind_label(kind).casefold()}:
            return t("partners.unknown.line.kind", year=year, kind=md(kind_label(kind)))
        return t("partners.unknown.line.official" if kind in official
                 else "partners.unknown.line", year=year, kind=md(kind_label(kind)),
                 title=md(title))

    st.markdown("\n".join(
        "- " + unknown_line(int(r.year), r.kind, r.title)
        for r in unknown.drop_duplicates(["kind", "title"]).itertuples()))

heading = blocks.shown_heading(ctx, rows, "partners.table", "partners.table.filtered")
blocks.table(ctx, rows, view="partners", key="partners", name=heading,
             columns=ON_SCREEN["partners"], in_expander=False)
