"""The data model: one pydantic model per kind of data file, strict by design.

Unknown fields, wrong types, unknown role values and impossible dates are errors, so a
typo in a hand-edited file is caught by `python -m gfmd validate`, not by a reader.
Cross-file rules (known themes, sources, summit years) live in `loader.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    model_validator,
)

from gfmd.vocab import (
    Attendance,
    ContributionKind,
    ContributionStatus,
    HeldStatus,
    MeetingRole,
    RoundtableRole,
    StructuralRoleKind,
)

ISO3 = re.compile(r"^[A-Z]{3}$")


def _iso_date(value: object) -> object:
    """Accept only `YYYY-MM-DD` text for dates (the YAML loader keeps dates as text)."""
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a real calendar date") from None
    return value


def _year_label(value: object) -> object:
    """Chairmanship labels are text; let an editor write 2011 without quotes."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Chairmanship = Annotated[
    str, BeforeValidator(_year_label), StringConstraints(pattern=r"^\d{4}(-\d{4})?$")
]
RtCode = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class Strict(BaseModel):
    """Base for every data model: no unknown fields, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Enum fields accept their text values; strict mode alone would demand enum instances.
RoundtableRoleValue = Annotated[RoundtableRole, Field(strict=False)]
MeetingRoleValue = Annotated[MeetingRole, Field(strict=False)]
AttendanceValue = Annotated[Attendance, Field(strict=False)]
ContributionKindValue = Annotated[ContributionKind, Field(strict=False)]
ContributionStatusValue = Annotated[ContributionStatus, Field(strict=False)]
StructuralRoleValue = Annotated[StructuralRoleKind, Field(strict=False)]
HeldStatusValue = Annotated[HeldStatus, Field(strict=False)]


class Note(Strict):
    """A remark with its own source: disagreements, caveats, context."""

    text: Text
    source: Id


class RoundtableEntry(Strict):
    role: RoundtableRoleValue
    rt_code: RtCode | None = None
    title: Text
    as_written: Text | None = Field(
        default=None, description="The profile's line, kept when it differs from the title"
    )
    themes: list[Id] = Field(min_length=1)
    notes: list[Note] = []


class ThematicMeeting(Strict):
    role: MeetingRoleValue
    title: Text
    as_written: Text | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    city: Text | None = None
    locality: Text | None = None
    country: Text | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id
    date_source: Id | None = None
    venue_source: Id | None = None
    in_profile: bool = True
    notes: list[Note] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> ThematicMeeting:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"the end date {self.end_date} is before the start date {self.start_date}"
            )
        if self.end_date and not self.start_date:
            raise ValueError("an end date needs a start date")
        if self.locality and not self.city:
            raise ValueError("a locality needs its city")
        return self


class ContributionItem(Strict):
    amount_usd: NonNegativeInt | None = None
    kind: ContributionKindValue
    as_written: Text
    counts_as_new_money: bool
    reason: Text | None = Field(
        default=None, description="Why this money is or is not new; required when it is not"
    )
    source: Id
    notes: list[Note] = []

    @model_validator(mode="after")
    def _carry_over_is_not_new(self) -> ContributionItem:
        if self.kind is ContributionKind.CARRY_OVER and self.counts_as_new_money:
            raise ValueError("a carry-over cannot count as new money")
        if not self.counts_as_new_money and not self.reason:
            raise ValueError("money that does not count as new needs a reason")
        return self


class Contributions(Strict):
    """What the profile says of money for one year: an amount, a stated none, or unknown."""

    status: ContributionStatusValue
    as_written: Text | None = None
    items: list[ContributionItem] = []
    source: Id
    notes: list[Note] = []

    @model_validator(mode="after")
    def _status_matches_items(self) -> Contributions:
        has_amount = any(i.amount_usd is not None for i in self.items)
        if self.status is ContributionStatus.NONE and self.items:
            raise ValueError("status 'none' cannot list contributions")
        if self.status is ContributionStatus.AMOUNT and not has_amount:
            raise ValueError("status 'amount' needs at least one item with amount_usd")
        if self.status is ContributionStatus.UNKNOWN and has_amount:
            raise ValueError("status 'unknown' cannot carry an amount; use 'amount'")
        return self


class AttendanceRecord(Strict):
    summit: AttendanceValue
    prep_meetings: AttendanceValue
    other: list[Text] = Field(default=[], description="Other 'Attended …' lines, as written")
    notes: list[Note] = []


class YearEvidence(Strict):
    """Why this profile record belongs to this year (the dump lost its year headings)."""

    profile_position: int = Field(ge=1)
    confidence: Literal["low", "medium", "medium-high", "high"]
    evidence: Text
    sources: list[Id] = Field(min_length=1)


class ParticipationYear(Strict):
    """One file: everything a country did in one GFMD summit year."""

    country_iso3: Annotated[str, StringConstraints(pattern=ISO3.pattern)]
    year: int = Field(ge=2006, le=2100)
    chairmanship: Chairmanship
    source: Id
    year_evidence: YearEvidence
    attendance: AttendanceRecord
    roundtable_roles: list[RoundtableEntry] = []
    no_roundtable_participation: bool = False
    thematic_meetings: list[ThematicMeeting] = []
    contributions: Contributions
    notes: list[Note] = []

    @model_validator(mode="after")
    def _stated_none_has_no_roles(self) -> ParticipationYear:
        if self.no_roundtable_participation and self.roundtable_roles:
            raise ValueError("no_roundtable_participation is true but roles are listed")
        return self


# --- reference files -------------------------------------------------------------------


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    kind: Literal["primary", "secondary", "inference", "general-knowledge"]
    seed: Text | None = Field(default=None, description="The seed file it was read from")


class Summit(Strict):
    number: int = Field(ge=1)
    year: int | None = Field(default=None, description="Year the summit met; None if unknown")
    chairmanship: Chairmanship
    chairs: list[Text] = Field(min_length=1)
    city: Text | None = None
    host_country: Text | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    theme: Text | None = None
    virtual: bool = False
    source: Id
    notes: list[Note] = []

    @model_validator(mode="after")
    def _consistent(self) -> Summit:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"the end date {self.end_date} is before the start date {self.start_date}"
            )
        if self.start_date and self.year is not None and self.start_date.year != self.year:
            raise ValueError(f"year {self.year} differs from the start date {self.start_date}")
        return self


class Venue(Strict):
    city: Text
    country: Text
    latitude: Latitude
    longitude: Longitude
    source: Id


class Theme(Strict):
    id: Id
    label: Text
    description: Text
    gcm_objectives: list[Annotated[int, Field(ge=1, le=23)]] = Field(min_length=1)


class GcmObjective(Strict):
    number: int = Field(ge=1, le=23)
    title: Text


class ThemeVocabulary(Strict):
    source: Id
    gcm_source: Id
    themes: list[Theme] = Field(min_length=1)
    gcm_objectives: list[GcmObjective] = Field(min_length=23, max_length=23)


class StructureBody(Strict):
    name: Text
    description: Text
    source: Id


class GfmdStructure(Strict):
    bodies: list[StructureBody] = Field(min_length=1)


class StructuralRole(Strict):
    role: StructuralRoleValue
    description: Text
    start: IsoDate | None = None
    end: IsoDate | None = None
    years: list[int] = []
    status: HeldStatusValue = HeldStatus.HELD
    source: Id
    notes: list[Note] = []


class PfpPractice(Strict):
    title: Text
    summary: Text
    submitted_by: Text | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id


class NationalFigure(Strict):
    label: Text
    value: float | int
    unit: Text
    qualifier: Literal["exact", "about", "more than"] = "exact"
    reference_year: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{4})?$")] | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id
    notes: list[Note] = []


class CountryProfile(Strict):
    iso3: Annotated[str, StringConstraints(pattern=ISO3.pattern)]
    name: Text
    official_name: Text
    centroid_latitude: Latitude
    centroid_longitude: Longitude
    source: Id
    notes: list[Note] = []
    structural_roles: list[StructuralRole] = []
    pfp_practices: list[PfpPractice] = []
    national_figures: list[NationalFigure] = []
