"""Headings that say what the filters show: "Co-chair roles, 2010–2016" rather than "All
roles shown" while a filter is on."""

from __future__ import annotations

from components.context import PageContext
from components.safe_text import md
from gfmd import formatting as fmt
from gfmd.messages import t
from gfmd.vocab import kind_label, role_label, theme_label


def filter_words(ctx: PageContext) -> list[str]:
    """The active filters in the reader's words, most telling first."""
    f = ctx.filters
    themes = ctx.dataset.themes
    words = [fmt.join([role_label(r) for r in f.roles])] if f.roles else []
    words += [fmt.join([theme_label(themes[x]) if x in themes else x for x in f.themes])] \
        if f.themes else []
    words += [fmt.join([kind_label(k) for k in f.kinds])] if f.kinds else []
    words += [fmt.year_range(*f.years)] if f.years else []
    words += [t("headings.search", text=f.text)] if f.text else []
    return words


def table_heading(ctx: PageContext, everything: str, filtered: str) -> str:
    """`everything` (a message id) with no filter on, else `filtered` naming the filters;
    escaped for Markdown (a search text is the reader's)."""
    words = filter_words(ctx)
    return md(t(filtered, filters="; ".join(words))) if words else t(everything)
