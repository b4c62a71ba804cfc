"""Data and sources: every table under the current filters, its downloads, the sources,
the data version and whether every file is valid."""

import pandas as pd
import streamlit as st

from components import blocks
from components.context import current
from components.safe_text import md
from gfmd.record.reference import theme_description, theme_label
from gfmd.record.vocab import MeetingKind
from gfmd.tables.build import TABLES
from gfmd.tables.display import ON_SCREEN
from gfmd.text.messages import language, t, tn

# The meeting kind each table holds whole, so the kind filter can include or exclude it.
TABLE_KINDS = {"roundtables": MeetingKind.ROUNDTABLE,
               "thematic_meetings": MeetingKind.THEMATIC_MEETING,
               "summits": MeetingKind.SUMMIT}

# The sources list on screen (the id stays in downloads and the Excel sources sheet).
# A source's title in its own column: translated or marked with its language, unlike the
# official (English) titles of roundtables and meetings.
SOURCE_COLUMNS = ("source_title", "publisher", "url", "date", "kind")

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
blocks.table(ctx, df, view=name.replace("_", "-"), key=f"data-{name}",
             name=t(f"data.table.{name}"), columns=ON_SCREEN.get(name), in_expander=False)

st.header(t("data.version.heading"))
problems = ctx.dataset.problems
cols = st.columns(3)
cols[0].metric(t("data.version"), ctx.bundle.version)
cols[1].metric(t("data.date"), ctx.bundle.date_in_words())
cols[2].metric(t("data.validation"),
               t("data.valid") if not problems else tn("data.invalid", len(problems)))
st.caption(t("data.files", count=len(ctx.dataset.files)))

st.header(t("data.sources.heading"))
blocks.reference_table(ctx, lambda: pd.DataFrame(
    [{**s.model_dump(include=set(SOURCE_COLUMNS)), "source_title": s.shown_title(language()),
      "publisher": s.shown_publisher(language()), "kind": t(f"source.kind.{s.kind}")}
     for s in ctx.dataset.sources.values()],
    columns=list(SOURCE_COLUMNS)), key="data-sources", name=t("data.sources.heading"))
st.caption(t("data.sources.note"))

method = ctx.dataset.method.text(language()) if ctx.dataset.method else None
st.header(method.title if method else t("data.method.heading"), anchor="method")
if method is None:
    st.info(t("data.method.missing"))
else:
    for part in method.sections:
        st.subheader(part.heading)
        st.markdown(md(part.text))

st.header(t("data.themes.heading"))
blocks.reference_table(ctx, lambda: pd.DataFrame([
    {"id": th.id, "label": theme_label(th), "description": theme_description(th),
     "gcm_objectives": ", ".join(map(str, th.gcm_objectives))}
    for th in ctx.dataset.themes.values()
]), key="data-themes", name=t("data.themes.heading"))
st.caption(blocks.source_line(ctx, ctx.dataset.theme_sources))
