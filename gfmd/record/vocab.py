"""The dashboard's vocabulary: every coded value a data file or a table may hold.

One enum per idea, so a role, a meeting kind or a money status is never a bare string in
the code. Labels a reader sees come from the message catalogue (`label()`), keyed by the
enum's family and value, so the catalogue test can prove each label exists.
"""

from __future__ import annotations

from enum import StrEnum

from gfmd.text.messages import t


class Role(StrEnum):
    """Every role Morocco can hold in a roundtable or a meeting, in display order."""

    CO_CHAIR = "co-chair"
    CO_CONVENER = "co-convener"
    TEAM_MEMBER = "team-member"
    COORDINATOR = "coordinator"
    ORGANISER = "organiser"
    PARTICIPATED = "participated"
    ATTENDED = "attended"


class RoundtableRole(StrEnum):
    """The roles a roundtable entry may state (a subset of `Role`)."""

    CO_CHAIR = Role.CO_CHAIR.value
    TEAM_MEMBER = Role.TEAM_MEMBER.value
    COORDINATOR = Role.COORDINATOR.value


class MeetingRole(StrEnum):
    """The roles a thematic meeting entry may state (a subset of `Role`)."""

    CO_CHAIR = Role.CO_CHAIR.value
    CO_CONVENER = Role.CO_CONVENER.value
    ORGANISER = Role.ORGANISER.value
    PARTICIPATED = Role.PARTICIPATED.value
    ATTENDED = Role.ATTENDED.value


# Roles that make the country one of a meeting's leads: its partners must then be stated.
LEAD_ROLES = frozenset({Role.CO_CHAIR, Role.CO_CONVENER, Role.ORGANISER})


class OtherMeetingKind(StrEnum):
    """Co-chaired GFMD meetings that are not roundtables, counted apart from them."""

    PFP_MEETING = "pfp-meeting"


class PartnersStatus(StrEnum):
    """Whether a source names the other governments of a role: named, none, or unknown."""

    NAMED = "named"
    NONE = "none"
    UNKNOWN = "unknown"


class RecordStatus(StrEnum):
    """Whether a summit year's participation is recorded, or no source says."""

    RECORDED = "recorded"
    UNKNOWN = "unknown"


class SideEventRole(StrEnum):
    CO_SPONSOR = "co-sponsor"
    ORGANISER = "organiser"
    SPEAKER = "speaker"


class MeetingKind(StrEnum):
    """What an engagement is: the `kind` column of the engagements table."""

    ROUNDTABLE = "roundtable"
    THEMATIC_MEETING = "thematic-meeting"
    SUMMIT = "summit"
    PREPARATORY_MEETING = "preparatory-meeting"
    OTHER_MEETING = "other-meeting"
    PFP_MEETING = "pfp-meeting"
    CO_CHAIRMANSHIP = "co-chairmanship"


class Attendance(StrEnum):
    YES = "yes"
    UNKNOWN = "unknown"


class ContributionKind(StrEnum):
    NON_EARMARKED = "non-earmarked"
    EARMARKED = "earmarked"
    CARRY_OVER = "carry-over"
    UNSPECIFIED = "unspecified"


class ContributionStatus(StrEnum):
    """What the profile says of money: an amount, a stated none, or nothing (unknown)."""

    AMOUNT = "amount"
    NONE = "none"
    UNKNOWN = "unknown"


class StructuralRoleKind(StrEnum):
    """A country's place in the Forum's own structure."""

    CO_CHAIR = "co-chair"
    TROIKA = "troika"
    FRIENDS_OF_THE_FORUM = "friends-of-the-forum"
    STEERING_GROUP = "steering-group"


class HeldStatus(StrEnum):
    HELD = "held"
    UNKNOWN = "unknown"


class RoundtableParticipation(StrEnum):
    """Whether a year's record lists roundtable roles, states none, or says nothing."""

    ROLES = "roles"
    NONE_STATED = "none stated"
    UNKNOWN = "unknown"


class ProposalKind(StrEnum):
    """What a proposed change adds to or corrects in the record (`gfmd.changes.proposals`)."""

    PARTICIPATION = "participation"  # a summit year's attendance, for a year not yet recorded
    MEETING = "meeting"  # a thematic meeting
    DELEGATION = "delegation"  # the head and members of the summit delegation
    ROLE = "role"  # a roundtable entry
    CORRECTION = "correction"  # one field of an existing record


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


# Message-id family of each enum whose values a reader sees: `label(Role.CO_CHAIR)` is
# the message "role.co-chair".
FAMILIES: dict[type[StrEnum], str] = {
    Role: "role",
    RoundtableRole: "role",
    MeetingRole: "role",
    MeetingKind: "kind",
    ContributionStatus: "money",
    ContributionKind: "money.kind",
    StructuralRoleKind: "structure.role",
    SideEventRole: "role",
    ProposalKind: "proposal.kind",
    ProposalStatus: "proposal.status",
}


def label(value: StrEnum) -> str:
    """The reader's word for a coded value, from the message catalogue."""
    return t(f"{FAMILIES[type(value)]}.{value.value}")


def role_label(value: str) -> str:
    """Label of a role held as text (a table cell)."""
    return label(Role(value))


def kind_label(value: str) -> str:
    """Label of a meeting kind held as text (a table cell)."""
    return label(MeetingKind(value))
