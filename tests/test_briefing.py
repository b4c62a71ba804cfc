"""The briefing's composition: exactly the records of each theme, every fact cited, money
equal to the contributions table, caveats from the data, and hostile text kept literal."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import docx
import pytest

from gfmd.briefing import (
    Briefing,
    BriefingError,
    BriefingRequest,
    Bullets,
    Paragraph,
    Sentence,
    Table,
    UnknownTheme,
    compose,
    plain,
    resolve_themes,
    to_docx,
    to_markdown,
)
from gfmd.briefing.model import DEFAULT_SECTIONS, SECTIONS, Section
from gfmd.record.dataset import Dataset
from gfmd.store.loader import load_dataset
from gfmd.tables import build as tables
from gfmd.tables.aggregate import money_totals
from gfmd.tables.filters import Filters
from gfmd.text.markdown import clean
from gfmd.text.markdown import escape as escape_markdown
from tests.conftest import FIXTURES, ROOT
from tests.markdown_check import renders_literally

EXAMPLE_REQUEST = {"years": (2007, 2025), "prepared_on": dt.date(2026, 1, 5)}
UNSOURCED = ("No national figure", "The data holds no", "The full note lists")
THEMES = ["labour-mobility", "diaspora-development", "climate-crises", "partnerships",
          "data-research", "policy-coherence"]
ROLE_LABELS = {"co-chair": "Co-chair", "team-member": "Team member",
               "coordinator": "Coordinator", "organiser": "Organiser",
               "participated": "Participated", "attended": "Attended"}
OUTSIDE = " (not in the country profile)"
FIXTURE = FIXTURES / "briefing-diaspora-development-2007-2025.md"
EXAMPLE = ROOT / "docs" / "example-briefing.md"
HOSTILE = "<script>alert(1)</script> **bold** [x](http://e) =1+1"


def brief(ds: Dataset, *themes: str, years: tuple[int, int] | None = None,
          **kwargs: object) -> Briefing:
    return compose(ds, BriefingRequest(themes=themes, years=years, **kwargs))


def section(b: Briefing, sid: str) -> Section:
    return next(s for s in b.sections if s.id == sid)


def sentences(b: Briefing) -> list[Sentence]:
    out: list[Sentence] = []
    for s in b.sections:
        for block in s.blocks:
            if isinstance(block, Paragraph):
                out.extend(block.sentences)
            elif isinstance(block, Bullets):
                out.extend(x for item in block.items for x in item.sentences)
    return out


def rows(b: Briefing, sid: str, index: int = 0) -> list[list[str]]:
    table = [x for x in section(b, sid).blocks if isinstance(x, Table)][index]
    return [[plain(cell) for cell in row.cells] for row in table.rows]


ALL_THEMES = [line.split(": ")[1] for line in (ROOT / "data" / "reference" / "themes.yaml")
              .read_text(encoding="utf-8").splitlines() if line.startswith("  - id: ")]


def tagged(df, theme: str, years: tuple[int, int]):
    return Filters(themes=(theme,), years=years).apply(df)


# --- exactly the records of each theme, each once -----------------------------------------


@pytest.mark.parametrize("years", [None, (2010, 2018)])
@pytest.mark.parametrize("theme", THEMES)
def test_each_role_and_meeting_appears_once(dataset: Dataset, theme: str,
                                            years: tuple[int, int] | None) -> None:
    b = brief(dataset, theme, years=years)
    span = b.selection.years
    rts = tagged(tables.roundtables(dataset), theme, span)
    mts = tagged(tables.thematic_meetings(dataset), theme, span)
    got = rows(b, "record")
    assert len(got) == len(rts) + len(mts) + len(b.selection.others)
    whats = [what for _, _, what, _ in got]
    assert len(whats) == len(set(whats))  # no event twice
    for m in mts.itertuples():
        assert sum(f"“{m.title}”" in w for w in whats) == 1
    for r in rts.itertuples():
        assert sum(f"“{r.title}”" in w for w in whats) == 1
    assert [s.id for s in b.sections] == ["key-messages", *DEFAULT_SECTIONS]


def test_labour_mobility_2010_2018_in_numbers(dataset: Dataset) -> None:
    b = brief(dataset, "Labour mobility and skills", years=(2010, 2018))
    assert b.selection.themes == ("labour-mobility",)
    assert [r.role.title[:9] for r in b.selection.roles] == ["Reducing ", "Enhancing"]
    assert [m.meeting.start_date.isoformat() for m in b.selection.meetings] == [
        "2013-09-11", "2016-03-29", "2018-05-03"]
    assert [r[0] for r in rows(b, "record")] == [
        "2010", "11 September 2013", "2014", "29 March 2016", "3 May 2018"]
    assert b.file_name("docx") == "morocco-gfmd-briefing-labour-mobility-2010-2018.docx"


def test_several_themes_count_each_record_once(dataset: Dataset) -> None:
    b = brief(dataset, "labour-mobility", "diaspora-development", years=(2010, 2018))
    whats = [r[2] for r in rows(b, "record")]
    assert len(whats) == len(set(whats)) == 7  # the 2010 RT 2.1 and 2013 meeting carry both
    assert b.file_name("md") == (
        "morocco-gfmd-briefing-labour-mobility-diaspora-development-2010-2018.md")


# --- sources --------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_every_fact_cites_a_source_that_resolves(dataset: Dataset, theme: str) -> None:
    b = brief(dataset, theme)
    listed = [e.id for e in b.sources]
    assert [e.number for e in b.sources] == list(range(1, len(listed) + 1))
    cited: list[str] = []
    for sentence in sentences(b):
        assert sentence.sources or sentence.text.startswith(UNSOURCED), sentence.text
        cited.extend(sentence.sources)
    for s in b.sections:
        for block in s.blocks:
            if isinstance(block, Table):
                assert all(row.sources for row in block.rows)
                cited.extend(x for row in block.rows for x in row.sources)
    assert set(cited) == set(listed)  # every cited id is listed, and nothing else
    assert all(sid in dataset.sources for sid in listed)
    for entry in b.sources:
        assert entry.url == dataset.sources[entry.id].url


def test_sources_are_numbered_in_order_of_first_citation(dataset: Dataset) -> None:
    b = brief(dataset, "labour-mobility", years=(2010, 2018))
    # The key messages on the theme come first, so the profile is cited first.
    assert [e.id for e in b.sources[:3]] == [
        "gfmd-profile-mar", "gfmd-news-2013-2014", "exteriores-spain-2013"]
    assert b.refs(["gfmd-news-2013-2014", "gfmd-profile-mar"]) == "[1, 2]"


def test_every_source_has_a_url_or_a_name_a_reader_can_find(dataset: Dataset) -> None:
    text = to_markdown(brief(dataset, "labour-mobility"))
    assert "No URL recorded" not in text
    assert re.search(r"^\d+\. GFMD country profile: Kingdom of Morocco.*"
                     r"<https://gfmd.org/pfp/ppd/morocco> Primary source\.$", text, re.M)
    assert re.search(r"^\d+\. How this record was built \(GFMD participation dashboard, method "
                     r"note\)\. Shown in full on the dashboard's Data and sources page\.", text,
                     re.M)


def test_left_out_sections_leave_their_sources_out(dataset: Dataset) -> None:
    b = brief(dataset, "labour-mobility", years=(2010, 2018), sections=("record",))
    assert [s.id for s in b.sections] == ["key-messages", "record"]
    assert "gfmd-who-pays" not in {e.id for e in b.sources}


# --- plain words: no path, hash or internal vocabulary in any note -------------------------


@pytest.mark.parametrize("short", [False, True])
@pytest.mark.parametrize("theme", ALL_THEMES)
def test_no_path_hash_or_jargon_in_any_note(dataset: Dataset, theme: str, short: bool) -> None:
    try:
        b = brief(dataset, theme, sections=SECTIONS, version="2acc65a186a3", short=short)
    except BriefingError:
        return  # a theme without records has no note
    text = to_markdown(b)
    body = text[:text.index("\n---\n")]
    for jargon in ("shared/", "reference/", ".yaml", ".md)", "year headings", "2acc65a186a3",
                   "Data version", "No URL recorded", "method-note", "gfmd-profile-mar",
                   "record_status", "in_profile", "None"):
        assert jargon not in body, (theme, jargon)
    assert text.rstrip().endswith("Data version 2acc65a186a3")  # the small footer


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize("years", [None, (2010, 2018), (2008, 2015), (2016, 2016)])
def test_money_equals_the_contributions_table(dataset: Dataset,
                                              years: tuple[int, int] | None) -> None:
    b = brief(dataset, "labour-mobility", years=years, sections=SECTIONS)
    expected = money_totals(Filters(years=b.selection.years).apply(tables.contributions(dataset)))
    assert b.selection.money == expected
    money = rows(b, "contributions")
    new = sum(int(r[2].replace(",", "")) for r in money if r[3] == "new money")
    carry = sum(int(r[2].replace(",", "")) for r in money
                if r[3] == "carry-over, not new money" and r[2] != "unknown")
    assert (new, carry) == (expected.new_money_usd, expected.carry_over_usd)
    a, z = b.selection.years
    span = str(a) if a == z else f"{a}–{z}"
    assert f"New money, {span}: USD {expected.new_money_usd:,}." in [s.text for s in sentences(b)]


def test_a_diaspora_note_gives_money_in_one_line_unless_asked(dataset: Dataset) -> None:
    b = brief(dataset, "diaspora-development")
    assert not any(s.id == "contributions" for s in b.sections)
    context = section(b, "context")
    assert not [x for x in context.blocks if isinstance(x, Table)]
    line = [s.text for s in _sentences_of(context) if "new money" in s.text]
    assert line == ["Morocco gave USD 257,622 in new money to the GFMD between 2007 and 2025, "
                    "carry-over excluded; the profile records money by year, not by theme. The "
                    "amounts for 2007, 2017, 2020–2021 and 2024–2025 are unknown."]
    asked = brief(dataset, "diaspora-development", sections=(*DEFAULT_SECTIONS, "contributions"))
    assert len(rows(asked, "contributions")) > 10


def test_money_kept_apart_over_the_whole_record(dataset: Dataset) -> None:
    text = [s.text for s in sentences(brief(dataset, "labour-mobility", sections=SECTIONS))]
    assert "New money, 2007–2025: USD 257,622." in text
    assert "Carry-over, not counted again as new money: USD 48,342 (2018)." in text
    assert "Carry-over of an amount the profile does not give: 2017." in text
    assert "No contribution stated: 2008–2012 and 2014–2015." in text


# --- caveats --------------------------------------------------------------------------------


def caveats(b: Briefing) -> str:
    return "\n".join(s.text for s in _sentences_of(section(b, "caveats")))


def _sentences_of(s: Section) -> list[Sentence]:
    out = []
    for block in s.blocks:
        if isinstance(block, Bullets):
            out += [x for item in block.items for x in item.sentences]
        elif isinstance(block, Paragraph):
            out += list(block.sentences)
    return out


def test_disagreements_between_sources_are_caveats(dataset: Dataset) -> None:
    text = caveats(brief(dataset, "policy-coherence", "diaspora-development",
                         "labour-mobility"))
    assert ("Thematic meeting in Marseille, 14–15 June 2011: The Center for Mediterranean "
            "Integration lists the event as 13–15 June 2011.") in text
    assert "Thematic meeting in Taroudant, 19–22 September 2011: The sources differ" in text
    assert "the profile says Morocco participated." in text
    assert "Thematic meeting in Geneva, 3 May 2018: The profile gives no date or venue" in text


def test_no_contradiction_on_taliouine_dates(dataset: Dataset) -> None:
    """The body gives the profile's dates and place; only the caveat joins 20–22 September
    to Taliouine, saying who says what."""
    text = to_markdown(brief(dataset, "diaspora-development"))
    body = text[:text.index("## Caveats")]
    assert "19–22 September 2011" in body and "Taliouine" not in body
    assert "20–22" not in body
    assert "the GFMD 2011 summary report gives 20–22 September 2011 at Taliouine" in text


def test_co_convener_is_never_understated(dataset: Dataset) -> None:
    b = brief(dataset, "diaspora-development")
    row = next(r for r in rows(b, "record") if r[0] == "11 September 2013")
    assert row[1] == "Participated (country profile); co-convener (GFMD)"
    key = [s.text for s in _sentences_of(section(b, "key-messages"))]
    assert any("co-convened the thematic meeting in Geneva, Switzerland (11 September 2013)"
               in s for s in key)
    assert not any("Morocco participated" in s for s in key)


def test_a_meeting_from_outside_the_profile_is_flagged(dataset: Dataset) -> None:
    b = brief(dataset, "climate-crises")
    assert ("Thematic meeting in Rabat, 24 May 2017: not in Morocco's GFMD country profile; "
            "it is recorded from another source.") in caveats(b)
    assert ("Thematic meeting: “Climate Change and Human Mobility”, Rabat, Morocco" + OUTSIDE
            in [r[2] for r in rows(b, "record")])


def test_unknown_stays_unknown(dataset: Dataset) -> None:
    text = caveats(brief(dataset, "labour-mobility"))
    assert "The amounts contributed in 2007, 2017, 2020–2021 and 2024–2025 are unknown" in text
    assert "Attendance at the summit is not recorded for 2021 and 2024" in text
    assert "Steering Group: Steering Group membership years are not recorded" in text
    assert "medium confidence for 2007 and 2009, medium to high confidence for 2008" in text


def test_national_figures_and_practices_only_when_they_bear_on_the_theme(
        dataset: Dataset) -> None:
    b = brief(dataset, "irregular-migration")
    text = "\n".join(s.text for s in _sentences_of(section(b, "national")))
    assert ("Irregular migrants regularised in the 2014 and 2017 campaigns: more than 50,000 "
            "people (2014–2017).") in text
    assert "“Integrated legislative approach" in text
    assert "103,000" not in text  # tagged migration-governance, not irregular-migration
    none = [s.text for s in _sentences_of(section(brief(dataset, "labour-mobility"),
                                                  "national"))]
    assert none == ["No national figure or Platform for Partnerships practice in the data "
                    "bears on the theme “Labour mobility and skills”."]


# --- choosing themes ------------------------------------------------------------------------


def test_theme_by_id_or_label_in_any_case(dataset: Dataset) -> None:
    assert resolve_themes(dataset, ["LABOUR MOBILITY AND SKILLS", "Diaspora-Development"]) == (
        "labour-mobility", "diaspora-development")


def test_unknown_theme_offers_the_nearest(dataset: Dataset) -> None:
    with pytest.raises(UnknownTheme) as err:
        brief(dataset, "labour mobilty")
    assert err.value.suggestions[0] == "labour-mobility"
    assert "'labour mobilty' is not a known theme." in err.value.message


def test_no_theme_offers_the_themes_with_most_records(dataset: Dataset) -> None:
    with pytest.raises(BriefingError) as err:
        brief(dataset)
    assert err.value.message == "Choose at least one theme to write a briefing."
    assert len(err.value.suggestions) == 3


def test_no_matching_record_says_so_and_offers_nearest_themes(dataset: Dataset) -> None:
    with pytest.raises(BriefingError) as err:
        brief(dataset, "gender", years=(2010, 2012))
    assert err.value.message.startswith(
        "No roundtable role or thematic meeting on “Women migrants and gender” is recorded "
        "for 2010–2012, so there is nothing to brief on. This theme has records in 2015.")
    assert err.value.suggestions and "gender" not in err.value.suggestions
    counts = {tid: len(tagged(tables.roundtables(dataset), tid, (2010, 2012)))
              + len(tagged(tables.thematic_meetings(dataset), tid, (2010, 2012)))
              for tid in err.value.suggestions}
    assert all(counts.values())  # every suggestion has something to brief on


def test_years_outside_the_record(dataset: Dataset) -> None:
    with pytest.raises(BriefingError, match="1990–2000 lie outside the record"):
        brief(dataset, "gender", years=(1990, 2000))
    assert brief(dataset, "gender", years=(2000, 2030)).selection.years == (2007, 2025)


# --- the literal Markdown -------------------------------------------------------------------


def test_markdown_is_stable(dataset: Dataset) -> None:
    """The pinned briefing (README's example); after a deliberate change, rerun with
    GFMD_UPDATE_FIXTURES=1."""
    text = to_markdown(brief(dataset, "diaspora-development", **EXAMPLE_REQUEST))
    if os.environ.get("GFMD_UPDATE_FIXTURES"):
        FIXTURE.write_text(text, encoding="utf-8")
        EXAMPLE.write_text(text, encoding="utf-8")
    assert text == FIXTURE.read_text(encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8") == text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- example-briefing:start -->\n") + len("<!-- example-briefing:start -->\n")
    assert readme[start:readme.index("<!-- example-briefing:end -->")] == text


def test_the_heading_block_a_ministry_uses(dataset: Dataset) -> None:
    text = to_markdown(brief(dataset, "gender", meeting="Workshop *on* women",
                             meeting_date=dt.date(2026, 3, 10), version="abc123",
                             prepared_by="Directorate *A*", classification="For internal use",
                             prepared_on=dt.date(2026, 3, 1)))
    head = text[:text.index("## Key messages")]
    assert head.splitlines()[:10] == [
        "# Briefing note: Morocco in the Global Forum on Migration and Development", "",
        "**For internal use**", "",
        "- **Meeting:** Workshop \\*on\\* women",
        "- **Date of the meeting:** 10 March 2026",
        "- **Date prepared:** 1 March 2026",
        "- **Prepared by:** Directorate \\*A\\*",
        "- **Classification:** For internal use",
        "- **Theme:** Women migrants and gender"]
    assert "- **Purpose:** Background for the meeting above" in head
    assert "abc123" not in head
    plain_head = to_markdown(brief(dataset, "gender", prepared_on=dt.date(2026, 3, 1)))
    assert "Prepared by" not in plain_head and "Classification" not in plain_head
    assert "- **Date prepared:** 1 March 2026" in plain_head


# --- hostile data text ----------------------------------------------------------------------

@pytest.fixture
def hostile(data_copy: Path, edit) -> tuple[Dataset, str]:
    long = " ".join(f"w{i}-[{i}]" for i in range(1200))[:10_000]
    assert len(long) == 10_000
    edit("participation/MAR/2014.yaml",
         "    title: Enhancing the development impacts of labour migration and circular "
         "mobility through more systematic labour market and skills matching",
         f"    title: '{HOSTILE}'")
    edit("participation/MAR/2010.yaml",
         "    title: Reducing the cost of migration and maximizing human development",
         f"    title: '{long}'")
    ds = load_dataset(data_copy)
    assert not ds.problems
    return ds, long


def test_hostile_text_is_literal_in_markdown(hostile: tuple[Dataset, str]) -> None:
    ds, long = hostile
    text = to_markdown(brief(ds, "labour-mobility", years=(2010, 2018)))
    for original in (HOSTILE, long):
        escaped = escape_markdown(original)
        assert escaped in text
        assert renders_literally(escaped, original)
    assert "<script>" not in text and "**bold**" not in text and "](http://e)" not in text
    assert text.count(escape_markdown(HOSTILE)) == 1  # one row of the record table
    table_line = next(line for line in text.splitlines() if "alert" in line and "|" in line)
    assert table_line.count(" | ") == 4  # the data's pipes cannot add a column


def test_hostile_text_is_literal_in_word(hostile: tuple[Dataset, str]) -> None:
    ds, long = hostile
    doc = docx.Document(io.BytesIO(to_docx(brief(ds, "labour-mobility", years=(2010, 2018)))))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    paragraphs = [p.text for p in doc.paragraphs]
    assert any(HOSTILE in c for c in cells) and any(long in c for c in cells)
    assert not any("<script>" in p and HOSTILE not in p for p in paragraphs)
    runs = [r for table in doc.tables for row in table.rows for c in row.cells
            for p in c.paragraphs for r in p.runs if HOSTILE in r.text]
    assert runs and all(r.style.name == "Default Paragraph Font" and not r.bold for r in runs)


def test_characters_xml_forbids_are_dropped() -> None:
    assert clean("a\x00b\x07c\x1fd\ufffee\nf") == "abcde f"
    assert escape_markdown("a\nb|c") == "a b\\|c"


def test_a_theme_with_meetings_only_says_what_it_took_part_in(dataset: Dataset) -> None:
    key = [s.text for s in _sentences_of(section(brief(dataset, "sdgs-2030"), "key-messages"))]
    assert ("On the theme “SDGs and the 2030 Agenda”, Morocco took part in three GFMD "
            "thematic meetings (2013, 2015 and 2018).") in key


def test_a_meeting_without_date_or_venue_says_so(edit, data_copy: Path) -> None:
    edit("participation/MAR/2016.yaml",
         "    start_date: 2016-03-29\n    end_date: 2016-03-29\n    city: Bangkok\n"
         "    country: Thailand\n", "")
    b = brief(load_dataset(data_copy), "partnerships", years=(2016, 2016))
    text = [s.text for s in sentences(b)]
    assert "The date of the thematic meeting “Migration, Connectivity and Business” is not recorded." in text
    assert "The venue of the thematic meeting “Migration, Connectivity and Business” is not recorded." in text
    assert rows(b, "record")[0][:3] == ["date not recorded, GFMD year 2016", "Attended",
                                        "Thematic meeting: “Migration, Connectivity and Business”"]
