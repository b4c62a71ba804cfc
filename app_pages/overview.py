"""Overview: what Morocco did in the GFMD, when, and in which role, at a glance."""

import streamlit as st

from components import blocks, figures, since_forum
from components.context import current
from components.safe_text import md
from gfmd.record.forum import structural_years
from gfmd.record.vocab import HeldStatus, MeetingKind, StructuralRoleKind, label
from gfmd.tables import aggregate, summary
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t, tn


def _no_years(status: HeldStatus) -> str:
    return "common.unknown" if status == HeldStatus.UNKNOWN else "structure.no_years"


ctx = current()
lang = language()
participation = ctx.table("participation")
roundtables = ctx.table("roundtables", kind=MeetingKind.ROUNDTABLE)
meetings = ctx.table("thematic_meetings", kind=MeetingKind.THEMATIC_MEETING)
contributions = ctx.table("contributions")
summits = ctx.bundle.tables["summits"]
headline = ctx.memo("headline", lambda: aggregate.headline(
    participation, roundtables, meetings, contributions, summits,
    ctx.filters.years or ctx.year_bounds))
timeline = ctx.memo("timeline", lambda: aggregate.timeline(participation, roundtables, meetings))
country = ctx.dataset.country
roles = country.structural_roles if country else []
co_chair_years = structural_years(ctx.dataset, StructuralRoleKind.CO_CHAIR)
troika_years = structural_years(ctx.dataset, StructuralRoleKind.TROIKA)

st.title(t("overview.title"))
st.caption(t("overview.intro"))

cols = st.columns(5)
cols[0].metric(t("overview.metric.summits"),
               t("overview.metric.summits.value", attended=headline.summits_attended,
                 held=headline.summits_held),
               help=t("overview.metric.summits.help"))
cols[1].metric(t("overview.metric.co_chair"), headline.co_chair_roles,
               help=t("overview.metric.co_chair.help"))
cols[2].metric(t("overview.metric.team"), headline.team_memberships,
               help=t("overview.metric.team.help"))
cols[3].metric(t("overview.metric.meetings"), headline.thematic_meetings)
cols[4].metric(t("overview.metric.money"), fmt.number(headline.money.new_money_usd),
               help=t("overview.metric.money.help"))
notes = []
if headline.other_meetings:
    notes.append(tn("overview.other_meetings", headline.other_meetings))
if headline.years_not_recorded:
    notes.append(t("overview.not_recorded", years=fmt.year_span(headline.years_not_recorded)))
notes.append(t("overview.money_note", carry=fmt.number(headline.money.carry_over_usd),
               unknown=fmt.year_span(headline.money.years_unknown) or "—"))
st.caption(" ".join(notes))
# The tiles cannot link: their sources are named under them, and the Data and sources page
# (with the reader's filters) holds the tables they count and every source's address.
st.caption(blocks.source_line(ctx, [
    *blocks.sources_of(participation), *blocks.sources_of(roundtables),
    *blocks.sources_of(meetings), *blocks.sources_of(contributions)]))
st.page_link("app_pages/data_sources.py", label=t("overview.sources_link"), icon="📚",
             query_params={key: st.query_params.get_all(key) for key in st.query_params})

st.header(t("overview.summary.heading"))
st.markdown(md(summary.summary_paragraph(headline, ctx.dataset)))

since_forum.show(ctx)

st.header(t("overview.timeline.heading"))
blocks.ignored_filters_note(ctx, contributions)
blocks.chart(ctx, ctx.memo("timeline-figure", lambda: figures.timeline(
                 timeline, co_chair_years, troika_years)),
             view="overview-timeline", alt=t("overview.timeline.alt"),
             sources=[*blocks.sources_of(participation), *(r.source for r in roles)],
             key="timeline")
blocks.table(ctx, timeline, view="overview-timeline", key="timeline",
             name=t("overview.timeline.heading"))

left, right = st.columns(2)
with left.container(border=True):
    st.header(t("overview.structure.heading"))
    st.markdown("\n\n".join(f"**{md(b.tr('name', lang))}**: {md(b.tr('description', lang))}"
                              for b in ctx.dataset.structure))
    st.caption(blocks.source_line(ctx, [b.source for b in ctx.dataset.structure]))
with right.container(border=True):
    st.header(t("overview.roles.heading"))
    st.markdown("\n\n".join(
        f"**{md(label(role.role))}** "
        f"({md(fmt.year_span(role.years) or t(_no_years(role.status)))}): "
        f"{md(role.tr('description', lang))}"
        for role in roles
    ))
    st.caption(blocks.source_line(ctx, [r.source for r in roles]))
