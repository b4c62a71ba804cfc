"""The pieces every chart and table is shown with: a source line, a description, a
table view of the same rows, and downloads of exactly those rows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.context import PageContext
from components.safe_text import md
from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.record.vocab import kind_label, role_label
from gfmd.tables.display import header, readable, screen_hidden
from gfmd.tables.exports import json_bytes, safe_csv_bytes
from gfmd.tables.spreadsheet import XLSX_MIME, xlsx_bytes
from gfmd.text import formatting as fmt
from gfmd.text.messages import in_language, is_rtl, language, t, tn

# The columns a reader looks for first; the rest follow in the table's own order.
LEADING = ("year", "number", "place", "partner", "name", "kind", "role", "rt_code", "title",
           "note")

# Columns where an empty cell means the sources do not say: shown as "unknown".
UNKNOWN_WHEN_EMPTY = {
    "start_date", "end_date", "city", "host_country", "amount_usd",
    "new_money_usd", "carry_over_usd", "theme", "chairs", "year",
}


VENUE_COLUMNS = {"city", "host_country"}


def display_frame(df: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The rows as a reader should see them: labels for codes, source titles, dates in
    words, unknown said as "unknown", a stated none as "none", yes/no for flags,
    thousands separators; codes, the country column, and city, locality and country
    beside a place that names them, left to the downloads.

    Only the on-screen table uses this; downloads keep the typed, coded values. Column
    names stay the codes (`screen_table` writes the headers in words), so the
    same name means the same column on screen and in the files.
    """
    stated_none = df["status"].eq("none") if "status" in df else None
    virtual = df["virtual"].fillna(False).astype(bool) if "virtual" in df else None
    out = readable(df, dataset)
    hidden = screen_hidden(out.columns)
    out = out[_order([c for c in out.columns if c not in hidden])]
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series):
            out[col] = series.map({True: t("common.yes"), False: t("common.no")}).fillna("")
        elif col in UNKNOWN_WHEN_EMPTY:
            shown = series.map(_format_cell(col), na_action="ignore").astype(object)
            empty = t("common.unknown")
            shown = shown.where(series.notna(), empty)
            if stated_none is not None and col == "amount_usd":
                shown = shown.where(~stated_none, t("money.none.short"))
            if virtual is not None and col in VENUE_COLUMNS:
                shown = shown.where(~virtual, t("common.virtual"))
            out[col] = shown
        elif col == "chairmanship":  # "2013-2014" as years are written: 2013–2014
            out[col] = series.map(lambda v: str(v).replace("-", fmt.DASH),
                                  na_action="ignore").astype(object).where(series.notna(), "")
        elif not pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype(object).where(series.notna(), "")
    return out


def _order(columns: list[str]) -> list[str]:
    """Year, who and what, then the title and its note; tables without titles keep
    their own order (contributions read year, status, amount)."""
    leading = [c for c in LEADING if c in columns] if "title" in columns else columns[:1]
    return leading + [c for c in columns if c not in leading]


def _format_cell(col: str) -> Callable[[object], str]:
    if col.endswith("_date"):
        return fmt.date  # type: ignore[return-value]
    if col.endswith("_usd"):
        return lambda v: fmt.number(int(v))  # type: ignore[call-overload]
    return str


def reference_table(ctx: PageContext, build: Callable[[], pd.DataFrame], *, key: str,
                    name: str) -> None:
    """A reference list (sources, themes) with headers in words, every cell in full; the
    HTML is built once per data version and language, not on every rerun."""
    shown = ctx.memo(("reference-table", key), lambda: html_table(build(), name=name))
    st.html(shown)


# A column whose longest cell is longer than this holds running text (a title, a theme):
# it gets a reading width of its own on a desktop (`.gfmd-long`), so a table of many such
# columns scrolls sideways in its box instead of squeezing each to its longest word.
LONG_CELL_CHARS = 40
# A column shown as a link to the address in another column, which is then not shown.
LINKED = {"source_title": "url"}
# A word with a hyphen, a dash or a slash ("Co-chair", "2020–2021", "and/or") may break
# after it: it is kept whole on one line like any other word.
_HYPHENATED = re.compile(r"\S*[-\u2010\u2013\u2014/]\S*")
# Text in Latin letters, isolated (`<bdi>`) in a right-to-left page.
_LATIN = re.compile("[A-Za-z]")


def cell_texts(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each column of `frame` as the text its cells read: counts and years as whole
    numbers, money with thousands separators, an empty cell empty."""
    out = {}
    for col in frame.columns:
        values = frame[col].tolist()
        if pd.api.types.is_numeric_dtype(frame[col]):
            out[col] = ["" if pd.isna(v) else fmt.number(int(v)) if col.endswith("_usd")
                        else str(int(v)) if float(v).is_integer() else str(v)
                        for v in values]
        else:
            out[col] = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
                        for v in values]
    return out


def _whole(text: str) -> str:
    """`text` escaped for HTML, its hyphenated words kept on one line."""
    return _HYPHENATED.sub(lambda m: f'<span class="gfmd-nb">{m.group()}</span>',
                           html.escape(text, quote=False))


def html_table(frame: pd.DataFrame, *, name: str) -> str:
    """`frame` as one HTML table in a scroll region: headers in words, every cell text
    (data is escaped: it reads as written, never as markup), an address a link.

    One element for the whole table, as the Markdown table it replaces was: a filter
    change pays for one element's update, not one per cell (bench/RESULTS.md).

    Why this form. On a desktop the table keeps every word whole and, when its columns
    need more room than the page has, scrolls sideways inside its own box: a region with
    a name (`name`) that takes keyboard focus, so a keyboard user can scroll it too. On a
    phone (TABLE_STYLE) each row becomes a card of "label: value" lines; the markup stays a
    table and says so with ARIA roles (`table`, `row`, `columnheader`, `cell`), because a
    browser that lays table parts out as blocks may otherwise drop their table semantics,
    and each cell carries its header (`data-label`) for the card's label, which is hidden
    from screen readers (they read the real header)."""
    texts = cell_texts(frame)
    links = {col: texts.pop(target) for col, target in LINKED.items()
             if col in texts and target in texts}
    heads = {col: _whole(header(str(col))) for col in texts}
    label = {col: html.escape(t("format.label", label=header(str(col)))) for col in texts}
    long = {col for col, cells in texts.items() if max(map(len, cells), default=0)
            > LONG_CELL_CHARS}
    kind = {col: ' class="gfmd-long"' if col in long else "" for col in texts}

    rtl = is_rtl()

    def cell(col: str, i: int) -> str:
        text = _whole(texts[col][i])
        if rtl and _LATIN.search(texts[col][i]):  # an English title keeps its "?" at its end
            text = f"<bdi>{text}</bdi>"
        address = links.get(col, [""] * (i + 1))[i]
        if address:
            text = f'<a href="{html.escape(address)}">{text}</a>'
        return f'<td role="cell"{kind[col]} data-label="{label[col]}">{text}</td>'

    head = "".join(f'<th role="columnheader" scope="col"{kind[col]}>{heads[col]}</th>'
                   for col in texts)
    rows = "".join(f'<tr role="row">{"".join(cell(col, i) for col in texts)}</tr>'
                   for i in range(len(frame)))
    return (f'<div class="{TABLE_CLASS}" role="region" tabindex="0" '
            f'aria-label="{html.escape(t("common.table_region", name=name))}">'
            f'<table role="table"><thead role="rowgroup"><tr role="row">{head}</tr></thead>'
            f'<tbody role="rowgroup">{rows}</tbody></table></div>')


TABLE_CLASS = "gfmd-table"
# The table block's tables (`html_table`), for PAGE_STYLE. Words are never broken inside
# (no overflow-wrap: anywhere): a desktop table wider than its room scrolls in its
# region; at 480 px and less (a phone) every row is a card, a "label: value" line per
# cell, its empty cells left out of sight (still cells for a screen reader), in the
# page's direction (right to left in Arabic, from the page).
TABLE_STYLE = f"""
.{TABLE_CLASS} {{ max-width: 100%; overflow-x: auto; margin-bottom: 0.5rem; }}
.{TABLE_CLASS} table {{
  border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.4;
  overflow-wrap: normal; word-break: normal;
}}
.{TABLE_CLASS} :is(th, td) {{
  border: 1px solid rgba(49, 51, 63, 0.2); padding: 0.375rem; text-align: start;
  vertical-align: top;
}}
.{TABLE_CLASS} th {{ font-weight: 600; }}
.{TABLE_CLASS} .gfmd-long {{ min-width: 16rem; }}
.{TABLE_CLASS} .gfmd-nb {{ white-space: nowrap; }}
@media (max-width: 480px) {{
  .{TABLE_CLASS} {{ overflow-x: visible; }}
  .{TABLE_CLASS} :is(table, tbody, tr, td) {{ display: block; width: auto; }}
  .{TABLE_CLASS} thead, .{TABLE_CLASS} td:empty {{
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
    white-space: nowrap;
  }}
  .{TABLE_CLASS} tr {{
    border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
    padding: 0.375rem 0.625rem; margin-bottom: 0.5rem;
  }}
  .{TABLE_CLASS} td {{ border: 0; padding: 0.0625rem 0; min-width: 0; }}
  .{TABLE_CLASS} td.gfmd-long {{ min-width: 0; }}
  .{TABLE_CLASS} td::before {{
    content: attr(data-label); content: attr(data-label) / "";
    font-weight: 600; margin-inline-end: 0.25em;
  }}
}}
"""


def source_line(ctx: PageContext, source_ids: Iterable[str]) -> str:
    """'Source: <titles>. Data version <hash> (<date>).', escaped for Markdown."""
    sources = ctx.dataset.sources
    names = []
    for sid in dict.fromkeys(source_ids):
        src = sources.get(sid)
        names.append(f"{src.shown_title(language())} ({src.shown_publisher(language())})"
                     if src else sid)
    cited = t("format.semicolon").join(names) or t("common.unknown")
    return md(t("common.source_line", sources=cited,
                version=ctx.bundle.version, date=ctx.bundle.date_in_words()))


SOURCE_COLUMNS = ("source", "date_source", "venue_source")


def sources_of(df: pd.DataFrame) -> list[str]:
    """Every source id cited by the rows of `df`, in order of first appearance."""
    # Column by column, each as a list: a 2-D to_numpy() of text columns first converts
    # every cell to an object array, several times slower.
    values = (v for col in SOURCE_COLUMNS if col in df for v in df[col].tolist())
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


def applied_filters(ctx: PageContext, df: pd.DataFrame, kind: str | None = None) -> list[str]:
    """The filters that narrow `df`, in words: ['Years: 2010–2012', 'Role: Co-chair']."""
    f = ctx.filters
    themes = {tid: theme_label(th) for tid, th in ctx.dataset.themes.items()}
    parts = []
    if f.years and "year" in df:
        parts.append(t("filters.applied.years", years=fmt.year_range(*f.years)))
    if f.roles and "role" in df:
        parts.append(t("filters.applied.roles", roles=fmt.join([role_label(r) for r in f.roles])))
    if f.themes and "themes" in df:
        parts.append(t("filters.applied.themes",
                       themes=fmt.join([themes.get(th, th) for th in f.themes])))
    if f.kinds and ("kind" in df or kind is not None):
        parts.append(t("filters.applied.kinds", kinds=fmt.join([kind_label(k) for k in f.kinds])))
    if f.text and "title" in df:
        parts.append(t("filters.applied.search", text=f.text))
    return parts


def shown_heading(ctx: PageContext, df: pd.DataFrame, all_key: str, filtered_key: str, *,
                  kind: str | None = None) -> str:
    """A section heading (H2, under the page's H1) that says what the filters show: the
    `all_key` text when nothing narrows `df`, else `filtered_key` and the filters. Returns
    the heading, the name of the table under it."""
    applied = applied_filters(ctx, df, kind)
    heading = t(filtered_key) if applied else t(all_key)
    st.header(heading)
    note = st.container()  # always there: see `ignored_filters_note`
    if applied:
        note.caption(md(t("format.semicolon").join(applied) + "."))
    return heading


def ignored_filters_note(ctx: PageContext, df: pd.DataFrame, kind: str | None = None) -> None:
    """Which filters this page's rows do not have, when any is set.

    The note's place is always taken (an empty container when there is nothing to say):
    an element that comes and goes shifts every element after it, and the browser then
    builds those again from nothing instead of updating them (the map's canvas, the
    land outline with it)."""
    note = st.container()
    ignored = ctx.filters.ignored_by(list(df.columns), kind=kind)
    if ignored:
        note.caption(t("filters.ignored", names=fmt.join([t(key) for key in ignored])))


# How a trace's marker is written in the text legend (shape matters: colour is not enough).
LEGEND_SYMBOLS = {"star": "★", "circle": "●", "diamond": "◆", "square": "■",
                  "triangle-up": "▲", "circle-open": "○", "x-thin-open": "✕",
                  "square-open": "□"}
NO_BREAK = "\u00a0"
# Only the PNG export: the zoom and pan buttons were 8 tab stops per chart between a
# keyboard user and the downloads, and zooming is off (figures.py).
PLOTLY_BUTTONS = [["toImage"]]


def legend_markdown(fig: go.Figure) -> str:
    """The figure's legend as one line of Markdown: a coloured mark and a name per trace.

    Text wraps on a narrow screen and is read by screen readers; the marks are symbols,
    which axe-core does not hold to text contrast. Lines break only between entries: the
    spaces within an entry are no-break spaces, so a mark never ends one line with its
    name on the next, nor does "(dotted box)" leave "Troika year"."""
    items = []
    for trace in fig.data:
        if not trace.name or trace.showlegend is False:
            continue
        marker = trace.marker
        pattern = getattr(marker, "pattern", None)
        if pattern is not None and pattern.shape:
            mark = "▨"
        elif isinstance(symbol := getattr(marker, "symbol", None), str):
            mark = LEGEND_SYMBOLS.get(symbol, "●")
        else:
            mark = "■" if trace.type == "bar" else "●"
        color = marker.color if isinstance(marker.color, str) else "#333333"
        name = md(trace.name).replace(" ", NO_BREAK)
        items.append(f':color[{mark}]{{foreground="{color}"}}{NO_BREAK}{name}')
    return " \u2003".join(items)


def chart(ctx: PageContext, fig: go.Figure, *, view: str, alt: str, sources: Iterable[str],
          key: str) -> None:
    """A plotly chart with its legend, description and source line; PNG export named after
    the view.

    The description is shown once, as text under the chart; the chart's own accessible
    name only points to it, so a screen reader does not read the description twice.
    """
    filename = ctx.file_name(view, "png").removesuffix(".png")
    legend = ctx.memo(("legend", key), lambda: legend_markdown(fig))
    if legend:
        st.markdown(legend)
    st.plotly_chart(
        fig, key=key, alt=t("common.chart_name"),
        config={"displaylogo": False, "modeBarButtons": PLOTLY_BUTTONS,
                "scrollZoom": False, "doubleClick": False,
                "toImageButtonOptions": {"format": "png", "filename": filename}},
    )
    st.caption(md(t("common.chart_alt", text=alt)))
    st.caption(source_line(ctx, sources))


def table(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str, name: str,
          columns: Sequence[str] | None = None, in_expander: bool = True) -> None:
    """Downloads of exactly these rows, a choice of one row to read in full, the rows
    themselves in words, and the sources they cite.

    The downloads come first so a keyboard reaches them before the table, and the row
    reader before the table, where a thumb finds it on a phone before a long list of
    cards. On screen only `columns` (default: all), the rest in the row reader and the
    downloads; a source is said once, under the table, not on every row.

    A plain HTML table (`html_table`), not the data grid: the record's tables are short,
    every cell reads in full, a screen reader gets real table semantics at once, and a
    page settles as fast as its text. The grid rebuilt its screen-reader table after each
    redraw, which made a filter change on a page with a grid several times slower than
    on a one-chart page (bench/RESULTS.md).

    In an expander, the table is drawn only once it is opened (a rerun).
    """
    if in_expander:
        container = st.expander(t("common.table_view"), key=f"{key}-view", on_change="rerun")
        if not container.open:
            return
    else:
        container = st.container()
    with container:
        downloads(ctx, df, view=view, key=key)
        if df.empty:
            st.info(t("common.no_rows"))
            st.caption(tn("common.rows", 0))
            return
        frame = ctx.memo(("display", key), lambda: display_frame(df, ctx.dataset))
        record_choice(frame, ctx.memo(("row-labels", key), lambda: row_labels(frame)), key=key)
        shown = ctx.memo(("display-html", key), lambda: html_table(
            frame[[c for c in frame.columns if columns is None or c in columns]], name=name))
        st.html(shown)
        st.caption(tn("common.rows", len(df)))
        cited = sources_of(df)
        if cited:
            st.caption(source_line(ctx, cited))


def _row_label(number: int, row: pd.Series) -> str:
    """'3. 2012 · Co-chair · 1.2 · Labour mobility…': the row's number and first cells."""
    cells = [str(v) for v in row.tolist() if str(v) != ""][:4]
    text = " · ".join(cells)
    return f"{number}. {text[:90] + '…' if len(text) > 90 else text}"


def row_labels(frame: pd.DataFrame) -> list[str]:
    """The choice's label of every row (built once per filter state: `iterrows` is slow)."""
    return [_row_label(i + 1, row) for i, (_, row) in enumerate(frame.iterrows())]


@st.fragment
def record_choice(frame: pd.DataFrame, labels: list[str], *, key: str) -> None:
    """Choose one row to read in full, a field a line, the fields the table leaves out
    included. A fragment, so choosing reruns only this."""
    choice_key = f"{key}-pick"
    if st.session_state.get(choice_key) not in labels:  # the filters changed since
        st.session_state[choice_key] = None
    choice = st.selectbox(t("common.select_row"), labels, index=None, key=choice_key,
                          placeholder=t("common.record.placeholder"))
    if choice is not None:
        record(frame.iloc[labels.index(choice)], key=f"{key}-record")


def record(row: pd.Series, *, key: str) -> None:
    """One row in full, a field a line, for the reader who chose it."""
    with st.container(border=True, key=key):
        lines = [f"**{md(t('format.label', label=header(str(col))))}** {md(value)}"
                 for col, value in row.items() if str(value) != ""]
        st.markdown("  \n".join(lines))


def downloads(ctx: PageContext, df: pd.DataFrame, *, view: str, key: str) -> None:
    """CSV (the stable machine format, spreadsheet-safe), Excel (for people: headers in
    words, typed cells, a sources sheet) and JSON of `df`, each built only when clicked."""
    csv, xlsx, json = st.columns(3)
    csv.download_button(
        t("common.download_csv"), data=in_language(lambda: safe_csv_bytes(df)),
        file_name=ctx.file_name(view, "csv"), mime="text/csv", key=f"{key}-csv",
        on_click="ignore", icon="⬇️",
    )
    xlsx.download_button(
        t("common.download_xlsx"), data=in_language(
            lambda: xlsx_bytes(df, ctx.dataset, ctx.bundle.version)),
        file_name=ctx.file_name(view, "xlsx"), mime=XLSX_MIME, key=f"{key}-xlsx",
        on_click="ignore", icon="⬇️",
    )
    json.download_button(
        t("common.download_json"), data=in_language(lambda: json_bytes(df)),
        file_name=ctx.file_name(view, "json"), mime="application/json",
        key=f"{key}-json", on_click="ignore", icon="⬇️",
    )
