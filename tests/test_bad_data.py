"""Every class of bad input gets a message naming the file, the line and the problem,
and the valid files beside it still load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gfmd.store.loader import load_dataset

Edit = Callable[[str, str, str], Path]
Y2011 = "participation/MAR/2011.yaml"


def _only_problem(data_dir: Path) -> str:
    ds = load_dataset(data_dir)
    assert len(ds.problems) == 1, [str(p) for p in ds.problems]
    return str(ds.problems[0])


def _years(data_dir: Path) -> list[int]:
    return [y.year for y in load_dataset(data_dir).years]


ALL_BUT_2011 = [2007, 2008, 2009, 2010, 2012, 2014, 2015, 2016, 2017, 2018, 2020, 2021, 2024,
                2025]


def test_unknown_field(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "    rt_code: \"3.2\"\n", "    rt_code: \"3.2\"\n    rt_cod: \"3.2\"\n")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:19: roundtable_roles[0].rt_cod: "
        "unknown field (check the spelling; see data/README.md for the fields)"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_wrong_type(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "year: 2011", "year: twenty-eleven")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:3: year: expected a whole number, found 'twenty-eleven'"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_unknown_role(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "  - role: co-chair\n    rt_code", "  - role: chair\n    rt_code")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:17: roundtable_roles[0].role: 'chair' is not an "
        "allowed value; use one of 'co-chair', 'team-member' or 'coordinator'"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_unknown_theme(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "themes: [diaspora-development]", "themes: [diaspora-developmnt]")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:70: thematic_meetings[1].themes[0]: unknown theme "
        "'diaspora-developmnt' (did you mean 'diaspora-development'?)"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_unknown_source(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "source: cmi-marseille-2011", "source: cmi-marseile")
    problem = _only_problem(data_copy)
    assert problem.startswith("data/participation/MAR/2011.yaml:50: thematic_meetings[0].notes[0].source:")
    assert "unknown source 'cmi-marseile'" in problem


def test_negative_amount(edit: Edit, data_copy: Path) -> None:
    edit("participation/MAR/2016.yaml", "amount_usd: 50000", "amount_usd: -50000")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2016.yaml:86: contributions.items[0].amount_usd: "
        "input should be greater than or equal to 0 (found -50000)"
    )
    assert 2016 not in _years(data_copy) and len(_years(data_copy)) == 14


def test_end_date_before_start(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "end_date: 2011-06-15", "end_date: 2011-06-13")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:39: thematic_meetings[0]: "
        "the end date 2011-06-13 is before the start date 2011-06-14"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_impossible_date(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "start_date: 2011-06-14", "start_date: 2011-06-31")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:42: thematic_meetings[0].start_date: "
        "'2011-06-31' is not a real calendar date"
    )


def test_year_outside_the_summit_list(data_copy: Path) -> None:
    text = (data_copy / Y2011).read_text().replace("year: 2011", "year: 2013")
    (data_copy / "participation/MAR/2013.yaml").write_text(text)
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2013.yaml:3: year: 2013 is not a GFMD summit year (summit "
        "years: 2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018, 2020, 2021, 2024, 2025)"
    )
    assert len(_years(data_copy)) == 15


def test_two_files_for_the_same_country_and_year(data_copy: Path) -> None:
    (data_copy / "participation/MAR/2011.yml").write_text((data_copy / Y2011).read_text())
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yml:1: year: a second file for MAR 2011; "
        "data/participation/MAR/2011.yaml already holds it"
    )
    assert len(_years(data_copy)) == 15


def test_file_name_and_year_disagree(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "year: 2011", "year: 2012")
    problems = [str(p) for p in load_dataset(data_copy).problems]
    assert problems == [
        "data/participation/MAR/2011.yaml:3: year: the file is named 2011.yaml but says year: 2012"
    ]


def test_duplicate_key(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "chairmanship: \"2011\"\n", "chairmanship: \"2011\"\nchairmanship: \"2012\"\n")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:5: file: the key 'chairmanship' appears twice "
        "(first on line 4)"
    )


@pytest.mark.parametrize("value", ["no", "off", "n", "1:20"])
def test_yaml_1_1_surprises_are_not_read_as_other_types(edit: Edit, data_copy: Path,
                                                        value: str) -> None:
    edit("participation/MAR/2017.yaml", "in_profile: false", f"in_profile: {value}")
    problem = _only_problem(data_copy)
    assert problem.startswith("data/participation/MAR/2017.yaml:")
    assert f"in_profile: expected true or false, found '{value}'" in problem


def test_an_unquoted_rt_code_is_refused_not_misread(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, 'rt_code: "3.2"', "rt_code: 3.20")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:18: roundtable_roles[0].rt_code: "
        "expected text, found 3.2; put the value in quotes"
    )


def test_broken_yaml_syntax(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "themes: [diaspora-development]", "themes: [diaspora-development")
    problem = _only_problem(data_copy)
    assert problem == (
        "data/participation/MAR/2011.yaml:71: file: not valid YAML: did not find expected ',' or ']'"
    )
    assert _years(data_copy) == ALL_BUT_2011


def test_object_construction_is_refused(data_copy: Path) -> None:
    (data_copy / Y2011).write_text("!!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml:1: file: the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in data files"
    )


def test_alias_bomb_is_bounded(data_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (data_copy / Y2011).write_text("\n".join(lines) + "\n")
    problem = _only_problem(data_copy)
    assert problem.startswith("data/participation/MAR/2011.yaml:")
    assert "more than 20 aliases" in problem


def test_oversized_file_is_refused_before_parsing(data_copy: Path) -> None:
    (data_copy / Y2011).write_text("# padding\n" * 60_000)
    problem = _only_problem(data_copy)
    assert problem.startswith("data/participation/MAR/2011.yaml: file: the file is 600,000 bytes")


def test_not_utf8(data_copy: Path) -> None:
    (data_copy / Y2011).write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert _only_problem(data_copy) == (
        "data/participation/MAR/2011.yaml: file: the file is not UTF-8 text (byte 10)"
    )


def test_several_broken_files_are_all_reported(edit: Edit, data_copy: Path) -> None:
    edit(Y2011, "year: 2011", "year: 20x1")
    edit("participation/MAR/2016.yaml", "amount_usd: 50000", "amount_usd: -1")
    edit("reference/summits.yaml", "city: Berlin", "city: [Berlin")
    ds = load_dataset(data_copy)
    files = sorted({p.path for p in ds.problems})
    assert files == [
        "data/participation/MAR/2011.yaml",
        "data/participation/MAR/2016.yaml",
        "data/reference/summits.yaml",
    ]
    assert [y.year for y in ds.years] == [2007, 2008, 2009, 2010, 2012, 2014, 2015, 2017, 2018,
                                         2020, 2021, 2024, 2025]


def test_a_bad_reference_item_costs_only_that_item(edit: Edit, data_copy: Path) -> None:
    edit("reference/venues.yaml", "latitude: 13.7563", "latitude: 113.7563")
    ds = load_dataset(data_copy)
    assert [str(p) for p in ds.problems] == [
        "data/reference/venues.yaml:18: venues[14].latitude: "
        "input should be less than or equal to 90 (found 113.7563)"
    ]
    assert len(ds.venues) == 19 and len(ds.years) == 15


def test_missing_data_directory(tmp_path: Path) -> None:
    ds = load_dataset(tmp_path / "nowhere")
    assert [str(p) for p in ds.problems] == [
        f"{tmp_path / 'nowhere'}: data directory: does not exist or is not a directory"
    ]
    assert ds.years == ()
