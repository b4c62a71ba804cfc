"""The overview's summary paragraph, composed from the data of the filtered view."""

from __future__ import annotations

from gfmd.aggregate import Headline
from gfmd.loader import Dataset
from gfmd.messages import t, tn


def year_span(years: list[int]) -> str:
    """[2017, 2018] -> '2017–2018'; [2016] -> '2016'; gaps are listed."""
    if not years:
        return ""
    years = sorted(set(years))
    if years == list(range(years[0], years[-1] + 1)):
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def co_chair_sentence(ds: Dataset, iso3: str = "MAR") -> str | None:
    """'Morocco co-chaired the GFMD with Germany in 2017–2018.', from the data."""
    country = ds.countries.get(iso3)
    if country is None:
        return None
    years = sorted(y for r in country.structural_roles if r.role == "co-chair" for y in r.years)
    if not years:
        return None
    partners = sorted({
        chair for s in ds.summits if s.year in years for chair in s.chairs if chair != country.name
    })
    return t("summary.co_chair", partners=" and ".join(partners) or "—", years=year_span(years))


def summary_paragraph(h: Headline, ds: Dataset) -> str:
    """One paragraph: summits, roles, meetings, money; every number from `h`."""
    if h.first_year is None:
        return t("summary.empty")
    unknown = h.money.years_unknown
    money = t("summary.money", money=f"{h.money.new_money_usd:,}")
    if unknown:
        money += t("summary.money_unknown", years=", ".join(map(str, unknown)))
    parts = [
        t("summary.period" if h.first_year != h.last_year else "summary.period.single",
          first=h.first_year, last=h.last_year,
          attended=h.summits_attended, held=h.summits_held),
        t("summary.roles", co_chair=tn("summary.co_chair_roles", h.co_chair_roles),
          team=tn("summary.team", h.team_memberships)),
        tn("summary.meetings", h.thematic_meetings),
    ]
    text = ", ".join(parts) + " " + money + "."
    co_chair = co_chair_sentence(ds)
    return f"{text} {co_chair}" if co_chair else text
