"""Since the last forum: the latest summit, what the record holds for the scoped country
there, each summit since its last known role and whether its participation is recorded,
and the next summit (unknown unless a source names it).

The facts only: `gfmd.briefing` writes them, in the same words for the Overview and
the briefing note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gfmd.record.dataset import Dataset
from gfmd.record.forum import structural_years
from gfmd.record.models import ParticipationYear
from gfmd.record.reference import Summit
from gfmd.record.vocab import Attendance, RecordStatus, StructuralRoleKind


@dataclass(frozen=True)
class SummitRecord:
    """One summit and the country's record for its year (None: no file for that year)."""

    summit: Summit
    record: ParticipationYear | None

    @property
    def recorded(self) -> bool:
        return self.record is not None and self.record.record_status is RecordStatus.RECORDED

    @property
    def attended(self) -> bool:
        return self.recorded and self.record.attendance.summit is Attendance.YES  # type: ignore[union-attr]


@dataclass(frozen=True)
class SinceLastForum:
    latest: SummitRecord | None  # the most recent summit held
    last_role_year: int | None  # the last year the country held a role in the Forum
    since: tuple[SummitRecord, ...]  # every summit after that year, in order
    next_summit: Summit | None  # a later summit a source names; None: unknown


def _role_years(ds: Dataset) -> list[int]:
    """Years the country led or sat on something: roundtable roles, co-chaired meetings,
    the Forum's co-chairmanship."""
    years = [r.year for r in ds.years if r.roundtable_roles or r.other_meetings]
    return [*years, *structural_years(ds, StructuralRoleKind.CO_CHAIR)]


def since_last_forum(ds: Dataset) -> SinceLastForum:
    """What the record says since the country's last role, up to the latest summit."""
    by_year = {r.year: r for r in ds.years}
    held = sorted((s for s in ds.summits if s.year is not None), key=lambda s: s.number)
    records = [SummitRecord(s, by_year.get(s.year)) for s in held]  # type: ignore[arg-type]
    latest = records[-1] if records else None
    roles = _role_years(ds)
    last_role = max(roles) if roles else None
    since = tuple(r for r in records if last_role is None or r.summit.year > last_role)
    later = [s for s in ds.summits if latest and s.number > latest.summit.number]
    return SinceLastForum(latest, last_role, since, later[0] if later else None)


def last_forum_date(ds: Dataset) -> dt.date | None:
    """The day the latest summit opened (1 January of its year when its dates are not
    known): "since the last forum" starts there. None when no summit has met."""
    latest = since_last_forum(ds).latest
    if latest is None:
        return None
    summit = latest.summit
    return summit.start_date or dt.date(summit.year, 1, 1)  # type: ignore[arg-type]
