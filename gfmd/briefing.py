"""A briefing note on one or more themes: what Morocco did, in which roles, where, with
what money, the national facts worth citing, the caveats, and a numbered source list.

Composition only: the result is plain data (sections of sentences, tables and lists), so
the page preview, the Word file and the Markdown file are three views of one object.
Text is kept as `Span`s that say whether they come from a data file or a reader (`data`),
so each renderer can keep data text literal. Every sentence that states a fact carries
the ids of its sources; the numbered source list is built from the ids actually cited.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gfmd.aggregate import MoneyTotals, money_totals
from gfmd.choices import BRIEFING_SECTIONS
from gfmd.filters import Filters
from gfmd.loader import Dataset
from gfmd.messages import t
from gfmd.models import (
    Attendance,
    ContributionStatus,
    NationalFigure,
    Note,
    ParticipationYear,
    PfpPractice,
    RoundtableEntry,
    ThematicMeeting,
)
from gfmd.tables import contributions

COUNTRY = "MAR"
SECTIONS = BRIEFING_SECTIONS  # optional sections, in document order
SUGGESTIONS = 3
# The source of the theme tags (themes.yaml names it; the Dataset does not keep it).
THEME_TAGS_SOURCE = "themes-project"


# --- the document model ----------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of text; `data` is True when it comes from a data file or the reader."""

    text: str
    data: bool = False


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Sentence:
    spans: Spans
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[Spans, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table; renderers add a last column with each row's source numbers."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Subheading:
    text: str


Block = Paragraph | Bullets | Table | Subheading


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SourceEntry:
    number: int
    id: str
    title: str
    publisher: str
    url: str | None
    kind: str


@dataclass(frozen=True)
class BriefingRequest:
    """What the reader asked for. `themes` are ids or labels, in any case."""

    themes: tuple[str, ...]
    years: tuple[int, int] | None = None
    meeting: str = ""
    meeting_date: dt.date | None = None
    sections: tuple[str, ...] = SECTIONS
    version: str | None = None


@dataclass(frozen=True)
class RoleRecord:
    record: ParticipationYear
    role: RoundtableEntry


@dataclass(frozen=True)
class MeetingRecord:
    record: ParticipationYear
    meeting: ThematicMeeting

    @property
    def year(self) -> int:
        """The calendar year it met; the summit year when its date is unknown."""
        return self.meeting.start_date.year if self.meeting.start_date else self.record.year

    @property
    def sources(self) -> tuple[str, ...]:
        m = self.meeting
        return _unique([m.source, m.date_source, m.venue_source])


@dataclass(frozen=True)
class Selection:
    """The records a briefing is made of: everything tagged with a theme, in the years."""

    themes: tuple[str, ...]
    years: tuple[int, int]
    records: tuple[ParticipationYear, ...]
    roles: tuple[RoleRecord, ...]
    meetings: tuple[MeetingRecord, ...]
    figures: tuple[NationalFigure, ...]
    practices: tuple[PfpPractice, ...]
    money: MoneyTotals


@dataclass(frozen=True)
class Briefing:
    """The note: a title, header lines (label, value), sections, and the numbered sources
    (`numbers` maps each cited source id to its number, in order of first citation)."""

    title: str
    details: tuple[tuple[str, Spans], ...]
    sections: tuple[Section, ...]
    sources: tuple[SourceEntry, ...]
    selection: Selection
    numbers: dict[str, int] = field(repr=False, compare=False)

    def refs(self, source_ids: Iterable[str]) -> str:
        """'[1, 3]': the numbers of `source_ids` in the source list; '' for none."""
        numbers = sorted({self.numbers[s] for s in source_ids})
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    def file_name(self, ext: str) -> str:
        """E.g. morocco-gfmd-briefing-labour-mobility-2010-2018.docx."""
        a, b = self.selection.years
        parts = ["morocco-gfmd-briefing", *self.selection.themes, str(a) if a == b else f"{a}-{b}"]
        name = "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)
        return f"{name[:150].rstrip('-')}.{ext}"


class BriefingError(ValueError):
    """No briefing can be written; `suggestions` are theme ids to offer instead."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = tuple(suggestions)


class UnknownTheme(BriefingError):
    """A theme name that is neither an id nor a label of the vocabulary."""


# --- text helpers ----------------------------------------------------------------------

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TERMINAL = re.compile(r"[.!?…][”\"')\]]*\s*$")


def clean(text: str) -> str:
    """Data text on one line, without characters XML (and so Word) cannot hold."""
    return _XML_FORBIDDEN.sub("", text).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def fill(key: str, **values: object) -> Spans:
    """The message `key` as spans: its own words trusted, every filled-in value data.

    A value that is already spans (from another `fill`) is inserted as it is.
    """
    out: list[Span] = []
    for literal, name, spec, _ in string.Formatter().parse(t(key)):
        if literal:
            out.append(Span(literal))
        if name is None:
            continue
        value = values[name]
        if isinstance(value, tuple):
            out.extend(value)
        else:
            out.append(Span(format(value, spec or ""), data=True))
    return tuple(out)


def _counted(key: str, count: int, **values: object) -> Spans:
    """`key.one` or `key.other`, with the count written out in words up to ten."""
    words = t("briefing.numbers").split(",")
    word = words[count] if count < len(words) else f"{count:,}"
    return fill(f"{key}.{'one' if count == 1 else 'other'}", count=word, **values)


def _join(parts: Sequence[Spans]) -> Spans:
    """'a', 'a and b', 'a, b and c'."""
    if not parts:
        return ()
    out: list[Span] = list(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        out.append(Span(t("briefing.list.and") if i == len(parts) - 1 else t("briefing.list.sep")))
        out.extend(part)
    return tuple(out)


def _sentence(spans: Spans, sources: Iterable[str | None] = ()) -> Sentence:
    """A sentence that ends with one full stop: added when missing, dropped after a quoted
    title that ends its own sentence ('… nexus?”.')."""
    text = plain(spans)
    if not _TERMINAL.search(text):
        spans = (*spans, Span("."))
    elif _TERMINAL.search(text[:-1]) and text.endswith("”.") and not spans[-1].data:
        spans = (*spans[:-1], Span(spans[-1].text[:-1]))
    return Sentence(spans, _unique(sources))


def _unique(ids: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in ids if i))


def _years(years: Iterable[int]) -> str:
    """[2010, 2011, 2012, 2014, 2016] -> '2010–2012, 2014 and 2016': consecutive years as
    a range, as GFMD chairmanships are written (2017–2018)."""
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0])
             for run in _runs(sorted(set(years)))]
    return plain(_join([(Span(p),) for p in parts]))


def _runs(years: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def _range(years: tuple[int, int]) -> str:
    """(2010, 2018) -> '2010–2018'; (2016, 2016) -> '2016'."""
    a, b = years
    return str(a) if a == b else f"{a}–{b}"


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    """'14–15 June 2011', '30 June – 2 July 2018', '11 September 2013'; '' when unknown."""
    if start is None:
        return ""
    end = end or start

    def month(d: dt.date) -> str:
        return t(f"date.month.{d.month}")

    last = f"{end.day} {month(end)} {end.year}"
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    if start.year == end.year:
        return f"{start.day} {month(start)} – {last}"
    return f"{start.day} {month(start)} {start.year} – {last}"


def _venue(m: ThematicMeeting) -> Spans:
    """'Geneva, Switzerland'; 'Taliouine (Taroudant), Morocco'; () when unknown."""
    if not m.city:
        return ()
    place = fill("venues.place.locality", city=m.city, locality=m.locality) if m.locality \
        else (Span(m.city, data=True),)
    return fill("venues.place", name=place, country=m.country) if m.country else place


def _quoted_list(texts: Sequence[str]) -> Spans:
    return _join([fill("briefing.quoted", text=x) for x in texts])


def _amount(value: int) -> str:
    return f"{value:,}"


def _figure_value(value: float) -> str:
    """103000 -> '103,000'; 2.5 -> '2.5'."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


# --- choosing themes ---------------------------------------------------------------------


def resolve_themes(ds: Dataset, names: Iterable[str]) -> tuple[str, ...]:
    """Theme ids for ids or labels in any case; `UnknownTheme` names the nearest ones."""
    by_name = {k.lower(): tid for tid, th in ds.themes.items() for k in (tid, th.label)}
    ids: list[str] = []
    unknown: list[str] = []
    for name in names:
        tid = by_name.get(name.strip().lower())
        (ids if tid else unknown).append(tid or name)
    if unknown:
        near: list[str] = []
        for name in unknown:
            for match in difflib.get_close_matches(name.strip().lower(), list(by_name),
                                                   n=SUGGESTIONS, cutoff=0.5):
                near.append(by_name[match])
        near = list(dict.fromkeys(near))[:SUGGESTIONS]
        message = plain(_counted("briefing.error.unknown_theme", len(unknown),
                                 names=", ".join(f"'{n}'" for n in unknown)))
        if near:
            message += " " + plain(fill("briefing.error.nearest", themes=_theme_list(ds, near)))
        raise UnknownTheme(message, near)
    return tuple(dict.fromkeys(ids))


def _theme_list(ds: Dataset, ids: Sequence[str]) -> str:
    return ", ".join(f"{tid} ({ds.themes[tid].label})" for tid in ids)


def _record_years(ds: Dataset) -> list[int]:
    return sorted(r.year for r in ds.years if r.country_iso3 == COUNTRY)


def _tagged(themes: Iterable[str], wanted: set[str]) -> bool:
    return bool(wanted & set(themes))


def _counts_by_theme(ds: Dataset, years: tuple[int, int]) -> dict[str, int]:
    """How many roles and meetings each theme has in `years`."""
    counts = dict.fromkeys(ds.themes, 0)
    for rec in ds.years:
        if rec.country_iso3 != COUNTRY or not years[0] <= rec.year <= years[1]:
            continue
        for item in (*rec.roundtable_roles, *rec.thematic_meetings):
            for tid in item.themes:
                if tid in counts:
                    counts[tid] += 1
    return counts


def nearest_themes(ds: Dataset, themes: Sequence[str], years: tuple[int, int]) -> tuple[str, ...]:
    """Themes with records in `years` closest to `themes`: shared Global Compact objectives
    first, then similar labels; with no theme chosen, those with the most records."""
    counts = _counts_by_theme(ds, years)
    candidates = [tid for tid, n in counts.items() if n and tid not in themes]
    if not themes:
        return tuple(sorted(candidates, key=lambda tid: -counts[tid])[:SUGGESTIONS])
    objectives = {o for tid in themes for o in ds.themes[tid].gcm_objectives}
    labels = " ".join(ds.themes[tid].label.lower() for tid in themes)

    def closeness(tid: str) -> tuple[int, float]:
        shared = len(objectives & set(ds.themes[tid].gcm_objectives))
        similar = difflib.SequenceMatcher(None, labels, ds.themes[tid].label.lower()).ratio()
        return -shared, -similar

    return tuple(sorted(candidates, key=closeness)[:SUGGESTIONS])


# --- selecting the records -------------------------------------------------------------


def clamp_years(ds: Dataset, years: tuple[int, int] | None) -> tuple[int, int]:
    """The asked-for years within the record's years; an error when they do not meet."""
    have = _record_years(ds)
    if not have:
        raise BriefingError(t("briefing.error.no_data"))
    lo, hi = have[0], have[-1]
    if years is None:
        return lo, hi
    a, b = sorted(years)
    if b < lo or a > hi:
        raise BriefingError(plain(fill("briefing.error.outside", years=_range((a, b)),
                                       first=lo, last=hi)))
    return max(a, lo), min(b, hi)


def select(ds: Dataset, themes: Sequence[str], years: tuple[int, int]) -> Selection:
    """Every role, meeting, figure and practice tagged with one of `themes`, in `years`."""
    wanted = set(themes)
    records = tuple(sorted(
        (r for r in ds.years if r.country_iso3 == COUNTRY and years[0] <= r.year <= years[1]),
        key=lambda r: r.year,
    ))
    roles = tuple(RoleRecord(r, role) for r in records for role in r.roundtable_roles
                  if _tagged(role.themes, wanted))
    meetings = tuple(sorted(
        (MeetingRecord(r, m) for r in records for m in r.thematic_meetings
         if _tagged(m.themes, wanted)),
        key=lambda mr: (mr.meeting.start_date or dt.date(mr.record.year, 12, 31)),
    ))
    country = ds.countries.get(COUNTRY)
    figures = tuple(f for f in country.national_figures if _tagged(f.themes, wanted)) \
        if country else ()
    practices = tuple(p for p in country.pfp_practices if _tagged(p.themes, wanted)) \
        if country else ()
    money = money_totals(Filters(years=years).apply(contributions(ds)))
    return Selection(tuple(themes), years, records, roles, meetings, figures, practices, money)


# --- composing ---------------------------------------------------------------------------


def compose(ds: Dataset, request: BriefingRequest) -> Briefing:
    """The briefing for `request`, or a `BriefingError` saying why there is none."""
    themes = resolve_themes(ds, request.themes)
    years = clamp_years(ds, request.years)
    if not themes:
        raise BriefingError(t("briefing.error.no_theme"), nearest_themes(ds, (), years))
    sel = select(ds, themes, years)
    if not sel.roles and not sel.meetings:
        raise _nothing_to_brief(ds, themes, years)
    writer = _Writer(ds, sel)
    sections = [Section("summary", t("briefing.section.summary"), writer.summary())]
    builders = {
        "talking-points": writer.talking_points, "roles": writer.roles,
        "meetings": writer.meetings, "context": writer.context,
        "national": writer.national, "caveats": writer.caveats,
    }
    for sid in SECTIONS:
        if sid in request.sections:
            sections.append(Section(sid, t(f"briefing.section.{sid}"), builders[sid]()))
    numbers = {sid: n for n, sid in enumerate(_cited(sections), start=1)}
    entries = tuple(_entry(ds, sid, n) for sid, n in numbers.items())
    return Briefing(t("briefing.doc.title"), _details(ds, request, sel), tuple(sections),
                    entries, sel, numbers)


def _entry(ds: Dataset, sid: str, number: int) -> SourceEntry:
    src = ds.sources.get(sid)
    if src is None:  # only when sources.yaml itself failed to load
        return SourceEntry(number, sid, sid, t("briefing.source.missing"), None, "missing")
    return SourceEntry(number, sid, src.title, src.publisher, src.url, src.kind)


def _nothing_to_brief(ds: Dataset, themes: Sequence[str], years: tuple[int, int]) -> BriefingError:
    labels = [ds.themes[tid].label for tid in themes]
    parts = [fill("briefing.error.no_records", themes=_quoted_list(labels), years=_range(years))]
    elsewhere = sorted({r.year for r in ds.years if r.country_iso3 == COUNTRY
                        for item in (*r.roundtable_roles, *r.thematic_meetings)
                        if _tagged(item.themes, set(themes))})
    if elsewhere:
        parts.append(_counted("briefing.error.elsewhere", len(themes), years=_years(elsewhere)))
    near = nearest_themes(ds, themes, years)
    if near:
        parts.append(fill("briefing.error.nearest", themes=_theme_list(ds, near)))
    return BriefingError(" ".join(plain(p) for p in parts), near)


def _cited(sections: Iterable[Section]) -> list[str]:
    """Source ids in order of first citation through the document."""
    ids: list[str] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                ids.extend(s for sentence in block.sentences for s in sentence.sources)
            elif isinstance(block, Bullets):
                ids.extend(s for item in block.items for sentence in item.sentences
                           for s in sentence.sources)
            elif isinstance(block, Table):
                ids.extend(s for row in block.rows for s in row.sources)
    return list(dict.fromkeys(ids))


def _details(ds: Dataset, request: BriefingRequest,
             sel: Selection) -> tuple[tuple[str, Spans], ...]:
    labels = [ds.themes[tid].label for tid in sel.themes]
    key = "briefing.doc.themes" if len(labels) > 1 else "briefing.doc.theme"
    details: list[tuple[str, Spans]] = [
        (t(key), (Span(", ".join(labels), data=True),)),
        (t("briefing.doc.years"), (Span(_range(sel.years)),)),
    ]
    if request.meeting.strip():
        details.append((t("briefing.doc.meeting"), (Span(request.meeting.strip(), data=True),)))
    if request.meeting_date:
        details.append((t("briefing.doc.meeting_date"),
                        (Span(_dates(request.meeting_date, None)),)))
    if request.version:
        details.append((t("briefing.doc.version"), (Span(request.version, data=True),)))
    details.append((t("briefing.doc.reading"), (Span(t("briefing.doc.reading.text")),)))
    return tuple(details)


class _Writer:
    """Writes each section from one selection."""

    def __init__(self, ds: Dataset, sel: Selection) -> None:
        self.ds = ds
        self.sel = sel
        labels = [ds.themes[tid].label for tid in sel.themes]
        self.themes_phrase = fill(
            "briefing.themes.one" if len(labels) == 1 else "briefing.themes.other",
            themes=_quoted_list(labels),
        )
        country = ds.countries.get(COUNTRY)
        self.structural = country.structural_roles if country else []
        self.profile_sources = _unique(r.source for r in sel.records)

    # -- pieces shared by several sections

    def _co_chair(self) -> Sentence | None:
        """'Morocco co-chaired the GFMD with Germany in 2017–2018.' if those years are in."""
        lo, hi = self.sel.years
        roles = [r for r in self.structural if r.role == "co-chair" and r.years]
        years = sorted({y for r in roles for y in r.years})
        if not years or not any(lo <= y <= hi for y in years):
            return None
        summits = [s for s in self.ds.summits if s.year in years]
        country = self.ds.countries[COUNTRY].name
        partners = sorted({c for s in summits for c in s.chairs if c != country})
        if not partners:
            return None
        return _sentence(fill("briefing.co_chair", partners=_join([(Span(p, data=True),)
                                                                    for p in partners]),
                              years=_years(years)),
                         [*(r.source for r in roles), *(s.source for s in summits)])

    def _role_kind(self, role: RoundtableEntry) -> Spans:
        if role.rt_code:
            return fill("briefing.kind.rt", code=role.rt_code)
        return fill("briefing.kind.rt_nocode")

    def _where(self, mr: MeetingRecord) -> Spans:
        m = mr.meeting
        venue = _venue(m) or fill("briefing.venue.unknown")
        dates = _dates(m.start_date, m.end_date)
        when = (Span(dates),) if dates else fill("briefing.date.unknown", year=mr.record.year)
        return fill("briefing.where", venue=venue, dates=when)

    def _title_cell(self, title: str, in_profile: bool = True) -> Spans:
        cell = (Span(title, data=True),)
        return cell if in_profile else (*cell, Span(t("briefing.outside_profile")))

    # -- sections

    def summary(self) -> tuple[Block, ...]:
        sel = self.sel
        lo, hi = sel.years
        opening = fill("briefing.summary.range", first=lo, last=hi, themes=self.themes_phrase) \
            if lo != hi else fill("briefing.summary.single", year=lo, themes=self.themes_phrase)
        role_clauses = []
        for role in ("co-chair", "team-member", "coordinator"):
            years = [r.record.year for r in sel.roles if r.role.role == role]
            if years:
                role_clauses.append(_counted(f"briefing.summary.rt.{role}", len(years),
                                             years=_years(years)))
        meeting_clauses = []
        for key, roles in (("co-chair", {"co-chair"}), ("organiser", {"organiser"}),
                           ("took-part", {"participated", "attended"})):
            years = [mr.year for mr in sel.meetings if mr.meeting.role.value in roles]
            if years:
                meeting_clauses.append(_counted(f"briefing.summary.m.{key}", len(years),
                                                years=_years(years)))
        role_sources = _unique(r.record.source for r in sel.roles)
        meeting_sources = _unique(mr.meeting.source for mr in sel.meetings)
        sentences: list[Sentence] = []
        if role_clauses:
            sentences.append(_sentence((*opening, *_join(role_clauses)), role_sources))
            if meeting_clauses:
                sentences.append(_sentence((*fill("briefing.summary.it"),
                                            *_join(meeting_clauses)), meeting_sources))
        else:
            sentences.append(_sentence((*opening, *_join(meeting_clauses)), meeting_sources))
            sentences.append(_sentence(_counted("briefing.summary.no_roles", len(sel.themes)),
                                       self.profile_sources))
        co_chair = self._co_chair()
        if co_chair:
            sentences.append(co_chair)
        sentences.extend(self._money_summary())
        return (Paragraph(tuple(sentences)),)

    def _money_summary(self) -> list[Sentence]:
        money = self.sel.money
        sources = self._money_sources()
        out = []
        if money.new_money_usd:
            out.append(_sentence(fill("briefing.summary.money", years=_range(self.sel.years),
                                      amount=_amount(money.new_money_usd)), sources))
        elif money.years_none:
            out.append(_sentence(fill("briefing.summary.money_none",
                                      years=_years(money.years_none)), sources))
        if money.years_unknown:
            out.append(_sentence(_counted("briefing.summary.money_unknown",
                                          len(money.years_unknown),
                                          years=_years(money.years_unknown)), sources))
        return out

    def _money_sources(self) -> tuple[str, ...]:
        return _unique(s for r in self.sel.records
                       for s in [r.contributions.source,
                                 *(i.source for i in r.contributions.items)])

    def talking_points(self) -> tuple[Block, ...]:
        items: list[tuple[int, int, Sentence]] = []
        for rr in self.sel.roles:
            role = rr.role
            key = f"briefing.tp.rt.{role.role.value}" + ("" if role.rt_code else ".nocode")
            items.append((rr.record.year, 0, _sentence(
                fill(key, year=rr.record.year, code=role.rt_code or "", title=role.title),
                [rr.record.source])))
        for mr in self.sel.meetings:
            m = mr.meeting
            items.append((mr.year, 1, _sentence(
                fill(f"briefing.tp.m.{m.role.value}", title=m.title, where=self._where(mr)),
                mr.sources)))
        items.sort(key=lambda item: (item[0], item[1]))
        points = [Paragraph((sentence,)) for _, _, sentence in items]
        co_chair = self._co_chair()
        if co_chair:
            points.append(Paragraph((co_chair,)))
        return (Bullets(tuple(points)),)

    def _role_rows(self) -> list[tuple[int, int, Row]]:
        many = len(self.sel.themes) > 1
        rows: list[tuple[int, int, Row]] = []
        for rr in self.sel.roles:
            cells = [(Span(str(rr.record.year)),), (Span(t(f"briefing.role.{rr.role.role}")),),
                     self._role_kind(rr.role), self._title_cell(rr.role.title)]
            if many:
                cells.append(self._themes_cell(rr.role.themes))
            rows.append((rr.record.year, 0, Row(tuple(cells), (rr.record.source,))))
        for mr in self.sel.meetings:
            m = mr.meeting
            cells = [(Span(str(mr.year)),), (Span(t(f"briefing.role.{m.role}")),),
                     fill("briefing.kind.meeting"), self._title_cell(m.title, m.in_profile)]
            if many:
                cells.append(self._themes_cell(m.themes))
            rows.append((mr.year, 1, Row(tuple(cells), mr.sources)))
        rows.sort(key=lambda r: (r[0], r[1]))
        return rows

    def _themes_cell(self, themes: Iterable[str]) -> Spans:
        labels = [self.ds.themes[tid].label for tid in themes if tid in self.sel.themes]
        return (Span("; ".join(labels), data=True),)

    def roles(self) -> tuple[Block, ...]:
        columns = [t("briefing.col.year"), t("briefing.col.role"), t("briefing.col.kind"),
                   t("briefing.col.title")]
        if len(self.sel.themes) > 1:
            columns.append(t("briefing.col.themes"))
        return (Table(tuple(columns), tuple(row for _, _, row in self._role_rows())),)

    def meetings(self) -> tuple[Block, ...]:
        if not self.sel.meetings:
            return (Paragraph((_sentence(_counted("briefing.meetings.none",
                                                  len(self.sel.themes)),
                                         self.profile_sources),)),)
        rows = []
        for mr in self.sel.meetings:
            m = mr.meeting
            dates = _dates(m.start_date, m.end_date)
            rows.append(Row((
                (Span(dates),) if dates else fill("briefing.unknown"),
                _venue(m) or fill("briefing.unknown"),
                (Span(t(f"briefing.role.{m.role}")),),
                self._title_cell(m.title, m.in_profile),
            ), mr.sources))
        columns = (t("briefing.col.dates"), t("briefing.col.venue"), t("briefing.col.role"),
                   t("briefing.col.title"))
        return (Table(columns, tuple(rows)),)

    def context(self) -> tuple[Block, ...]:
        items = []
        for role in self.structural:
            if role.status != "held":
                continue
            label = t(f"structure.role.{role.role}")
            spans = fill("briefing.context.role", label=label, years=_years(role.years),
                         description=role.description) if role.years else \
                fill("briefing.context.role_no_years", label=label, description=role.description)
            items.append(Paragraph((_sentence(spans, [role.source]),)))
        blocks: list[Block] = [Subheading(t("briefing.context.structure"))]
        if items:
            blocks.append(Bullets(tuple(items)))
        blocks.append(Subheading(plain(fill("briefing.context.money",
                                            years=_range(self.sel.years)))))
        blocks.append(self._money_table())
        blocks.append(Bullets(tuple(Paragraph((s,)) for s in self._money_lines())))
        return tuple(blocks)

    def _money_table(self) -> Table:
        rows = []
        for rec in self.sel.records:
            c = rec.contributions
            year = (Span(str(rec.year)),)
            if not c.items:
                counted = "none" if c.status is ContributionStatus.NONE else "unknown"
                amount = "—" if counted == "none" else t("briefing.money.unknown")
                rows.append(Row((year, self._as_written(c.as_written), (Span(amount),),
                                 (Span(t(f"briefing.money.{counted}")),)), (c.source,)))
            for item in c.items:
                amount = _amount(item.amount_usd) if item.amount_usd is not None \
                    else t("briefing.money.unknown")
                counted = "new" if item.counts_as_new_money else "carry"
                rows.append(Row((year, self._as_written(item.as_written), (Span(amount),),
                                 (Span(t(f"briefing.money.{counted}")),)), (item.source,)))
        columns = (t("briefing.col.year"), t("briefing.col.as_written"),
                   t("briefing.col.amount"), t("briefing.col.counted"))
        return Table(columns, tuple(rows))

    def _as_written(self, text: str | None) -> Spans:
        return (Span(text, data=True),) if text else fill("briefing.money.not_stated")

    def _money_lines(self) -> list[Sentence]:
        money = self.sel.money
        sources = self._money_sources()
        lines = [_sentence(fill("briefing.money.total_new", years=_range(self.sel.years),
                                amount=_amount(money.new_money_usd)), sources)]
        carried = [(r.year, i.amount_usd) for r in self.sel.records
                   for i in r.contributions.items if not i.counts_as_new_money]
        known = [year for year, amount in carried if amount is not None]
        if known:
            lines.append(_sentence(fill("briefing.money.total_carry",
                                        amount=_amount(money.carry_over_usd),
                                        years=_years(known)), sources))
        if len(known) < len(carried):
            lines.append(_sentence(fill("briefing.money.carry_unknown", years=_years(
                year for year, amount in carried if amount is None)), sources))
        if money.years_none:
            lines.append(_sentence(fill("briefing.money.years_none",
                                        years=_years(money.years_none)), sources))
        if money.years_unknown:
            lines.append(_sentence(fill("briefing.money.years_unknown",
                                        years=_years(money.years_unknown)), sources))
        return lines

    def national(self) -> tuple[Block, ...]:
        figures = []
        for f in self.sel.figures:
            value = fill(f"briefing.qualifier.{f.qualifier.replace(' ', '-')}",
                         value=_figure_value(f.value), unit=f.unit)
            year = (Span(f.reference_year.replace("-", "–"), data=True),) if f.reference_year \
                else fill("briefing.national.no_year")
            sentences = [_sentence(fill("briefing.national.figure", label=f.label, value=value,
                                        year=year), [f.source])]
            sentences.extend(_sentence((Span(n.text, data=True),), [n.source]) for n in f.notes)
            figures.append(Paragraph(tuple(sentences)))
        practices = [
            Paragraph((_sentence(fill("briefing.national.practice", title=p.title,
                                      summary=p.summary), [p.source]),))
            for p in self.sel.practices
        ]
        blocks: list[Block] = [Subheading(t("briefing.national.figures"))]
        blocks.append(Bullets(tuple(figures)) if figures else Paragraph((_sentence(
            fill("briefing.national.figures.none", themes=self.themes_phrase)),)))
        blocks.append(Subheading(t("briefing.national.practices")))
        blocks.append(Bullets(tuple(practices)) if practices else Paragraph((_sentence(
            fill("briefing.national.practices.none", themes=self.themes_phrase)),)))
        return tuple(blocks)

    def caveats(self) -> tuple[Block, ...]:
        groups = [
            ("briefing.caveats.reading", self._reading()),
            ("briefing.caveats.notes", self._notes()),
            ("briefing.caveats.outside", self._outside()),
            ("briefing.caveats.unknown", self._unknown()),
        ]
        blocks: list[Block] = []
        for key, sentences in groups:
            if sentences:
                blocks.append(Subheading(t(key)))
                blocks.append(Bullets(tuple(Paragraph((s,)) for s in sentences)))
        return tuple(blocks)

    def _reading(self) -> list[Sentence]:
        out = []
        if THEME_TAGS_SOURCE in self.ds.sources:
            out.append(_sentence(fill("briefing.caveat.tags"), [THEME_TAGS_SOURCE]))
        by_level: dict[str, list[int]] = {}
        for rec in self.sel.records:
            by_level.setdefault(rec.year_evidence.confidence, []).append(rec.year)
        if len(by_level) == 1:
            (level,) = by_level
            confidence = fill("briefing.confidence.all", level=level)
        else:
            confidence = _join([fill("briefing.confidence.part", level=level, years=_years(ys))
                                for level, ys in by_level.items()])
        inference = [s for r in self.sel.records for s in r.year_evidence.sources
                     if getattr(self.ds.sources.get(s), "kind", None) == "inference"]
        out.append(_sentence(fill("briefing.caveat.years", confidence=confidence), inference))
        moved: dict[int, list[MeetingRecord]] = {}
        for mr in self.sel.meetings:
            if mr.meeting.start_date and mr.year != mr.record.year:
                moved.setdefault(mr.record.year, []).append(mr)
        for year, mrs in moved.items():
            rec = mrs[0].record
            dates = _join([(Span(_dates(mr.meeting.start_date, mr.meeting.end_date)),)
                           for mr in mrs])
            out.append(_sentence(_counted("briefing.caveat.chair_year", len(mrs), dates=dates,
                                          chairmanship=rec.chairmanship.replace("-", "–"),
                                          year=year),
                                 rec.year_evidence.sources))
        return out

    def _note_label(self, item: RoleRecord | MeetingRecord) -> Spans:
        if isinstance(item, RoleRecord):
            if item.role.rt_code:
                return fill("briefing.note.rt", code=item.role.rt_code, year=item.record.year)
            return fill("briefing.note.rt_nocode", title=item.role.title, year=item.record.year)
        m = item.meeting
        dates = _dates(m.start_date, m.end_date)
        if m.city and dates:
            return fill("briefing.note.meeting", place=m.locality or m.city, dates=dates)
        return fill("briefing.note.meeting_title", title=m.title)

    def _notes(self) -> list[Sentence]:
        out: list[Sentence] = []
        items: list[tuple[int, int, RoleRecord | MeetingRecord, list[Note]]] = [
            (rr.record.year, 0, rr, rr.role.notes) for rr in self.sel.roles
        ] + [(mr.year, 1, mr, mr.meeting.notes) for mr in self.sel.meetings]
        items.sort(key=lambda i: (i[0], i[1]))
        for _, _, item, notes in items:
            label = self._note_label(item)
            out.extend(_sentence(fill("briefing.note", label=label, text=n.text), [n.source])
                       for n in notes)
        for rec in self.sel.records:
            c = rec.contributions
            label = fill("briefing.note.money", year=rec.year)
            for n in [*(n for i in c.items for n in i.notes), *c.notes]:
                out.append(_sentence(fill("briefing.note", label=label, text=n.text),
                                     [n.source]))
        return out

    def _outside(self) -> list[Sentence]:
        out = []
        for mr in self.sel.meetings:
            if mr.meeting.in_profile:
                continue
            out.append(_sentence(fill("briefing.caveat.outside", label=self._note_label(mr)),
                                 [mr.meeting.source]))
        return out

    def _unknown(self) -> list[Sentence]:
        sel = self.sel
        out = []
        if sel.money.years_unknown:
            out.append(_sentence(_counted("briefing.unknown.money", len(sel.money.years_unknown),
                                          years=_years(sel.money.years_unknown)),
                                 self._money_sources()))
        for what, attr in (("summit", "summit"), ("prep", "prep_meetings")):
            years = [r.year for r in sel.records
                     if getattr(r.attendance, attr) is Attendance.UNKNOWN]
            if years:
                out.append(_sentence(fill(f"briefing.unknown.{what}", years=_years(years)),
                                     _unique(r.source for r in sel.records if r.year in years)))
        for mr in sel.meetings:
            m = mr.meeting
            if not m.start_date:
                out.append(_sentence(fill("briefing.unknown.meeting_date", title=m.title),
                                     [m.source]))
            if not m.city:
                out.append(_sentence(fill("briefing.unknown.meeting_venue", title=m.title),
                                     [m.source]))
        for role in self.structural:
            if role.status == "unknown":
                out.append(_sentence(fill("briefing.context.role_no_years",
                                          label=t(f"structure.role.{role.role}"),
                                          description=role.description), [role.source]))
        return out
