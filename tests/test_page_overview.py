"""Overview page: headline figures, summary, timeline, structure, under filters and URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, tables, texts


def test_headline_figures_for_the_whole_record() -> None:
    at = run_page()
    assert metrics(at) == {
        "Summits attended": "13 of 15",
        "Co-chaired roundtables": "9",
        "Team memberships": "9",
        "Thematic meetings": "12",
        "New money (USD)": "257,622",
    }
    notes = texts(at)
    assert "exclude the Platform for Partnerships meeting Morocco co-chaired" in notes
    assert "Participation not recorded in the sources for 2021 and 2024" in notes
    assert "New money excludes carry\\-over" not in texts(at)  # captions are plain text
    assert "New money excludes carry-over (48,342 USD)" in texts(at)


def test_summary_paragraph_is_generated_from_the_data() -> None:
    at = run_page()
    summary = at.markdown[0].value.replace("\\", "")
    assert summary.startswith("Between 2007 and 2025, Morocco attended 13 of the 15 GFMD "
                              "summits held, co-chaired 9 roundtables plus the Platform for "
                              "Partnerships meeting and sat on 9 roundtable teams")
    assert ("USD 257,622 in new money (carry-over excluded); amounts for 2007, 2017, "
            "2020–2021 and 2024–2025 are unknown") in summary
    assert "Participation in the summits of 2021 and 2024 is not recorded" in summary
    assert summary.endswith("Morocco co-chaired the GFMD with Germany in 2017–2018.")


def test_timeline_spec_has_roles_meetings_money_and_co_chair_band() -> None:
    spec = plotly_spec(run_page())
    traces = {tr["name"]: tr for tr in spec["data"]}
    assert list(traces) == ["Co-chair", "Team member", "Coordinator", "Thematic meetings",
                            "New money (USD)", "Amount unknown", "Troika year (dotted box)",
                            "not recorded"]
    assert traces["Co-chair"]["x"] == [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016,
                                       2017, 2018, 2020, 2021, 2024, 2025]
    assert traces["Co-chair"]["y"] == [1, 0, 1, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert traces["New money (USD)"]["y"] == [0, 0, 0, 0, 0, 0, 0, 0, 50000, 0, 207622,
                                              0, 0, 0, 0]
    assert traces["Amount unknown"]["x"] == [2007, 2017, 2020, 2021, 2024, 2025]
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert notes.count("not recorded") == 2  # 2021 and 2024: unknown, never a gap
    shapes = spec["layout"]["shapes"]
    bands = [(s["x0"], s["x1"]) for s in shapes if s.get("line", {}).get("width") == 0]
    assert (2016.5, 2017.5) in bands and (2017.5, 2018.5) in bands
    troika = [s for s in shapes if s.get("line", {}).get("dash") == "dot"]
    assert len(troika) == 4  # 2016, 2017, 2018 and 2020


def test_timeline_margins_are_fixed_not_grown_by_plotly() -> None:
    """Plotly's automargin (on in every template, Streamlit's too) lays four axes out
    several times over on every filter change; the timeline's margins are set instead,
    wide enough for the USD ticks and upright years on a phone."""
    layout = plotly_spec(run_page())["layout"]
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
    assert sorted(axes) == ["xaxis", "xaxis2", "yaxis", "yaxis2"]
    assert all(layout[k]["automargin"] is False for k in axes)
    assert (layout["margin"]["l"], layout["margin"]["b"]) == (84, 48)


def test_year_filter_from_the_url_narrows_every_figure() -> None:
    at = run_page(params={"years": ["2010", "2012"]})
    assert at.slider[0].value == (2010, 2012)
    assert metrics(at) == {
        "Summits attended": "3 of 3",
        "Co-chaired roundtables": "4",
        "Team memberships": "3",
        "Thematic meetings": "2",
        "New money (USD)": "0",
    }
    spec = plotly_spec(at)
    assert spec["data"][0]["x"] == [2010, 2011, 2012]


def test_role_filter_from_the_url() -> None:
    at = run_page(params={"role": ["Team member"]})
    assert at.multiselect[0].value == ["team-member"]
    assert metrics(at)["Co-chaired roundtables"] == "0"
    assert metrics(at)["Team memberships"] == "9"


def test_malformed_url_values_fall_back_with_a_notice() -> None:
    at = run_page(params={"years": ["abc"], "role": ["Boss"], "theme": ["Nonsense"]})
    assert at.slider[0].value == (2007, 2025)
    assert at.multiselect[0].value == []
    notice = at.info[0].value.replace("\\", "")
    assert "years 'abc' is not a year range, so all years are shown" in notice
    assert "'Boss' is not a known role and was dropped" in notice
    assert "'Nonsense' is not a known theme and was dropped" in notice
    assert metrics(at)["Summits attended"] == "13 of 15"


def test_reversed_year_range_is_swapped_with_a_notice() -> None:
    at = run_page(params={"years": ["2016", "2010"]})
    assert "years 2016–2010 is reversed, so 2010–2016 is shown" in at.info[0].value.replace("\\", "")
    assert metrics(at)["Summits attended"] == "6 of 6"


def test_structure_panel_and_structural_roles() -> None:
    body = texts(run_page()).replace("\\", "")
    assert "**Troika**: The former, current and next chair" in body
    assert "**Co-chair of the GFMD** (2017–2018)" in body
    assert "**Steering Group** (unknown): Steering Group membership years are not recorded" in body
    assert "Participation not recorded in the sources for 2021 and 2024" in body


def test_since_the_last_forum_names_the_latest_summit_and_what_is_unknown() -> None:
    at = run_page()
    assert [h.value for h in at.header] == ["Summary", "Since the last forum",
                                            "Engagement by year", "How the GFMD works",
                                            "Morocco's roles in the Forum's structure",
                                            "Filters"]  # the last one is the sidebar's
    body = texts(at).replace("\\", "")
    # The latest summit, in the briefing note's words: attendance, the delegation's head,
    # side events by role, the statement, and whether money that year is known.
    assert ("15th Summit, Riohacha, Colombia, 2–4 September 2025 (chair: Colombia): "
            "Morocco attended. Its delegation was led by Farida Loudaya, Ambassador of "
            "Morocco to Colombia and Ecuador, with two other members named. It co-sponsored "
            "two side events. Statement by Farida Loudaya, head of the delegation, in "
            "substance: The King's leadership on migration was recognised by the African "
            "Union in 2017") in body
    assert "Any contribution that year is not recorded." in body
    assert "**Theme:** “Regular Migration, Labour Mobility and Human Rights" in body
    # Each summit since the country's last role: attended, or not recorded (never absent).
    assert "**Since Morocco's last role in the Forum (2018):**" in body
    assert ("- 12th Summit, Quito, Ecuador, 20–24 January 2020 (chair: Ecuador): Morocco "
            "attended.\n- 13th Summit, online, 18–26 January 2021 (chair: the United Arab "
            "Emirates): no source records whether Morocco took part; not recorded, not "
            "absent.\n- 14th Summit, Geneva, Switzerland, 23–25 January 2024 (chair: France): "
            "no source records whether Morocco took part; not recorded, not absent.\n"
            "- 15th Summit, Riohacha, Colombia, 2–4 September 2025 (chair: Colombia): "
            "Morocco attended.") in body
    assert "no source names a chair, a date or a venue for the 16th Summit: unknown" in body
    # The sources of every sentence above, by title, in the caption under the section.
    caption = next(c.value for c in at.caption if "Moroccan delegation in Colombia" in c.value)
    for title in ("The Moroccan delegation in Colombia highlights the King's leadership",
                  "How this record was built", "Con la asistencia de más de 1.500 personas",
                  "MAP Express"):
        assert title in caption.replace("\\", "")
    assert "shared/" not in body and "GFMD dashboard project" not in body


def test_invalid_data_shows_the_banner_and_the_valid_years(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = data_copy / "participation/MAR/2016.yaml"
    bad.write_text(bad.read_text().replace("amount_usd: 50000", "amount_usd: -50000"))
    at = run_page(data_dir=data_copy, monkeypatch=monkeypatch)
    assert "1 data problem:" in at.error[0].value
    assert at.code[0].value == ("data/participation/MAR/2016.yaml:86: contributions.items[0].amount_usd: "
                                "input should be greater than or equal to 0 (found -50000)")
    assert metrics(at)["Summits attended"] == "12 of 15"
    assert metrics(at)["New money (USD)"] == "207,622"


def test_table_view_is_drawn_only_once_opened() -> None:
    at = run_page()
    assert [e.label for e in at.expander] == ["Table view"]
    assert len(tables(at)) == 0 and not at.get("download_button")
    at.session_state["timeline-view"] = True  # what a click on the expander does
    at.run()
    table = table_frame(at, 0)
    assert table["year"].tolist() == ["2007", "2008", "2009", "2010", "2011", "2012",
                                      "2014", "2015", "2016", "2017", "2018", "2020", "2021",
                                      "2024", "2025"]
    assert table["contribution_status"].tolist()[:2] == ["Amount unknown",
                                                         "No contribution (stated)"]
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download CSV", "Download Excel", "Download JSON"]
