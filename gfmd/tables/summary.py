"""The overview's summary paragraph, composed from the data of the filtered view."""

from __future__ import annotations

from gfmd.record.dataset import Dataset
from gfmd.record.forum import co_chairmanship
from gfmd.tables.aggregate import Headline
from gfmd.text import formatting as fmt
from gfmd.text.messages import t, tn


def co_chair_sentence(ds: Dataset) -> str | None:
    """'Morocco co-chaired the GFMD with Germany in 2017–2018.', from the data."""
    held = co_chairmanship(ds)
    if held is None:
        return None
    partners = fmt.join([fmt.government(p) for p in held.partners])
    return t("summary.co_chair", partners=partners or "—",
             years=fmt.year_span(held.years))


def summary_paragraph(h: Headline, ds: Dataset) -> str:
    """One paragraph: summits, roles, meetings, money; every number from `h`."""
    if h.first_year is None:
        return t("summary.empty")
    unknown = h.money.years_unknown
    money = t("summary.money", money=fmt.number(h.money.new_money_usd))
    if unknown:
        money += t("summary.money_unknown", years=fmt.year_span(unknown))
    co_chair = tn("summary.co_chair_roles", h.co_chair_roles)
    if h.other_meetings:
        co_chair += tn("summary.plus_other", h.other_meetings)
    parts = [
        t("summary.period" if h.first_year != h.last_year else "summary.period.single",
          first=h.first_year, last=h.last_year,
          attended=h.summits_attended, held=h.summits_held),
        t("summary.roles", co_chair=co_chair, team=tn("summary.team", h.team_memberships)),
        tn("summary.meetings", h.thematic_meetings),
    ]
    text = t("format.sep").join(parts) + " " + money + "."
    if h.years_not_recorded:
        text += " " + tn("summary.not_recorded", len(h.years_not_recorded),
                         years=fmt.year_span(h.years_not_recorded))
    sentence = co_chair_sentence(ds)
    return f"{text} {sentence}" if sentence else text
