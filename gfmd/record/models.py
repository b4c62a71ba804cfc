"""The participation record: one pydantic model per part of a year's file
(`participation/<ISO3>/<year>.yaml`), strict by design.

Cross-file rules (known themes, sources, summit years) live in `loader.py`; reference
files are modelled in `reference_models.py`, shared building blocks in `model_types.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    NonNegativeInt,
    StringConstraints,
    model_validator,
)

from gfmd.record.types import (
    ISO3,
    AttendanceValue,
    Chairmanship,
    ContributionKindValue,
    ContributionStatusValue,
    Id,
    IsoDate,
    MeetingRoleValue,
    Note,
    OtherMeetingKindValue,
    Partners,
    RecordStatusValue,
    RoundtableRoleValue,
    RtCode,
    SideEventRoleValue,
    Strict,
    Text,
    Translatable,
    _partners_stated,
)
from gfmd.record.vocab import ContributionKind, ContributionStatus, RecordStatus


class RoundtableEntry(Strict):
    role: RoundtableRoleValue
    rt_code: RtCode | None = None
    title: Text
    as_written: Text | None = Field(
        default=None, description="The profile's line, kept when it differs from the title"
    )
    themes: list[Id] = Field(min_length=1)
    notes: list[Note] = Field(default_factory=list)
    partners: Partners | None = None

    @model_validator(mode="after")
    def _lead_has_partners(self) -> RoundtableEntry:
        _partners_stated(self.role.value, self.partners)
        return self


class OtherMeeting(Translatable):
    """A co-chaired GFMD meeting that is not a roundtable, e.g. a Platform for Partnerships
    meeting: its own kind, so co-chaired roundtables are never overcounted."""

    kind: OtherMeetingKindValue
    role: RoundtableRoleValue
    title: Text = Field(description="The correct name; the profile's spelling is in as_written")
    as_written: Text | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id
    partners: Partners | None = None
    notes: list[Note] = Field(default_factory=list)

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
    notes: list[Note] = Field(default_factory=list)
    other_roles: list[SourcedRole] = Field(
        default_factory=list, description="Roles other sources state, each with its source"
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


class ContributionItem(Translatable):
    amount_usd: NonNegativeInt | None = None
    kind: ContributionKindValue
    as_written: Text
    counts_as_new_money: bool
    reason: Text | None = Field(
        default=None, description="Why this money is or is not new; required when it is not"
    )
    source: Id
    notes: list[Note] = Field(default_factory=list)

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
    items: list[ContributionItem] = Field(default_factory=list)
    source: Id
    notes: list[Note] = Field(default_factory=list)

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
    other: list[Text] = Field(default_factory=list,
                              description="Other 'Attended …' lines, as written")
    notes: list[Note] = Field(default_factory=list)


class YearEvidence(Strict):
    """Why this record belongs to this summit year (the profile's dump lost its headings)."""

    profile_position: int | None = Field(
        default=None, ge=1, description="Position in the profile; None if not from the profile"
    )
    confidence: Literal["low", "medium", "medium-high", "high"]
    evidence: Text
    sources: list[Id] = Field(min_length=1)


class DelegationMember(Translatable):
    """A person on a delegation. `translations.ar.name` is the name in Arabic script, as a
    public source spells it; `gender` is the person's grammatical gender, which French and
    Arabic sentences agree with (verb, title, civility); unknown (None), a sentence avoids
    gendered forms."""

    name: Text
    title: Text | None = Field(default=None, description="Office as the source gives it")
    gender: Literal["female", "male"] | None = Field(
        default=None, description="Grammatical gender, as the source shows it; None: unknown")
    source: Id


class Delegation(Strict):
    """Who represented the country at the summit: its head and the members a source names."""

    head: DelegationMember | None = Field(default=None, description="None: no head named")
    members: list[DelegationMember] = Field(default_factory=list)
    source: Id
    notes: list[Note] = Field(default_factory=list)


class SideEvent(Strict):
    """A summit side event the country took part in; `title: null` means not found."""

    role: SideEventRoleValue
    title: Text | None = None
    source: Id
    notes: list[Note] = Field(default_factory=list)


class Statement(Translatable):
    """What a delegation said, paraphrased point by point, with its source."""

    date: IsoDate | None = None
    speaker: Text | None = None
    points: list[Text] = Field(min_length=1)
    source: Id
    notes: list[Note] = Field(default_factory=list)


class ContextEvent(Translatable):
    """An event shown beside the GFMD record for context, never counted as a GFMD meeting."""

    title: Text
    in_sentence: Text | None = Field(
        default=None, description="The title as a sentence names it, with the article "
        "its language and gender take ('the Intergovernmental Conference…', « la "
        "Conférence intergouvernementale… »); None: the title as it stands")
    organiser: Text
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    city: Text | None = None
    country: Text | None = None
    gfmd_meeting: Literal[False] = Field(description="Always false: stated so no view counts it")
    source: Id
    notes: list[Note] = Field(default_factory=list)


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
    roundtable_roles: list[RoundtableEntry] = Field(default_factory=list)
    no_roundtable_participation: bool = False
    other_meetings: list[OtherMeeting] = Field(default_factory=list)
    thematic_meetings: list[ThematicMeeting] = Field(default_factory=list)
    side_events: list[SideEvent] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    contributions: Contributions
    context_events: list[ContextEvent] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

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
