"""The briefing's document model: plain data that the preview, the Word file and the
Markdown file all render.

Text is kept as `Span`s that say whether they come from a data file or a reader (`data`),
so each renderer can keep data text literal. Every sentence that states a fact carries the
ids of its sources; the numbered source list is built from the ids actually cited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gfmd.record.models import OtherMeeting, ParticipationYear, RoundtableEntry, ThematicMeeting
from gfmd.record.reference import NationalFigure, PfpPractice
from gfmd.tables.aggregate import MoneyTotals
from gfmd.text import formatting as fmt

# Optional sections, in document order; the key messages and sources are always there.
# The year-by-year contributions table is there only when asked for: a one-line total
# says enough in a note on a theme.
SECTIONS = ("counterparts", "since", "record", "context", "contributions", "national",
            "caveats")
DEFAULT_SECTIONS = tuple(s for s in SECTIONS if s != "contributions")


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
        return "".join(s.text for s in self.spans)


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
    """What the reader asked for. `themes` are ids or labels, in any case.

    `short` asks for one page: key messages, counterparts, the most relevant roles and
    the sources. `prepared_on` is today unless given (tests and examples fix it).
    """

    themes: tuple[str, ...]
    years: tuple[int, int] | None = None
    meeting: str = ""
    meeting_date: dt.date | None = None
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    version: str | None = None
    short: bool = False
    prepared_by: str = ""
    classification: str = ""
    prepared_on: dt.date | None = None


def unique(ids: Iterable[str | None]) -> tuple[str, ...]:
    """The ids given, each once, in order, without the missing ones."""
    return tuple(dict.fromkeys(i for i in ids if i))


def cited(blocks: Iterable[Block]) -> tuple[str, ...]:
    """Source ids in order of first citation through `blocks`: the note numbers its
    sources so, and a page lists them so."""
    ids: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            ids.extend(s for sentence in block.sentences for s in sentence.sources)
        elif isinstance(block, Bullets):
            ids.extend(s for item in block.items for sentence in item.sentences
                       for s in sentence.sources)
        elif isinstance(block, Table):
            ids.extend(s for row in block.rows for s in row.sources)
    return unique(ids)


# --- what a briefing is made of (gfmd.briefing.selection chooses it) ---------------------


@dataclass(frozen=True)
class RoleRecord:
    record: ParticipationYear
    role: RoundtableEntry


@dataclass(frozen=True)
class OtherRecord:
    """A meeting of its own kind (a Platform for Partnerships meeting), never a roundtable."""

    record: ParticipationYear
    meeting: OtherMeeting


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
        return unique([m.source, m.date_source, m.venue_source])


@dataclass(frozen=True)
class Selection:
    """The records a briefing is made of: everything tagged with a theme, in the years."""

    themes: tuple[str, ...]
    years: tuple[int, int]
    records: tuple[ParticipationYear, ...]
    roles: tuple[RoleRecord, ...]
    meetings: tuple[MeetingRecord, ...]
    others: tuple[OtherRecord, ...]
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
    name_parts: tuple[str, ...] = ()
    # Kept out of the body: the data version goes into the file's properties and footer.
    version: str | None = None
    classification: str = ""
    short: bool = False
    # The language it was written in: a renderer run later (a download built on the click,
    # in a thread of its own) writes its labels in this one, not in whatever is current.
    language: str = "en"

    def refs(self, source_ids: Iterable[str]) -> str:
        """'[1, 3]': the numbers of `source_ids` in the source list; '' for none."""
        numbers = sorted({self.numbers[s] for s in source_ids})
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    def file_name(self, ext: str) -> str:
        """E.g. morocco-gfmd-briefing-labour-mobility-2010-2018-v1a2b3c4d5e6f.docx: the
        data version it was written from, when known."""
        return fmt.file_name(self.name_parts, ext, version=self.version)


class BriefingError(ValueError):
    """No briefing can be written; `suggestions` are theme ids to offer instead."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = tuple(suggestions)


class UnknownTheme(BriefingError):
    """A theme name that is neither an id nor a label of the vocabulary."""
