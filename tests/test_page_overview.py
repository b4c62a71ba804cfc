"""Overview page: headline figures, summary, timeline, structure, under filters and URLs.

The figures and the words around them are checked on the small fixture record
(tests/fixtures/data), whose numbers a correction to the real record never moves; the
timeline, the structure panel and the latest summit are read once from the real record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, tables, texts
from tests.conftest import FIXTURE_DATA

Y2009 = "participation/MAR/2009.yaml"


@pytest.fixture
def on_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the app at the fixture record for one test."""
    monkeypatch.setenv("GFMD_DATA_DIR", str(FIXTURE_DATA))


@pytest.fixture(scope="module")
def fixture_overview() -> AppTest:
    """The overview of the fixture record, run once for the tests that only read it (the
    data directory is pointed back at once: the run is over)."""
    with pytest.MonkeyPatch.context() as mp:
        return run_page(data_dir=FIXTURE_DATA, monkeypatch=mp)


@pytest.fixture(scope="module")
def overview() -> AppTest:
    """The overview of the real record, run once for the tests that only read it."""
    return run_page()


def test_headline_figures_for_the_whole_record(fixture_overview: AppTest) -> None:
    assert metrics(fixture_overview) == {
        "Summits attended": "2 of 4",
        "Co-chaired roundtables": "1",
        "Team memberships": "2",
        "Thematic meetings": "2",
        "New money (USD)": "10,000",
    }
    notes = texts(fixture_overview)
    assert "Participation not recorded in the sources for 2013" in notes
    assert "New money excludes carry\\-over" not in notes  # captions are plain text
    assert "New money excludes carry-over (2,500 USD)" in notes


def test_summary_paragraph_is_generated_from_the_data(fixture_overview: AppTest) -> None:
    summary = fixture_overview.markdown[0].value.replace("\\", "")
    assert summary == (
        "Between 2009 and 2013, Morocco attended 2 of the 4 GFMD summits held, co-chaired "
        "1 roundtable and sat on 2 roundtable teams, took part in 2 thematic meetings and "
        "contributed USD 10,000 in new money (carry-over excluded); amounts for 2011 and "
        "2013 are unknown. Participation in the summit of 2013 is not recorded in the "
        "sources: unknown, not absent. Morocco co-chaired the GFMD with Germany in 2011.")


def test_a_meeting_outside_the_roundtables_is_counted_apart_in_words(overview: AppTest) -> None:
    """The real record's Platform for Partnerships meeting (the fixture has none like it):
    named beside the roundtable count, in the summary and under the figures."""
    assert "exclude the Platform for Partnerships meeting Morocco co-chaired" in texts(overview)
    summary = overview.markdown[0].value.replace("\\", "")
    assert "co-chaired 9 roundtables plus the Platform for Partnerships meeting" in summary
    assert summary.endswith("Morocco co-chaired the GFMD with Germany in 2017–2018.")


def test_timeline_spec_has_roles_meetings_money_and_co_chair_band(overview: AppTest) -> None:
    spec = plotly_spec(overview)
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


def test_timeline_margins_are_fixed_not_grown_by_plotly(overview: AppTest) -> None:
    """Plotly's automargin (on in every template, Streamlit's too) lays four axes out
    several times over on every filter change; the timeline's margins are set instead,
    wide enough for the USD ticks and upright years on a phone."""
    layout = plotly_spec(overview)["layout"]
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
    assert sorted(axes) == ["xaxis", "xaxis2", "yaxis", "yaxis2"]
    assert all(layout[k]["automargin"] is False for k in axes)
    assert (layout["margin"]["l"], layout["margin"]["b"]) == (84, 48)


@pytest.mark.usefixtures("on_fixture")
def test_year_filter_from_the_url_narrows_every_figure() -> None:
    at = run_page(params={"years": ["2010", "2011"]})
    assert at.slider[0].value == (2010, 2011)
    assert metrics(at) == {
        "Summits attended": "1 of 2",
        "Co-chaired roundtables": "0",
        "Team memberships": "2",
        "Thematic meetings": "1",
        "New money (USD)": "0",
    }
    spec = plotly_spec(at)
    assert spec["data"][0]["x"] == [2010, 2011]


@pytest.mark.usefixtures("on_fixture")
def test_role_filter_from_the_url() -> None:
    at = run_page(params={"role": ["Team member"]})
    assert at.multiselect[0].value == ["team-member"]
    assert metrics(at)["Co-chaired roundtables"] == "0"
    assert metrics(at)["Team memberships"] == "2"


@pytest.mark.usefixtures("on_fixture")
def test_malformed_url_values_fall_back_with_a_notice() -> None:
    at = run_page(params={"years": ["abc"], "role": ["Boss"], "theme": ["Nonsense"]})
    assert at.slider[0].value == (2009, 2013)
    assert at.multiselect[0].value == []
    notice = at.info[0].value.replace("\\", "")
    assert "years 'abc' is not a year range, so all years are shown" in notice
    assert "'Boss' is not a known role and was dropped" in notice
    assert "'Nonsense' is not a known theme and was dropped" in notice
    assert metrics(at)["Summits attended"] == "2 of 4"


@pytest.mark.usefixtures("on_fixture")
def test_reversed_year_range_is_swapped_with_a_notice() -> None:
    at = run_page(params={"years": ["2011", "2009"]})
    assert "years 2011–2009 is reversed, so 2009–2011 is shown" in at.info[0].value.replace("\\", "")
    assert metrics(at)["Summits attended"] == "2 of 3"


def test_structure_panel_and_structural_roles(overview: AppTest) -> None:
    body = texts(overview).replace("\\", "")
    assert "**Troika**: The former, current and next chair" in body
    assert "**Co-chair of the GFMD** (2017–2018)" in body
    assert "**Steering Group** (unknown): Steering Group membership years are not recorded" in body
    assert "Participation not recorded in the sources for 2021 and 2024" in body


def test_since_the_last_forum_names_the_latest_summit_and_what_is_unknown(
        overview: AppTest) -> None:
    at = overview
    assert [h.value for h in at.header] == ["Summary", "Since the last forum",
                                            "Engagement by year", "How the GFMD works",
                                            "Morocco's roles in the Forum's structure",
                                            "Filters"]  # the last one is the sidebar's
    body = texts(at).replace("\\", "")
    # The latest summit, in the briefing note's words: attendance, the delegation's head,
    # side events by role, the statement, and whether money that year is known.
    assert ("15th Summit, held in Riohacha, Colombia, 2–4 September 2025 (chair: Colombia): "
            "Morocco attended. Its delegation was led by Farida Loudaya, Ambassador of "
            "Morocco to Colombia and Ecuador, with two other members named. It co-sponsored "
            "two side events. Statement by Farida Loudaya, head of the delegation, in "
            "substance: The King's leadership on migration was recognised by the African "
            "Union in 2017") in body
    assert "Any contribution that year is not recorded." in body
    assert "**Theme:** “Regular Migration, Labour Mobility and Human Rights" in body
    # Each summit since the country's last role: attended, or not recorded (never absent).
    assert "**Since Morocco's last role in the Forum (2018):**" in body
    assert ("- 12th Summit, held in Quito, Ecuador, 20–24 January 2020 (chair: Ecuador): "
            "Morocco attended.\n- 13th Summit, held online, 18–26 January 2021 (chair: the "
            "United Arab Emirates): no source records whether Morocco took part; not "
            "recorded, not absent.\n- 14th Summit, held in Geneva, Switzerland, 23–25 January "
            "2024 (chair: France): no source records whether Morocco took part; not recorded, "
            "not absent.\n- 15th Summit, held in Riohacha, Colombia, 2–4 September 2025 "
            "(chair: Colombia): "
            "Morocco attended.") in body
    assert "no source names a chair, a date or a venue for the 16th Summit: unknown" in body
    # The sources of every sentence above, by title, in the caption under the section.
    # (The tiles' own source line, higher up, cites that article too.)
    caption = next(c.value for c in at.caption
                   if c.value.startswith("Source: The Moroccan delegation in Colombia"))
    for title in ("The Moroccan delegation in Colombia highlights the leadership of His "
                  "Majesty King Mohammed VI on migration (article in Arabic; its title was "
                  "not found)",
                  "How this record was built", "Con la asistencia de más de 1.500 personas",
                  "MAP Express"):
        assert title in caption.replace("\\", "")
    assert "shared/" not in body and "GFMD dashboard project" not in body


def test_invalid_data_shows_the_banner_and_the_valid_years(
        fixture_edit: Callable[[str, str, str], Path], fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture_edit(Y2009, "amount_usd: 10000", "amount_usd: -10000")
    at = run_page(data_dir=fixture_copy, monkeypatch=monkeypatch)
    assert "1 data problem:" in at.error[0].value
    assert at.code[0].value == ("data/participation/MAR/2009.yaml:19: contributions.items[0]."
                                "amount_usd: input should be greater than or equal to 0 "
                                "(found -10000)")
    assert metrics(at)["Summits attended"] == "1 of 3"
    assert metrics(at)["New money (USD)"] == "0"


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


def test_the_tiles_name_their_sources_and_lead_to_the_data_page(
        on_fixture: None) -> None:
    """The tiles cannot link: the page promises only what it gives, their sources named
    under them and a link, with the reader's filters, to the tables and every source's
    address on the Data and sources page (walk review F2)."""
    at = run_page(params={"years": ["2009", "2010"]})
    assert "Every figure links" not in texts(at)
    assert "Each figure's sources are named under it" in at.caption[0].value
    tiles = next(c.value for c in at.caption if c.value.startswith("Co-chaired roundtables")
                 or "carry-over" in c.value)
    under = at.caption[[c.value for c in at.caption].index(tiles) + 1].value
    assert under.startswith("Source: ")
    (link,) = [e.proto for e in at.get("page_link") if e.proto.page.endswith("data")]
    assert link.label == "The tables and sources behind these figures"
    assert "years=2009" in link.query_string and "years=2010" in link.query_string


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", ["15e Sommet, tenu à Riohacha (Colombie) du 2 au 4 septembre 2025",
            "Sa délégation était conduite par Mme Farida Loudaya, ambassadrice de Sa Majesté "
            "le Roi en Colombie et en Équateur, et comptait deux autres membres identifiés"]),
    ("ar", ["القمة الخامسة عشرة، المنعقدة بريوهاتشا (كولومبيا) من 2 إلى 4 شتنبر 2025",
            "ترأست وفدَه السيدة فريدة لوداية (\u2068Farida Loudaya\u2069)، سفيرة صاحب الجلالة"]),
])
def test_since_the_last_forum_in_french_and_arabic(lang: str, said: list[str]) -> None:
    """The Overview's block is the note's composer: the same agreement, words and dates."""
    body = texts(run_page(params={"lang": lang})).replace("\\", "")
    for words in said:
        assert words in body
