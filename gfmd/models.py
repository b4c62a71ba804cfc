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
    LEAD_ROLES,
    Attendance,
    ContributionKind,
    ContributionStatus,
    HeldStatus,
    MeetingRole,
    OtherMeetingKind,
    PartnersStatus,
    RecordStatus,
    RoundtableRole,
    SideEventRole,
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
OtherMeetingKindValue = Annotated[OtherMeetingKind, Field(strict=False)]
PartnersStatusValue = Annotated[PartnersStatus, Field(strict=False)]
RecordStatusValue = Annotated[RecordStatus, Field(strict=False)]
SideEventRoleValue = Annotated[SideEventRole, Field(strict=False)]


class Note(Strict):
    """A remark with its own source: disagreements, caveats, context."""

    text: Text
    source: Id


class Partners(Strict):
    """The other governments that shared a role, as a source names them.

    `unknown` (no source found names them) is kept apart from `none` (a source says
    Morocco held the role alone), so a view never turns silence into "no partner".
    """

    status: PartnersStatusValue
    names: list[Text] = []
    source: Id
    notes: list[Note] = []

    @model_validator(mode="after")
    def _names_match_status(self) -> Partners:
        if self.status is PartnersStatus.NAMED and not self.names:
            raise ValueError("status 'named' needs at least one name in names")
        if self.status is not PartnersStatus.NAMED and self.names:
            raise ValueError(f"status '{self.status.value}' cannot list names; use 'named'")
        return self


def _partners_stated(role: str, partners: Partners | None) -> None:
    """A lead role (co-chair, co-convener, organiser) must say who else led, or 'unknown'."""
    if role in LEAD_ROLES and partners is None:
        raise ValueError(
            f"a '{role}' role needs partners (status named, none or unknown, with a source)"
        )


class RoundtableEntry(Strict):
    role: RoundtableRoleValue
    rt_code: RtCode | None = None
    title: Text
    as_written: Text | None = Field(
        default=None, description="The profile's line, kept when it differs from the title"
    )
    themes: list[Id] = Field(min_length=1)
    notes: list[Note] = []
    partners: Partners | None = None

    @model_validator(mode="after")
    def _lead_has_partners(self) -> RoundtableEntry:
        _partners_stated(self.role.value, self.partners)
        return self


class OtherMeeting(Strict):
    """A co-chaired GFMD meeting that is not a roundtable, e.g. a Platform for Partnerships
    meeting: its own kind, so co-chaired roundtables are never overcounted."""

    kind: OtherMeetingKindValue
    role: RoundtableRoleValue
    title: Text = Field(description="The correct name; the profile's spelling is in as_written")
    as_written: Text | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id
    partners: Partners | None = None
    notes: list[Note] = []

    @model_validator(mode="after")
    def _lead_has_partners(self) -> OtherMeeting:
        _partners_stated(self.role.value, self.partners)
        return self


class SourcedRole(Strict):
    """A role another source gives for the same meeting, beside the profile's `role`."""

    role: MeetingRoleValue
    source: Id
    as_stated: Text | None = Field(default=None, description="The source's words, if useful")


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
    other_roles: list[SourcedRole] = Field(
        default=[], description="Roles other sources state, each with its source"
    )
    partners: Partners | None = None

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
        for role in (self.role, *(r.role for r in self.other_roles)):
            _partners_stated(role.value, self.partners)
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
    """Why this record belongs to this summit year (the profile's dump lost its headings)."""

    profile_position: int | None = Field(
        default=None, ge=1, description="Position in the profile; None if not from the profile"
    )
    confidence: Literal["low", "medium", "medium-high", "high"]
    evidence: Text
    sources: list[Id] = Field(min_length=1)


class DelegationMember(Strict):
    name: Text
    title: Text | None = Field(default=None, description="Office as the source gives it")
    source: Id


class Delegation(Strict):
    """Who represented the country at the summit: its head and the members a source names."""

    head: DelegationMember | None = Field(default=None, description="None: no head named")
    members: list[DelegationMember] = []
    source: Id
    notes: list[Note] = []


class SideEvent(Strict):
    """A summit side event the country took part in; `title: null` means not found."""

    role: SideEventRoleValue
    title: Text | None = None
    source: Id
    notes: list[Note] = []


class Statement(Strict):
    """What a delegation said, paraphrased point by point, with its source."""

    date: IsoDate | None = None
    speaker: Text | None = None
    points: list[Text] = Field(min_length=1)
    source: Id
    notes: list[Note] = []


class ContextEvent(Strict):
    """An event shown beside the GFMD record for context, never counted as a GFMD meeting."""

    title: Text
    organiser: Text
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    city: Text | None = None
    country: Text | None = None
    gfmd_meeting: Literal[False] = Field(description="Always false: stated so no view counts it")
    source: Id
    notes: list[Note] = []


# Fields an unknown-year file may carry; anything more would claim knowledge it lacks.
UNKNOWN_YEAR_FIELDS = frozenset(
    {"country_iso3", "year", "chairmanship", "record_status", "source", "notes"}
)


class ParticipationYear(Strict):
    """One file: everything a country did in one GFMD summit year.

    `record_status: unknown` marks a summit year for which no source records the country's
    participation. Such a file carries only country, year, chairmanship, status, source
    and a note; attendance and money are then read as unknown (and the year as the summit
    year itself), so every view can say "not recorded" for the year instead of skipping it
    or failing on a missing field.
    """

    country_iso3: Annotated[str, StringConstraints(pattern=ISO3.pattern)]
    year: int = Field(ge=2006, le=2100)
    chairmanship: Chairmanship
    record_status: RecordStatusValue = RecordStatus.RECORDED
    source: Id
    year_evidence: YearEvidence
    attendance: AttendanceRecord
    delegation: Delegation | None = None
    roundtable_roles: list[RoundtableEntry] = []
    no_roundtable_participation: bool = False
    other_meetings: list[OtherMeeting] = []
    thematic_meetings: list[ThematicMeeting] = []
    side_events: list[SideEvent] = []
    statements: list[Statement] = []
    contributions: Contributions
    context_events: list[ContextEvent] = []
    notes: list[Note] = []

    @model_validator(mode="before")
    @classmethod
    def _unknown_year_is_unknown(cls, data: object) -> object:
        """An unknown year states nothing but its status: attendance and money are unknown."""
        if not isinstance(data, dict) or data.get("record_status") != RecordStatus.UNKNOWN:
            return data
        extra = sorted(str(k) for k in data if k not in UNKNOWN_YEAR_FIELDS)
        if extra:
            raise ValueError(
                "a file with record_status 'unknown' carries only country_iso3, year, "
                "chairmanship, record_status, source and notes; remove: " + ", ".join(extra)
            )
        if not data.get("notes"):
            raise ValueError("a file with record_status 'unknown' needs a note saying why")
        return {
            **data,
            "year_evidence": {
                "confidence": "high",
                "evidence": "No record of participation: the file stands for the summit year "
                            "itself, the year this chairmanship's summit met.",
                "sources": [data.get("source")],
            },
            "attendance": {"summit": "unknown", "prep_meetings": "unknown"},
            "contributions": {"status": "unknown", "source": data.get("source")},
        }

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
    locality: Text | None = Field(default=None, description="Region or place within the country")
    venue: Text | None = Field(default=None, description="The building, as the source names it")
    venue_source: Id | None = None
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
    partners: Partners | None = None

    @model_validator(mode="after")
    def _lead_has_partners(self) -> StructuralRole:
        _partners_stated(self.role, self.partners)
        return self


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


# --- the method note ---------------------------------------------------------------------


class MethodSection(Strict):
    heading: Text
    text: Text


class MethodNote(Strict):
    """"How this record was built": the project's own reading, in plain words, cited as one
    source (`source`) wherever a record rests on that reading rather than on a public page."""

    source: Id
    title: Text
    sections: list[MethodSection] = Field(min_length=1)
