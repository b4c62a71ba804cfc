"""The pieces every chart and table is shown with: a source line, a description, a
table view of the same rows, and downloads of exactly those rows."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.context import PageContext
from components.safe_text import md
from gfmd.exports import json_bytes, safe_csv_bytes
from gfmd.messages import t


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


def sources_of(df: pd.DataFrame) -> list[str]:
    """Every source id cited by the rows of `df`, in order of first appearance."""
    ids: list[str] = []
    for col in ("source", "date_source", "venue_source"):
        if col in df:
            ids.extend(s for s in df[col].dropna().tolist() if isinstance(s, str))
    return list(dict.fromkeys(ids))


def ignored_filters_note(ctx: PageContext, df: pd.DataFrame, kind: str | None = None) -> None:
    ignored = ctx.filters.ignored_by(list(df.columns), kind=kind)
    if ignored:
        st.caption(t("filters.ignored", names=", ".join(ignored)))


def chart(ctx: PageContext, fig: go.Figure, *, view: str, alt: str, sources: Iterable[str],
          key: str) -> None:
    """A plotly chart with its description and source line; PNG export named after the view."""
    filename = ctx.filters.slug(view, "png").removesuffix(".png")
    st.plotly_chart(
        fig, key=key, alt=alt,
        config={"displaylogo": False,
                "toImageButtonOptions": {"format": "png", "filename": filename}},
    )
    st.caption(md(t("common.chart_alt", text=alt)))
    st.caption(source_line(ctx, sources))


def table(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str,
          column_config: dict | None = None, in_expander: bool = True) -> None:
    """The rows themselves, then CSV and JSON downloads of exactly those rows."""
    container = st.expander(t("common.table_view")) if in_expander else st.container()
    with container:
        if df.empty:
            st.info(t("common.no_rows"))
        st.dataframe(df, hide_index=True, column_config=column_config, key=f"{key}-table",
                     width="stretch")
        st.caption(t("common.rows", count=len(df)))
        downloads(ctx, df, view=view, key=key)


def downloads(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str) -> None:
    """CSV (spreadsheet-safe) and JSON of `df`, built only when clicked."""
    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"), data=lambda: safe_csv_bytes(df),
        file_name=ctx.filters.slug(view, "csv"), mime="text/csv", key=f"{key}-csv",
        on_click="ignore", icon="⬇️",
    )
    right.download_button(
        t("common.download_json"), data=lambda: json_bytes(df),
        file_name=ctx.filters.slug(view, "json"), mime="application/json",
        key=f"{key}-json", on_click="ignore", icon="⬇️",
    )
