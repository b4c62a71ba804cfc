"""Roundtables: Morocco's roles by year and roundtable, co-chair and team member apart."""

import streamlit as st

from components import blocks, figures
from components.context import current
from gfmd.record.vocab import MeetingKind, RoundtableParticipation
from gfmd.tables.display import ON_SCREEN
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

ctx = current()
roles = ctx.table("roundtables", kind=MeetingKind.ROUNDTABLE)
participation = ctx.table("participation")
none_stated = participation["roundtable_participation"] == RoundtableParticipation.NONE_STATED
stated_none = participation.loc[none_stated, "year"].astype(int).tolist()

st.title(t("roundtables.title"))
st.caption(t("roundtables.intro"))
blocks.ignored_filters_note(ctx, roles, kind=MeetingKind.ROUNDTABLE)

if roles.empty:
    st.info(t("common.no_rows"))
else:
    figure = ctx.memo("rt-figure",
                      lambda: figures.roundtable_matrix(roles, ctx.dataset.themes))
    blocks.chart(ctx, figure,
                 view="roundtables",
                 alt=t("roundtables.alt"), sources=blocks.sources_of(roles), key="rt-chart")
if stated_none:
    st.caption(t("roundtables.stated_none", years=fmt.year_span(stated_none)))

heading = blocks.shown_heading(ctx, roles, "roundtables.table", "roundtables.table.filtered",
                              kind=MeetingKind.ROUNDTABLE)
blocks.table(ctx, roles, view="roundtables", key="rt", name=heading,
             columns=ON_SCREEN["roundtables"], in_expander=False)
