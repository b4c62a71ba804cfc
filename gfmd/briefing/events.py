"""Every roundtable role and meeting of a selection as one `Event`, so each is written
once (one table, not a roles table and a meetings table), ranked by weight for the short
note, and read for partners by the counterparts section and the key messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gfmd.briefing.model import MeetingRecord, OtherRecord, RoleRecord, Span, Spans, unique
from gfmd.briefing.text import fill, venue
from gfmd.record.dataset import Dataset
from gfmd.record.models import SourcedRole
from gfmd.record.types import Partners
from gfmd.record.vocab import LEAD_ROLES, PartnersStatus, Role, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

# How much a role weighs in a note: leading a meeting outweighs sitting on a team, which
# outweighs taking part. A meeting held in the country adds one.
WEIGHT = {Role.CO_CHAIR: 3, Role.CO_CONVENER: 3, Role.ORGANISER: 3, Role.COORDINATOR: 2,
          Role.TEAM_MEMBER: 2, Role.PARTICIPATED: 1, Role.ATTENDED: 1}


@dataclass(frozen=True)
class Event:
    """One role or meeting as a briefing states it."""

    year: int  # the summit year of a role, the calendar year a meeting met
    when: Spans  # '2014' or '11 September 2013'
    role: Spans  # 'Co-chair'; both roles when sources differ, each with who says it
    what: Spans  # 'Roundtable 2.1: “…”' or 'Thematic meeting: “…”, Geneva, Switzerland'
    lead: Role  # the strongest role any source gives
    kind: str  # 'rt', 'meeting' or 'other'
    partners: Partners | None
    sources: tuple[str, ...]
    hosted: bool  # held in the country itself
    sort: dt.date
    code: str | None = None
    place: str = ""
    dates: str = ""
    place_text: str = ""  # as running text names it: « Genève (Suisse) », home unnamed
    dates_text: str = ""  # as running text says them: « du 19 au 22 septembre 2011 »
    main: Role | None = None  # a meeting's role as its own source gives it
    main_source: str = ""
    others: tuple[SourcedRole, ...] = ()  # the roles other sources give

    @property
    def weight(self) -> int:
        return WEIGHT[self.lead] + (1 if self.hosted else 0)

    @property
    def named_partners(self) -> tuple[str, ...]:
        p = self.partners
        return tuple(p.names) if p and p.status is PartnersStatus.NAMED else ()


def events(ds: Dataset, roles: tuple[RoleRecord, ...], meetings: tuple[MeetingRecord, ...],
           others: tuple[OtherRecord, ...]) -> list[Event]:
    """Every role and meeting once, in date order."""
    country = ds.country.name if ds.country else ""
    out = [_role_event(rr) for rr in roles]
    out += [_meeting_event(ds, mr, country) for mr in meetings]
    out += [_other_event(o) for o in others]
    return sorted(out, key=lambda e: (e.sort, e.kind))


def top(evs: Sequence[Event], count: int) -> list[Event]:
    """The `count` weightiest events, latest first among equals, shown in date order."""
    ranked = sorted(evs, key=lambda e: (-e.weight, -e.sort.toordinal()))[:count]
    return sorted(ranked, key=lambda e: (e.sort, e.kind))


def _role_event(rr: RoleRecord) -> Event:
    role = rr.role
    what = fill("briefing.what.rt", code=role.rt_code, title=role.title) if role.rt_code \
        else fill("briefing.what.rt_nocode", title=role.title)
    return Event(rr.record.year, (Span(str(rr.record.year)),), (Span(label(role.role)),), what,
                 Role(role.role.value), "rt", role.partners,
                 unique([rr.record.source, *_partner_source(role.partners)]), False,
                 dt.date(rr.record.year, 12, 31), code=role.rt_code)


def _meeting_event(ds: Dataset, mr: MeetingRecord, country: str) -> Event:
    m = mr.meeting
    dates = fmt.date_range(m.start_date, m.end_date)
    # A place from another source than the dates is left to the caveats, so the body
    # never joins one source's place to another's dates.
    differs = m.venue_source and m.venue_source != (m.date_source or m.source)
    where = (Span(fmt.place(m.city, None, m.country), data=True),) if differs and m.city \
        else venue(m)
    what = fill("briefing.what.meeting_at", title=m.title, where=where) if where \
        else fill("briefing.what.meeting", title=m.title)
    if not m.in_profile:
        what = (*what, Span(t("briefing.outside_profile")))
    roles = [Role(m.role.value), *(Role(o.role.value) for o in m.other_roles)]
    lead = max(roles, key=lambda r: WEIGHT[r])
    role_cell = (Span(label(m.role)),) if not m.other_roles else _both(ds, m.source,
                                                                        m.role, m.other_roles)
    when = (Span(dates),) if dates else fill("briefing.date.unknown", year=mr.record.year)
    return Event(mr.year, when, role_cell, what, lead, "meeting", m.partners,
                 unique([*mr.sources, *(o.source for o in m.other_roles),
                         *_partner_source(m.partners)]),
                 bool(country) and m.country == country,
                 m.start_date or dt.date(mr.record.year, 12, 31),
                 place=fmt.place(m.city, None, m.country) if m.city else "", dates=dates,
                 place_text=fmt.place_in_text(m.city, m.country, country),
                 dates_text=fmt.date_span(m.start_date, m.end_date),
                 main=Role(m.role.value), main_source=m.source, others=tuple(m.other_roles))


def _other_event(o: OtherRecord) -> Event:
    m = o.meeting
    return Event(o.record.year, (Span(str(o.record.year)),), (Span(label(m.role)),),
                 fill(f"briefing.what.{m.kind.value}", title=str(m.tr("title", language()))),
                 Role(m.role.value),
                 "other", m.partners, unique([m.source, *_partner_source(m.partners)]), False,
                 dt.date(o.record.year, 12, 30))


def _both(ds: Dataset, source: str, role: Role, others: list[SourcedRole]) -> Spans:
    """'Participated (country profile); co-convener (Global Forum on …)': who says which."""
    parts = [fill("briefing.role.says", role=label(role), who=who(ds, source))]
    parts += [fill("briefing.role.says", role=label(o.role).lower(), who=who(ds, o.source))
              for o in others]
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Span(t("format.semicolon")))
        out.extend(part)
    return tuple(out)


def who(ds: Dataset, source: str) -> Spans:
    """A source named as a reader knows it: 'country profile', 'GFMD', else its publisher."""
    if ds.country and source == ds.country.source:
        return fill("briefing.who.profile")
    src = ds.sources.get(source)
    if src and src.publisher == t("briefing.who.gfmd.publisher"):
        return fill("briefing.who.gfmd")
    return (Span(src.shown_publisher(language()), data=True),) if src else \
        (Span(source, data=True),)


def _partner_source(partners: Partners | None) -> list[str]:
    return [partners.source] if partners and partners.status is PartnersStatus.NAMED else []


def is_lead(e: Event) -> bool:
    return e.lead in LEAD_ROLES
