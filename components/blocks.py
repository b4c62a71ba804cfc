"""The pieces every chart and table is shown with: a source line, a description, a
table view of the same rows, and downloads of exactly those rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from components.context import PageContext
from components.safe_text import md
from gfmd import formatting as fmt
from gfmd.exports import json_bytes, safe_csv_bytes
from gfmd.messages import t, tn

COLUMN_CONFIG: dict[str, object] = {
    "year": st.column_config.NumberColumn(format="%d", width="small"),
    "number": st.column_config.NumberColumn(format="%d", width="small"),
    "roundtable_roles": st.column_config.NumberColumn(format="%d"),
    "thematic_meetings": st.column_config.NumberColumn(format="%d"),
    "title": st.column_config.TextColumn(width="large"),
    "url": st.column_config.LinkColumn(),
}

# Columns where an empty cell means the sources do not say: shown as "unknown".
UNKNOWN_WHEN_EMPTY = {
    "start_date", "end_date", "city", "host_country", "latitude", "longitude", "amount_usd",
    "new_money_usd", "carry_over_usd", "theme", "chairs", "year",
}


VENUE_COLUMNS = {"city", "host_country", "latitude", "longitude"}


def display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The rows as a reader should see them: unknown said as "unknown", a stated none as
    "none", yes/no for flags, thousands separators; other empty cells stay blank.

    Only the on-screen table uses this; downloads keep the typed values.
    """
    out = df.copy()
    stated_none = out["status"].eq("none") if "status" in out else None
    virtual = out["virtual"].fillna(False).astype(bool) if "virtual" in out else None
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series):
            out[col] = series.map({True: "yes", False: "no"}).fillna("")
        elif col in UNKNOWN_WHEN_EMPTY:
            shown = series.map(_format_cell(col), na_action="ignore").astype(object)
            empty = t("common.unknown")
            shown = shown.where(series.notna(), empty)
            if stated_none is not None and col == "amount_usd":
                shown = shown.where(~stated_none, t("money.none.short"))
            if virtual is not None and col in VENUE_COLUMNS:
                shown = shown.where(~virtual, t("common.virtual"))
            out[col] = shown
        elif not pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype(object).where(series.notna(), "")
    return out


def _format_cell(col: str) -> Callable[[object], str]:
    if col in ("latitude", "longitude"):
        return lambda v: f"{v:.4f}"
    if col.endswith("_usd"):
        return lambda v: fmt.number(int(v))  # type: ignore[call-overload]
    return str


def source_line(ctx: PageContext, source_ids: Iterable[str]) -> str:
    """'Source: <titles>. Data version <hash> (<date>).', escaped for Markdown."""
    sources = ctx.dataset.sources
    names = []
    for sid in dict.fromkeys(source_ids):
        src = sources.get(sid)
        names.append(f"{src.title} ({src.publisher})" if src else sid)
    date = ctx.bundle.date.isoformat() if ctx.bundle.date else t("common.unknown")
    return md(t("common.source_line", sources="; ".join(names) or t("common.unknown"),
                version=ctx.bundle.version, date=date))


SOURCE_COLUMNS = ("source", "date_source", "venue_source")


def sources_of(df: pd.DataFrame) -> list[str]:
    """Every source id cited by the rows of `df`, in order of first appearance."""
    cols = [col for col in SOURCE_COLUMNS if col in df]
    values = df[cols].to_numpy().ravel(order="F")  # column by column: one pandas call
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


def ignored_filters_note(ctx: PageContext, df: pd.DataFrame, kind: str | None = None) -> None:
    ignored = ctx.filters.ignored_by(list(df.columns), kind=kind)
    if ignored:
        st.caption(t("filters.ignored", names=fmt.join([t(key) for key in ignored])))


def chart(ctx: PageContext, fig: go.Figure, *, view: str, alt: str, sources: Iterable[str],
          key: str) -> None:
    """A plotly chart with its description and source line; PNG export named after the view."""
    filename = ctx.file_name(view, "png").removesuffix(".png")
    st.plotly_chart(
        fig, key=key, alt=alt,
        config={"displaylogo": False,
                "toImageButtonOptions": {"format": "png", "filename": filename}},
    )
    st.caption(md(t("common.chart_alt", text=alt)))
    st.caption(source_line(ctx, sources))


def table(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str,
          column_config: dict | None = None, in_expander: bool = True) -> None:
    """The rows themselves, then CSV and JSON downloads of exactly those rows.

    In an expander, the table is drawn only once it is opened (a rerun): the data grid is
    the heaviest element in the browser, and a closed one cost the overview about a
    quarter of its first view (bench/first_view.py).
    """
    column_config = COLUMN_CONFIG if column_config is None else column_config
    if in_expander:
        container = st.expander(t("common.table_view"), key=f"{key}-view", on_change="rerun")
        if not container.open:
            return
    else:
        container = st.container()
    with container:
        if df.empty:
            st.info(t("common.no_rows"))
        # Arrow, prepared once per filter state: st.dataframe converts pandas on every run.
        shown = ctx.memo(("display", key),
                         lambda: pa.Table.from_pandas(display_frame(df), preserve_index=False))
        st.dataframe(shown, hide_index=True, column_config=column_config,
                     key=f"{key}-table", width="stretch")
        st.caption(tn("common.rows", len(df)))
        downloads(ctx, df, view=view, key=key)


def downloads(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str) -> None:
    """CSV (spreadsheet-safe) and JSON of `df`, built only when clicked."""
    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"), data=lambda: safe_csv_bytes(df),
        file_name=ctx.file_name(view, "csv"), mime="text/csv", key=f"{key}-csv",
        on_click="ignore", icon="⬇️",
    )
    right.download_button(
        t("common.download_json"), data=lambda: json_bytes(df),
        file_name=ctx.file_name(view, "json"), mime="application/json",
        key=f"{key}-json", on_click="ignore", icon="⬇️",
    )
