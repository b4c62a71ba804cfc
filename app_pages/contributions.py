"""Contributions: money by year, new money and carry-over apart, none and unknown shown."""

import streamlit as st

from components import blocks, figures
from components.context import current
from components.safe_text import md
from gfmd.tables import aggregate
from gfmd.tables.display import ON_SCREEN
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

ctx = current()
money = ctx.table("contributions")
totals = ctx.memo("money-totals", lambda: aggregate.money_totals(money))
# Why money is not new, one list (one element, not one per year), built once per filter.
reasons = ctx.memo("money-reasons", lambda: "\n".join(
    f"- {row.year}: {md(row.reason)}" for row in money.loc[
        money["counts_as_new_money"].eq(False), ["year", "reason"]].dropna().itertuples()))

st.title(t("contributions.title"))
st.caption(t("contributions.intro"))
blocks.ignored_filters_note(ctx, money)

# No "total with carry-over": it would count the same money twice, the very thing the page
# warns against.
cols = st.columns(2)
cols[0].metric(t("contributions.new"), fmt.number(totals.new_money_usd),
               help=t("overview.metric.money.help"))
cols[1].metric(t("contributions.carry_over"), fmt.number(totals.carry_over_usd),
               help=t("contributions.carry_over.help"))

st.markdown(t("contributions.why"))
if reasons:
    st.markdown(reasons)
none_years = fmt.year_span(totals.years_none) or "—"
unknown_years = fmt.year_span(totals.years_unknown) or "—"
st.markdown(t("contributions.none_years", years=none_years))
st.markdown(t("contributions.unknown_years", years=unknown_years))

if money.empty:
    st.info(t("common.no_rows"))
else:
    blocks.chart(ctx, ctx.memo("money-figure", lambda: figures.contributions_chart(money)),
                 view="contributions",
                 alt=t("contributions.alt"), sources=blocks.sources_of(money), key="money-chart")
blocks.table(ctx, money, view="contributions", key="money", name=t("contributions.title"),
             columns=ON_SCREEN["contributions"], in_expander=False)
