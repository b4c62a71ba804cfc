"""User-facing text: counted phrases agree with their number ("1 row", "2 rows"), never
"row(s)". That every id exists is tests/test_catalogue.py."""

from __future__ import annotations

import pytest

from gfmd.store.scope import load_scoped
from gfmd.tables import aggregate
from gfmd.tables.build import build_all
from gfmd.tables.filters import Filters
from gfmd.tables.summary import summary_paragraph
from gfmd.text.messages import EN, tn
from tests.conftest import ROOT


def test_no_message_hedges_its_plural() -> None:
    assert [k for k, v in EN.items() if "(s)" in v] == []


@pytest.mark.parametrize(("count", "expected"), [(0, "0 rows shown."), (1, "1 row shown."),
                                                 (2, "2 rows shown.")])
def test_counted_phrase_agrees_with_its_number(count: int, expected: str) -> None:
    assert tn("common.rows", count) == expected


def test_summary_of_a_single_year_speaks_in_the_singular() -> None:
    ds = load_scoped(ROOT / "data")
    tables = build_all(ds)
    f = Filters(years=(2009, 2009))
    h = aggregate.headline(f.apply(tables["participation"]), f.apply(tables["roundtables"]),
                           f.apply(tables["thematic_meetings"]),
                           f.apply(tables["contributions"]), tables["summits"], f.years)
    assert summary_paragraph(h, ds).startswith(
        "In 2009, Morocco attended 1 of the 1 GFMD summit held, "
        "co-chaired 1 roundtable and sat on 0 roundtable teams, "
        "took part in 0 thematic meetings")
