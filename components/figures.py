"""Figure builders: a filtered DataFrame in, a plotly figure out.

Built with graph_objects, not plotly.express, which costs several times more per rerun.
Building a figure costs far more than serving a built one, so pages build them through
`PageContext.memo`; Streamlit never mutates a figure, so sharing one is safe.
Data text in labels and hovers goes through `plotly_text` so it is never read as HTML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.colors import (
    CO_CHAIR_BAND,
    KIND_COLORS,
    KIND_SYMBOLS,
    MONEY_COLORS,
    NOT_RECORDED_BAND,
    ROLE_COLORS,
    ROLE_SYMBOLS,
    TROIKA_LINE,
)
from components.safe_text import plotly_text
from gfmd.record.reference import Theme, theme_label
from gfmd.record.vocab import ContributionStatus, RecordStatus, kind_label, role_label
from gfmd.record.vocab import label as vocab_label
from gfmd.tables.aggregate import TIMELINE_ROLES
from gfmd.tables.display import header
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 13}
TIMELINE_LEFT, TIMELINE_BOTTOM = 84, 48  # px: see `timeline`
# Fixed margins (`fixed_margins`), from what plotly's automargin gave in Chromium on a
# phone and a laptop in English, French and Arabic: the left one fits the
# rotated axis title and the longest tick label at 7.5 px a character (automargin needed
# 6.5); the bottom one fits the years turned upright on a phone and the axis title below.
TITLE_BAND, CHAR_PX, LABELLED_BOTTOM = 56, 7.5, 80
LABEL_LINE, RT_ROW_PX = 16, 52  # a roundtable row's label: characters a line; px a row
RT_EXTRA_PX = 24  # the roundtables chart's extra margin (see `roundtable_matrix`)
ZERO_PAD = 0.1  # of the highest amount: room under a money axis's zero line for markers


def _base_layout(fig: go.Figure, height: int) -> go.Figure:
    """No plotly legend: `blocks.chart` writes it as text above the chart, where it wraps
    on a phone instead of taking the plot's height (a 200 px legend on a 390 px screen).
    No drag-zoom: on a touch screen a drag scrolls the page, not the chart."""
    fig.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, font=FONT,
        showlegend=False, dragmode=False,
        hoverlabel={"align": "left"}, plot_bgcolor="white",
        separators=fmt.separators(),  # 200 000 (fr), 200.000 (ar): as the page writes them
    )
    return fig


def fixed_margins(fig: go.Figure, *, left: int, bottom: int = LABELLED_BOTTOM) -> go.Figure:
    """Set the margins instead of letting plotly grow them: its automargin draws the chart,
    measures the labels and draws it again, on every first view and filter change."""
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    fig.update_layout(margin={"l": left, "b": bottom, "r": 20})
    return fig


def label_margin(labels: Iterable[str]) -> int:
    """The left margin for a titled axis whose longest tick label line is one of
    `labels` (lines are parted by plotly's "<br>")."""
    longest = max((len(line) for label in labels for line in label.split("<br>")), default=4)
    return TITLE_BAND + round(CHAR_PX * longest)


def _year_axis(fig: go.Figure, years: Iterable[int], **where: int) -> None:
    years = list(years)
    lo, hi = (min(years), max(years)) if years else (2007, 2018)
    fig.update_xaxes(range=[lo - 0.6, hi + 0.6], dtick=1, tick0=lo, showgrid=False, **where)


def timeline(df: pd.DataFrame, co_chair_years: list[int], troika_years: list[int]) -> go.Figure:
    """Roles and meetings (top) and new money (bottom) by summit year, one time axis."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38],
                        vertical_spacing=0.08)
    years = df["year"].astype(int).tolist()
    for role in TIMELINE_ROLES:
        fig.add_trace(go.Bar(
            x=years, y=df[role].tolist(), name=role_label(role),
            marker={"color": ROLE_COLORS[role]}, legendgroup="roles",
            hovertemplate="%{x}: %{y} " + role_label(role) + "<extra></extra>",
        ), row=1, col=1)
    fig.add_trace(go.Bar(
        x=years, y=df["thematic_meetings"].tolist(), name=t("chart.meetings"),
        marker={"color": KIND_COLORS["thematic-meeting"], "pattern": {"shape": "/"}},
        hovertemplate="%{x}: %{y} " + t("chart.meetings") + "<extra></extra>",
    ), row=1, col=1)
    money = df["new_money_usd"]
    fig.add_trace(go.Bar(
        x=years, y=money.fillna(0).astype(int).tolist(), name=t("chart.new_money"),
        marker={"color": MONEY_COLORS["new"]},
        hovertemplate="%{x}: " + t("format.usd", amount="%{y:,}") + "<extra></extra>",
    ), row=2, col=1)
    unknown = df.loc[money.isna(), "year"].astype(int).tolist()
    if unknown:
        fig.add_trace(_zero_markers(unknown, ContributionStatus.UNKNOWN, t("money.unknown")),
                      row=2, col=1)
    in_range = set(years)
    for year in co_chair_years:
        if year in in_range:
            fig.add_vrect(x0=year - 0.5, x1=year + 0.5, fillcolor=CO_CHAIR_BAND, line_width=0,
                          layer="below", row="all", col=1)
    for year in troika_years:
        if year in in_range:
            fig.add_vrect(x0=year - 0.48, x1=year + 0.48, line={"color": TROIKA_LINE,
                          "dash": "dot", "width": 1}, fillcolor="rgba(0,0,0,0)",
                          row=1, col=1)
    if any(year in in_range for year in troika_years):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=t("chart.troika"), hoverinfo="skip",
            marker={"symbol": "square-open", "size": 12, "color": TROIKA_LINE},
        ), row=1, col=1)
    _not_recorded(fig, df)
    _co_chair_label(fig, [y for y in co_chair_years if y in in_range], years)
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_yaxes(title_text=t("chart.count"), rangemode="tozero", row=1, col=1,
                     gridcolor="#eee")
    fig.update_yaxes(title_text=t("chart.usd"), range=_money_range(money.fillna(0).max()),
                     row=2, col=1, gridcolor="#eee", tickformat=",")
    _year_axis(fig, years, row=2, col=1)
    _year_axis(fig, years, row=1, col=1)
    _base_layout(fig, 460)
    # Margins fixed, not grown to fit the labels: with four axes, plotly's automargin
    # lays the chart out several times over, most of what a filter change on Overview
    # cost over the one-chart reference (bench/RESULTS.md). Room for the USD ticks and the
    # axis titles at the left; for the years below, upright on a phone.
    return fixed_margins(fig, left=TIMELINE_LEFT, bottom=TIMELINE_BOTTOM)


def _co_chair_label(fig: go.Figure, marks: list[int], years: list[int]) -> None:
    """Name the co-chair band above the plot, in the top margin, where no bar or Troika
    box is drawn: inside the plot the label is wider than a two-year band on a phone and
    ran over the neighbouring year's box and bar. Anchored at the band's outer edge and
    running inward, so it never leaves the chart at either end of the time axis."""
    if not marks:
        return
    lo, hi = min(marks) - 0.5, max(marks) + 0.5
    right_half = (lo + hi) / 2 > (min(years) + max(years)) / 2
    fig.add_annotation(x=hi if right_half else lo, xanchor="right" if right_half else "left",
                       xref="x", y=1.0, yref="paper", yanchor="bottom",
                       text=t("chart.co_chair_band"), showarrow=False,
                       font={"size": 11, "color": "#8a3b00"})


def _not_recorded(fig: go.Figure, df: pd.DataFrame) -> None:
    """Summit years no source records participation for: a grey band labelled "not
    recorded" over both rows, so an unknown year never reads as a gap or a zero."""
    years = df.loc[df["record_status"] == RecordStatus.UNKNOWN, "year"].astype(int).tolist()
    for year in years:
        fig.add_vrect(x0=year - 0.45, x1=year + 0.45, fillcolor=NOT_RECORDED_BAND,
                      line_width=0, layer="below", row="all", col=1)
        fig.add_annotation(x=year, y=0.5, yref="y domain", text=t("chart.not_recorded"),
                           textangle=-90, showarrow=False, font={"size": 11, "color": "#444"},
                           row=1, col=1)
    if years:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=t("chart.not_recorded"),
            hoverinfo="skip", marker={"symbol": "square", "size": 12,
                                      "color": NOT_RECORDED_BAND},
        ), row=1, col=1)


def roundtable_matrix(df: pd.DataFrame, themes: Mapping[str, Theme]) -> go.Figure:
    """Each role as a marker at (year, the roundtable's theme); colour and shape show the
    role. Rows are named in words, the role's first theme in the page's language (its
    title when it has none): the profile's codes (1.2, 2.1) number sessions afresh each
    summit, so a row per code said nothing without a hover (walk review F7). The code and
    the full title are in the hover."""
    fig = go.Figure()
    rows = df.assign(row=[_theme_row(ids, title, themes)
                          for ids, title in zip(df["themes"], df["title"], strict=True)])
    order = [wrap_label(theme_label(theme)) for theme in themes.values()]
    categories = sorted(set(rows["row"]), key=lambda r: (order.index(r) if r in order
                                                         else len(order), r))
    # Two roles of one year on one row sit side by side, not on top of each other.
    at = rows.groupby(["year", "row"])["row"]
    shift = (at.cumcount() - (at.transform("size") - 1) / 2) * 0.2
    for role, group in rows.assign(shift=shift).groupby("role", sort=False):
        label = role_label(role)
        years = group["year"].astype(int).tolist()
        fig.add_trace(go.Scatter(
            x=[y + s for y, s in zip(years, group["shift"], strict=True)],
            y=group["row"].tolist(), mode="markers", name=label,
            marker={"color": ROLE_COLORS[role], "symbol": ROLE_SYMBOLS[role], "size": 16,
                    "line": {"width": 1, "color": "#333"}},
            customdata=[[f"{year}, RT {code}" if isinstance(code, str) else str(year),
                         plotly_text(title), plotly_text(_theme_names(ids, themes))]
                        for year, code, title, ids in zip(years, group["rt_code"],
                                                          group["title"], group["themes"],
                                                          strict=True)],
            hovertemplate=("<b>%{customdata[0]}</b><br>" + label
                           + "<br>%{customdata[1]}<br><i>%{customdata[2]}</i><extra></extra>"),
        ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=categories,
                     title_text=t("roundtables.axis"), gridcolor="#eee")
    _year_axis(fig, df["year"].astype(int).tolist())
    fig.update_xaxes(title_text=header("year"))
    _base_layout(fig, 120 + RT_ROW_PX * max(len(categories), 3))
    # Room for "Summit year" below the upright years of a phone, and for Arabic theme
    # lines, whose joined letters run wider than CHAR_PX.
    return fixed_margins(fig, left=label_margin(categories) + RT_EXTRA_PX,
                         bottom=LABELLED_BOTTOM + RT_EXTRA_PX)


def _theme_ids(ids: object) -> list[str]:
    """A role's theme ids, first (its main theme) first; the table holds them as "a; b"."""
    return [tid.strip() for tid in ids.split(";") if tid.strip()] if isinstance(ids, str) else []


def _theme_row(ids: object, title: str, themes: Mapping[str, Theme]) -> str:
    """The row a roundtable role sits on: its first known theme, else its own title."""
    known = [tid for tid in _theme_ids(ids) if tid in themes]
    return wrap_label(theme_label(themes[known[0]]) if known else str(title))


def _theme_names(ids: object, themes: Mapping[str, Theme]) -> str:
    """Every theme of a role, in full, for the hover."""
    return fmt.join([theme_label(themes[tid]) for tid in _theme_ids(ids) if tid in themes])


def wrap_label(text: str, width: int = LABEL_LINE, lines: int = 3) -> str:
    """A category label on at most `lines` lines of about `width` characters, whole words,
    "…" where words were left out; shown literally (plotly reads only the line breaks)."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        rest = textwrap.shorten(" ".join(wrapped[lines - 1:]), width, placeholder="…")
        wrapped = [*wrapped[:lines - 1], rest]
    return "<br>".join(plotly_text(line) for line in wrapped)


def contributions_chart(df: pd.DataFrame) -> go.Figure:
    """New money and carry-over as stacked bars; none and unknown years marked at zero."""
    fig = go.Figure()
    amounts = df[df["status"] == ContributionStatus.AMOUNT]
    new = amounts[amounts["counts_as_new_money"].fillna(False).astype(bool)]
    carry = amounts[~amounts["counts_as_new_money"].fillna(True).astype(bool)]
    for part, name, pattern, key in ((new, t("money.new"), "", "new"),
                                     (carry, t("money.carry_over"), "/", "carry-over")):
        by_year = part.groupby("year")["amount_usd"].sum()
        fig.add_trace(go.Bar(
            x=by_year.index.astype(int).tolist(), y=by_year.astype(int).tolist(), name=name,
            marker={"color": MONEY_COLORS[key], "pattern": {"shape": pattern}},
            hovertemplate="%{x}: " + t("format.usd", amount="%{y:,}") + " " + name
            + "<extra></extra>",
        ))
    for key in (ContributionStatus.NONE, ContributionStatus.UNKNOWN):
        years = sorted(set(df.loc[df["status"] == key, "year"].astype(int)))
        if years:
            # Marked by shape, named in the legend and on hover: per-year words at zero
            # ran into each other ("knownonenone") on a phone and around 2015-2017.
            fig.add_trace(_zero_markers(years, key, vocab_label(key)))
    top = int(amounts.groupby("year")["amount_usd"].sum().max()) if not amounts.empty else 0
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("chart.usd"), tickformat=",", range=_money_range(top),
                     gridcolor="#eee")
    _year_axis(fig, df["year"].astype(int).tolist())
    fig.update_xaxes(title_text=header("year"))
    _base_layout(fig, 380)
    return fixed_margins(fig, left=label_margin([f"{top:,}0"]))  # a tick above the top


def _zero_markers(years: list[int], status: ContributionStatus, label: str) -> go.Scatter:
    """Years without an amount (unknown, or none stated), marked on the zero line: as large
    as a year's slot on a phone allows (13 px), dark enough against white and the grey
    bands, drawn over the bars and not cut by the plot's edge (`_money_range` keeps the
    zero line off it). Small pale marks on the axis were missed (walk review F14)."""
    unknown = status == ContributionStatus.UNKNOWN
    return go.Scatter(
        x=years, y=[0] * len(years), name=label, cliponaxis=False,
        mode="markers+text" if unknown else "markers", text=["?"] * len(years) if unknown else None,
        textposition="top center", textfont={"color": MONEY_COLORS[status]},
        marker={"color": MONEY_COLORS[status], "size": 12,
                "symbol": "x-thin-open" if unknown else "circle-open",
                "line": {"width": 2.5, "color": MONEY_COLORS[status]}},
        hovertemplate="%{x}: " + label + "<extra></extra>",
    )


def _money_range(top: float) -> list[float]:
    """A USD axis from a little below zero, so the markers on the zero line are drawn
    whole inside the plot, to a little above the highest bar."""
    top = top if top > 0 else 1
    return [-ZERO_PAD * top, 1.08 * top]


def partners_chart(df: pd.DataFrame, order: list[str]) -> go.Figure:
    """Who the country led roles with, and when: one row per partner (most shared roles on
    top, `order`), one marker per shared role in its year; colour and shape show the kind."""
    fig = go.Figure()
    named = df[df["partner"].notna() & (df["partner"] != "")]
    kinds = list(dict.fromkeys(named["kind"]))
    for i, (kind, group) in enumerate(named.groupby("kind", sort=False)):
        name = kind_label(kind)
        shift = (i - (len(kinds) - 1) / 2) * 0.12  # two kinds in one year stay apart
        years = group["year"].astype(int).tolist()
        fig.add_trace(go.Scatter(
            x=[y + shift for y in years], y=[fmt.country_name(p) for p in group["partner"]],
            mode="markers",
            name=name,
            marker={"color": KIND_COLORS[kind], "symbol": KIND_SYMBOLS[kind], "size": 16,
                    "line": {"width": 1, "color": "#333"}},
            customdata=[[plotly_text(title), role_label(role), year] for title, role, year
                        in zip(group["title"], group["role"], years, strict=True)],
            hovertemplate=("<b>%{y}, %{customdata[2]}</b><br>" + name
                           + " · %{customdata[1]}<br>%{customdata[0]}<extra></extra>"),
        ))
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=[fmt.country_name(p) for p in order[::-1]],
                     gridcolor="#eee", title_text=t("partners.axis"))
    _year_axis(fig, named["year"].astype(int).tolist())
    fig.update_xaxes(title_text=header("year"))
    _base_layout(fig, 140 + 40 * max(len(order), 3))
    return fixed_margins(fig, left=label_margin(fmt.country_name(p) for p in order))
