"""Overview: what Morocco did in the GFMD, when, and in which role, at a glance."""

import streamlit as st

from components import blocks, figures
from components.context import current
from components.safe_text import md
from gfmd import aggregate, summary
from gfmd.messages import t


def _no_years(status: str) -> str:
    return "common.unknown" if status == "unknown" else "structure.no_years"


ctx = current()
participation = ctx.table("participation")
roundtables = ctx.table("roundtables", kind="roundtable")
meetings = ctx.table("thematic_meetings", kind="thematic-meeting")
contributions = ctx.table("contributions")
summits = ctx.bundle.tables["summits"]
headline = ctx.memo("headline", lambda: aggregate.headline(
    participation, roundtables, meetings, contributions, summits,
    ctx.filters.years or ctx.year_bounds))
timeline = ctx.memo("timeline", lambda: aggregate.timeline(participation, roundtables, meetings))
country = ctx.dataset.countries.get("MAR")
roles = country.structural_roles if country else []
co_chair_years = sorted(y for r in roles if r.role == "co-chair" for y in r.years)
troika_years = sorted(y for r in roles if r.role == "troika" for y in r.years)

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
cols[4].metric(t("overview.metric.money"), f"{headline.money.new_money_usd:,}",
               help=t("overview.metric.money.help"))
unknown_years = ", ".join(map(str, headline.money.years_unknown)) or "—"
st.caption(t("overview.money_note", carry=f"{headline.money.carry_over_usd:,}",
             unknown=unknown_years))

st.subheader(t("overview.summary.heading"))
st.markdown(md(summary.summary_paragraph(headline, ctx.dataset)))

st.subheader(t("overview.timeline.heading"))
blocks.ignored_filters_note(ctx, contributions)
blocks.chart(ctx, ctx.memo("timeline-figure", lambda: figures.timeline(
                 timeline, co_chair_years, troika_years)),
             view="overview-timeline", alt=t("overview.timeline.alt"),
             sources=[*blocks.sources_of(participation), *(r.source for r in roles)],
             key="timeline")
blocks.table(ctx, timeline, view="overview-timeline", key="timeline")

not_covered = [str(s.number) for s in ctx.dataset.summits
               if s.year is None or s.year > ctx.year_bounds[1]]
if not_covered:
    st.caption(t("overview.coverage", numbers=", ".join(not_covered)))

left, right = st.columns(2)
with left.container(border=True):
    st.subheader(t("overview.structure.heading"))
    st.markdown("\n\n".join(f"**{md(b.name)}**: {md(b.description)}"
                              for b in ctx.dataset.structure))
    st.caption(blocks.source_line(ctx, [b.source for b in ctx.dataset.structure]))
with right.container(border=True):
    st.subheader(t("overview.roles.heading"))
    st.markdown("\n\n".join(
        f"**{md(t(f'structure.role.{role.role}'))}** "
        f"({md(summary.year_span(role.years) or t(_no_years(role.status)))}): "
        f"{md(role.description)}"
        for role in roles
    ))
    st.caption(blocks.source_line(ctx, [r.source for r in roles]))
