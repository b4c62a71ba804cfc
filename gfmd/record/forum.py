"""The scoped country's place in the Forum's own structure: the years it co-chaired the
GFMD and with whom, its Troika years. Read by the overview, its summary and briefings."""

from __future__ import annotations

from dataclasses import dataclass

from gfmd.record.dataset import Dataset
from gfmd.record.vocab import StructuralRoleKind


def structural_years(ds: Dataset, kind: StructuralRoleKind) -> list[int]:
    """Years the scoped country held a structural role of `kind`, in order."""
    country = ds.country
    if country is None:
        return []
    return sorted({y for r in country.structural_roles if r.role == kind for y in r.years})


@dataclass(frozen=True)
class CoChairmanship:
    """Years the country co-chaired the Forum, the other chairs, and who says so."""

    years: tuple[int, ...]
    partners: tuple[str, ...]
    sources: tuple[str, ...]


def co_chairmanship(ds: Dataset) -> CoChairmanship | None:
    """The scoped country's co-chairmanship of the GFMD, or None if it held none.

    Partners are the other chairs of the summits of those years, as the summit list
    names them.
    """
    country = ds.country
    if country is None:
        return None
    roles = [r for r in country.structural_roles
             if r.role == StructuralRoleKind.CO_CHAIR and r.years]
    years = sorted({y for r in roles for y in r.years})
    if not years:
        return None
    summits = [s for s in ds.summits if s.year in years]
    partners = sorted({c for s in summits for c in s.chairs if c != country.name})
    sources = [*(r.source for r in roles), *(s.source for s in summits)]
    return CoChairmanship(tuple(years), tuple(partners), tuple(dict.fromkeys(sources)))
