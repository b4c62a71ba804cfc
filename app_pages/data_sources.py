"""Data and sources: every table under the current filters, its downloads, the sources,
the data version and whether every file is valid."""

import pandas as pd
import streamlit as st

from components import blocks
from components.context import current
from gfmd.messages import t, tn
from gfmd.tables import TABLES
from gfmd.vocab import MeetingKind

# The meeting kind each table holds whole, so the kind filter can include or exclude it.
TABLE_KINDS = {"roundtables": MeetingKind.ROUNDTABLE,
               "thematic_meetings": MeetingKind.THEMATIC_MEETING,
               "summits": MeetingKind.SUMMIT}

ctx = current()
st.title(t("data.title"))
st.caption(t("data.intro"))

name = st.segmented_control(
    t("data.choose"), list(TABLES), format_func=lambda n: t(f"data.table.{n}"),
    default="participation", key="table", bind="query-params", required=True,
)
df = ctx.table(name, kind=TABLE_KINDS.get(name))
st.caption(t(f"data.describe.{name}"))
blocks.ignored_filters_note(ctx, df, kind=TABLE_KINDS.get(name))
blocks.table(ctx, df, view=name.replace("_", "-"), key=f"data-{name}", in_expander=False)
st.caption(blocks.source_line(ctx, blocks.sources_of(df)))

st.subheader(t("data.version.heading"))
problems = ctx.dataset.problems
cols = st.columns(3)
cols[0].metric(t("data.version"), ctx.bundle.version)
cols[1].metric(t("data.date"),
               ctx.bundle.date.isoformat() if ctx.bundle.date else t("common.unknown"))
cols[2].metric(t("data.validation"),
               t("data.valid") if not problems else tn("data.invalid", len(problems)))
st.caption(t("data.files", count=len(ctx.dataset.files)))

st.subheader(t("data.sources.heading"))
sources = pd.DataFrame([s.model_dump() for s in ctx.dataset.sources.values()])
st.dataframe(sources, hide_index=True, key="data-sources", width="stretch",
             column_config={"url": st.column_config.LinkColumn(),
                            "title": st.column_config.TextColumn(width="large")})
st.caption(t("data.sources.note"))

st.subheader(t("data.themes.heading"))
themes = pd.DataFrame([
    {"id": th.id, "label": th.label, "description": th.description,
     "gcm_objectives": ", ".join(map(str, th.gcm_objectives))}
    for th in ctx.dataset.themes.values()
])
st.dataframe(themes, hide_index=True, key="data-themes", width="stretch")
st.caption(blocks.source_line(ctx, ctx.dataset.theme_sources))
