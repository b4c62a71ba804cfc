"""Every class of bad input gets a message naming the file, the line and the problem,
and the valid files beside it still load.

Each test breaks a fresh copy of the small fixture record (tests/fixtures/data), so the
lines and counts pinned here are those of that record and of the edit alone: a correction
to the real record never moves them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gfmd.store.loader import load_dataset
from tests.conftest import FIXTURE_DATA

Edit = Callable[[str, str, str], Path]
Y2009 = "participation/MAR/2009.yaml"
# The 2009 thematic meeting, one flow mapping in the fixture, written out key by key so
# that a problem's line is the line of its own key (start_date on 17, themes on 21, ...).
MEETING_FLOW = (
    "  - {role: co-chair, title: Meeting on skills, start_date: 2009-05-04, "
    "end_date: 2009-05-05, city: Rabat, country: Morocco, themes: [labour-mobility], "
    "source: profile-mar, partners: {status: unknown, source: method}}\n")
MEETING_BLOCK = """\
  - role: co-chair
    title: Meeting on skills
    start_date: 2009-05-04
    end_date: 2009-05-05
    city: Rabat
    country: Morocco
    themes: [labour-mobility]
    source: profile-mar
    partners: {status: unknown, source: method}
"""
YEARS = [(y.country_iso3, y.year) for y in load_dataset(FIXTURE_DATA).years]
ALL_BUT_2009 = sorted(set(YEARS) - {("MAR", 2009)})


def _only_problem(data_dir: Path) -> str:
    ds = load_dataset(data_dir)
    assert len(ds.problems) == 1, [str(p) for p in ds.problems]
    return str(ds.problems[0])


def _years(data_dir: Path) -> list[tuple[str, int]]:
    return sorted((y.country_iso3, y.year) for y in load_dataset(data_dir).years)


@pytest.fixture
def meeting_in_block_style(fixture_edit: Edit) -> None:
    fixture_edit(Y2009, MEETING_FLOW, MEETING_BLOCK)


def test_the_fixture_record_loads_clean() -> None:
    """What the tests below break: six country-years, five venues, no problem."""
    ds = load_dataset(FIXTURE_DATA)
    assert not ds.problems
    assert len(YEARS) == 6 and ("MAR", 2009) in YEARS and len(ds.venues) == 5


def test_unknown_field(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "    - {name: Test Member, title: Test director, source: news-a}\n",
                 "    - name: Test Member\n      title: Test director\n"
                 "      titel: Test director\n      source: news-a\n")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:12: delegation.members[0].titel: "
        "unknown field (check the spelling; see data/README.md for the fields)"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


def test_wrong_type(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "year: 2009", "year: two-thousand-nine")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:2: year: expected a whole number, "
        "found 'two-thousand-nine'"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


def test_unknown_role(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "{role: co-chair, rt_code", "{role: chair, rt_code")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:13: roundtable_roles[0].role: 'chair' is not an "
        "allowed value; use one of 'co-chair', 'team-member' or 'coordinator'"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


@pytest.mark.usefixtures("meeting_in_block_style")
def test_unknown_theme(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "    themes: [labour-mobility]\n", "    themes: [labour-mobilty]\n")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:21: thematic_meetings[0].themes[0]: unknown theme "
        "'labour-mobilty' (did you mean 'labour-mobility'?)"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


@pytest.mark.usefixtures("meeting_in_block_style")
def test_unknown_source(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "    source: profile-mar\n", "    source: profile-mr\n")
    problem = _only_problem(fixture_copy)
    assert problem.startswith("data/participation/MAR/2009.yaml:22: thematic_meetings[0].source:")
    assert "unknown source 'profile-mr'" in problem


def test_negative_amount(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "amount_usd: 10000", "amount_usd: -10000")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:19: contributions.items[0].amount_usd: "
        "input should be greater than or equal to 0 (found -10000)"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


@pytest.mark.usefixtures("meeting_in_block_style")
def test_end_date_before_start(fixture_edit: Edit, fixture_copy: Path) -> None:
    """A rule across two keys is reported at the line of the item they belong to."""
    fixture_edit(Y2009, "end_date: 2009-05-05", "end_date: 2009-05-03")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:15: thematic_meetings[0]: "
        "the end date 2009-05-03 is before the start date 2009-05-04"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


@pytest.mark.usefixtures("meeting_in_block_style")
def test_impossible_date(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "start_date: 2009-05-04", "start_date: 2009-04-31")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:17: thematic_meetings[0].start_date: "
        "'2009-04-31' is not a real calendar date"
    )


def test_year_outside_the_summit_list(fixture_copy: Path) -> None:
    text = (fixture_copy / Y2009).read_text().replace("year: 2009", "year: 2012")
    (fixture_copy / "participation/MAR/2012.yaml").write_text(text)
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2012.yaml:2: year: 2012 is not a GFMD summit year (summit "
        "years: 2009, 2010, 2011, 2013)"
    )
    assert _years(fixture_copy) == sorted(YEARS)


def test_two_files_for_the_same_country_and_year(fixture_copy: Path) -> None:
    (fixture_copy / "participation/MAR/2009.yml").write_text((fixture_copy / Y2009).read_text())
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yml:1: year: a second file for MAR 2009; "
        "data/participation/MAR/2009.yaml already holds it"
    )
    assert _years(fixture_copy) == sorted(YEARS)


def test_file_name_and_year_disagree(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "year: 2009", "year: 2010")
    problems = [str(p) for p in load_dataset(fixture_copy).problems]
    assert problems == [
        "data/participation/MAR/2009.yaml:2: year: the file is named 2009.yaml but says year: 2010"
    ]


def test_duplicate_key(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, 'chairmanship: "2009"\n', 'chairmanship: "2009"\nchairmanship: "2010"\n')
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:4: file: the key 'chairmanship' appears twice "
        "(first on line 3)"
    )


@pytest.mark.parametrize("value", ["no", "off", "n", "1:20"])
def test_yaml_1_1_surprises_are_not_read_as_other_types(fixture_edit: Edit, fixture_copy: Path,
                                                        value: str) -> None:
    fixture_edit(Y2009, "counts_as_new_money: true", f"counts_as_new_money: {value}")
    problem = _only_problem(fixture_copy)
    assert problem.startswith("data/participation/MAR/2009.yaml:19:")
    assert f"counts_as_new_money: expected true or false, found '{value}'" in problem


def test_an_unquoted_rt_code_is_refused_not_misread(fixture_edit: Edit,
                                                    fixture_copy: Path) -> None:
    fixture_edit(Y2009, 'rt_code: "1.1"', "rt_code: 1.10")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:13: roundtable_roles[0].rt_code: "
        "expected text, found 1.1; put the value in quotes"
    )


@pytest.mark.usefixtures("meeting_in_block_style")
def test_broken_yaml_syntax(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "    themes: [labour-mobility]\n", "    themes: [labour-mobility\n")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:22: file: not valid YAML: "
        "did not find expected ',' or ']'"
    )
    assert _years(fixture_copy) == ALL_BUT_2009


def test_object_construction_is_refused(fixture_copy: Path) -> None:
    (fixture_copy / Y2009).write_text("!!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml:1: file: the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in data files"
    )


def test_alias_bomb_is_bounded(fixture_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (fixture_copy / Y2009).write_text("\n".join(lines) + "\n")
    problem = _only_problem(fixture_copy)
    assert problem.startswith("data/participation/MAR/2009.yaml:")
    assert "more than 20 aliases" in problem


def test_oversized_file_is_refused_before_parsing(fixture_copy: Path) -> None:
    (fixture_copy / Y2009).write_text("# padding\n" * 60_000)
    problem = _only_problem(fixture_copy)
    assert problem.startswith("data/participation/MAR/2009.yaml: file: the file is 600,000 bytes")


def test_not_utf8(fixture_copy: Path) -> None:
    (fixture_copy / Y2009).write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert _only_problem(fixture_copy) == (
        "data/participation/MAR/2009.yaml: file: the file is not UTF-8 text (byte 10)"
    )


def test_several_broken_files_are_all_reported(fixture_edit: Edit, fixture_copy: Path) -> None:
    fixture_edit(Y2009, "year: 2009", "year: 20x9")
    fixture_edit("participation/MAR/2011.yaml", "amount_usd: 2500", "amount_usd: -1")
    fixture_edit("reference/summits.yaml", "city: Athens", "city: [Athens")
    ds = load_dataset(fixture_copy)
    files = sorted({p.path for p in ds.problems})
    assert files == [
        "data/participation/MAR/2009.yaml",
        "data/participation/MAR/2011.yaml",
        "data/reference/summits.yaml",
    ]
    assert _years(fixture_copy) == sorted(set(YEARS) - {("MAR", 2009), ("MAR", 2011)})


def test_a_bad_reference_item_costs_only_that_item(fixture_edit: Edit,
                                                   fixture_copy: Path) -> None:
    fixture_edit("reference/venues.yaml", "latitude: 37.9838", "latitude: 137.9838")
    ds = load_dataset(fixture_copy)
    assert [str(p) for p in ds.problems] == [
        "data/reference/venues.yaml:2: venues[0].latitude: "
        "input should be less than or equal to 90 (found 137.9838)"
    ]
    assert len(ds.venues) == 4 and len(ds.years) == len(YEARS)


def test_missing_data_directory(tmp_path: Path) -> None:
    ds = load_dataset(tmp_path / "nowhere")
    assert [str(p) for p in ds.problems] == [
        f"{tmp_path / 'nowhere'}: data directory: does not exist or is not a directory"
    ]
    assert ds.years == ()
