"""Key messages, counterparts and "since the last forum": composed from the data by rules,
each sentence sourced, ranked by weight; the short note keeps to what a minister needs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gfmd.briefing import (
    Briefing,
    BriefingError,
    BriefingRequest,
    Bullets,
    Paragraph,
    Table,
    compose,
    plain,
)
from gfmd.briefing.events import WEIGHT
from gfmd.briefing.sections.messages import MAX_MESSAGES
from gfmd.record.dataset import Dataset
from gfmd.record.vocab import Role
from gfmd.store.loader import load_dataset
from gfmd.store.scope import scoped


def brief(ds: Dataset, *themes: str, **kwargs: object) -> Briefing:
    return compose(ds, BriefingRequest(themes=themes, **kwargs))


def messages(b: Briefing) -> list[str]:
    (bullets,) = next(s for s in b.sections if s.id == "key-messages").blocks
    assert isinstance(bullets, Bullets)
    return [" ".join(x.text for x in item.sentences) for item in bullets.items]


def message_sources(b: Briefing) -> list[set[str]]:
    (bullets,) = b.sections[0].blocks
    return [{s for x in item.sentences for s in x.sources} for item in bullets.items]


@pytest.mark.parametrize("theme", ["labour-mobility", "diaspora-development"])
def test_notes_open_with_sourced_key_messages(dataset: Dataset, theme: str) -> None:
    b = brief(dataset, theme, years=(2007, 2025))
    assert b.sections[0].id == "key-messages"
    said = messages(b)
    assert 3 <= len(said) <= MAX_MESSAGES
    assert said[0].startswith("On the theme ")  # what Morocco did on the theme comes first
    assert said[1].startswith("Morocco's counterparts, on these themes and in the Forum's "
                              "co-chairmanship, were ")
    assert said[2].startswith("Morocco co-chaired the Global Forum with Germany in 2017–2018 "
                              "and hosted its 11th Summit in Marrakesh (5–7 December 2018).")
    assert ("Days later, the same city hosted the Intergovernmental Conference to Adopt the "
            "Global Compact for Safe, Orderly and Regular Migration (10–11 December 2018), a "
            "separate United Nations meeting, not a GFMD one.") in said[2]
    # What is not known is said under the caveats, not as a message.
    assert "Morocco attended 13 of the 15 GFMD summits held between 2007 and 2025." in said
    assert not any("not recorded" in m or "unknown" in m for m in said)
    every = [s for item in b.sections[0].blocks[0].items for s in item.sentences]
    assert all(s.sources for s in every)
    assert "un-gcm-conference" in message_sources(b)[2]


def test_diaspora_counterparts_with_years(dataset: Dataset) -> None:
    said = messages(brief(dataset, "diaspora-development", years=(2007, 2025)))
    assert said[1] == ("Morocco's counterparts, on these themes and in the Forum's "
                       "co-chairmanship, were France (2011–2012), Kenya (2012), Sweden (2013), "
                       "the Netherlands (2013) and Germany (2017–2018).")
    assert said[0].startswith("On the theme “Diaspora and development”, Morocco co-chaired "
                              "the thematic meeting in Taroudant (19–22 September 2011) and "
                              "roundtable 1.2 (2012) and co-convened the thematic meeting in "
                              "Geneva, Switzerland (11 September 2013).")
    assert "One of these meetings was held in Morocco (2011)." in said[0]


def test_labour_counterparts_name_spain_and_the_2013_partners(dataset: Dataset) -> None:
    said = messages(brief(dataset, "labour-mobility", years=(2007, 2025)))
    assert said[1] == ("Morocco's counterparts, on these themes and in the Forum's "
                       "co-chairmanship, were Sweden (2013), the Netherlands (2013), Spain "
                       "(2014) and Germany (2017–2018).")


def test_no_leadership_message_outside_the_leadership_years(dataset: Dataset) -> None:
    said = messages(brief(dataset, "labour-mobility", years=(2010, 2015)))
    assert not any("co-chaired the Global Forum" in m for m in said)
    assert "Morocco attended all five GFMD summits held between 2010 and 2015." in said


def test_money_message_only_with_new_money(dataset: Dataset) -> None:
    assert not any("new money" in m for m in messages(
        brief(dataset, "diaspora-development", years=(2008, 2014))))
    assert any("USD 257,622 in new money" in m for m in messages(
        brief(dataset, "diaspora-development")))


def test_counterparts_section_lists_governments_with_years(dataset: Dataset) -> None:
    b = brief(dataset, "diaspora-development")
    section = next(s for s in b.sections if s.id == "counterparts")
    table = next(x for x in section.blocks if isinstance(x, Table))
    rows = [[plain(c) for c in r.cells] for r in table.rows]
    assert [r[:2] for r in rows] == [["France", "2011–2012"], ["Kenya", "2012"],
                                     ["Sweden", "2013"], ["the Netherlands", "2013"],
                                     ["Germany", "2017–2018"]]
    assert rows[0][2] == ("the thematic meeting in Taroudant (19–22 September 2011), "
                          "as co-chair and roundtable 1.2 (2012), as co-chair")
    assert rows[-1][2] == "the co-chairmanship of the Forum"


def test_counterparts_say_when_no_source_names_them(dataset: Dataset) -> None:
    b = brief(dataset, "data-research")
    section = next(s for s in b.sections if s.id == "counterparts")
    text = [x.text for block in section.blocks if isinstance(block, Paragraph)
            for x in block.sentences]
    assert any(t.startswith("For") and "no source names the other governments" in t
               for t in text)


def test_since_the_last_forum_holds_the_latest_summits_and_the_unknown(
        dataset: Dataset) -> None:
    b = brief(dataset, "labour-mobility")
    (bullets,) = next(s for s in b.sections if s.id == "since").blocks
    lines = [" ".join(x.text for x in item.sentences) for item in bullets.items]
    assert [line.split(",")[0] for line in lines] == [
        "12th Summit", "13th Summit", "14th Summit", "15th Summit"]
    assert lines[1] == ("13th Summit, held online, 18–26 January 2021 (chair: the United Arab "
                        "Emirates): no source records whether Morocco took part; not recorded, "
                        "not absent.")
    assert "Its delegation was led by Farida Loudaya, Ambassador of Morocco to Colombia and " \
           "Ecuador, with two other members named." in lines[3]
    assert "It co-sponsored two side events." in lines[3]


def test_short_note_keeps_to_one_page_of_content(dataset: Dataset) -> None:
    b = brief(dataset, "labour-mobility", short=True)
    assert [s.id for s in b.sections] == ["key-messages", "counterparts", "record"]
    table = next(x for x in b.sections[2].blocks if isinstance(x, Table))
    assert len(table.rows) == 5
    assert b.file_name("docx").endswith("-short.docx")


def test_short_note_keeps_the_weightiest_roles(dataset: Dataset) -> None:
    """Labour mobility has seven events; the two attended meetings (weight 1) are left out
    before any team membership or co-chair role, and the rest stay in date order."""
    short = brief(dataset, "labour-mobility", short=True)
    table = next(x for x in short.sections[2].blocks if isinstance(x, Table))
    kept = [(plain(r.cells[0]), plain(r.cells[1])) for r in table.rows]
    assert [when for when, _ in kept] == ["2007", "2008", "2010", "11 September 2013", "2014"]
    assert WEIGHT[Role.PARTICIPATED] < WEIGHT[Role.TEAM_MEMBER] < WEIGHT[Role.CO_CHAIR]
    note = short.sections[2].blocks[1]
    assert isinstance(note, Paragraph)
    assert note.sentences[0].text == "The full note lists two more roles and meetings."


def test_messages_follow_the_scoped_country_not_a_code(dataset: Dataset) -> None:
    """Another country in the same data directory gets its own messages, or none."""
    from tests.conftest import FIXTURES

    ds = load_dataset(FIXTURES / "data")
    other = sorted({y.country_iso3 for y in ds.years} - {"MAR"})
    if not other:
        pytest.skip("the fixture data holds one country")
    view = scoped(ds, other[0])
    for theme in view.themes:
        try:
            b = brief(view, theme)
        except BriefingError:  # no records on this theme for that country
            continue
        assert not any("Marrakesh" in m for m in messages(b))


@pytest.mark.parametrize(("theme", "years", "start"), [
    ("sdgs-2030", None, "No source names a government Morocco worked with on these themes; in "
                        "the Forum's co-chairmanship, its counterpart was Germany (2017–2018)."),
    ("labour-mobility", (2010, 2015), "On these themes, Morocco's counterparts were Sweden "
                                      "(2013), the Netherlands (2013) and Spain (2014)."),
])
def test_counterparts_message_says_where_they_worked_together(
        dataset: Dataset, theme: str, years: tuple[int, int] | None, start: str) -> None:
    assert start in messages(brief(dataset, theme, years=years))


def test_latest_summit_is_placed_once_as_the_overview_places_it(dataset: Dataset) -> None:
    """The key message says where the latest summit met with the Overview's own words, so
    an online summit reads "online", not an empty place (walk review F3)."""
    last = dataset.summits[-1].model_copy(update={"city": None, "host_country": None,
                                                  "virtual": True})
    online = replace(dataset, summits=(*dataset.summits[:-1], last))
    said = messages(brief(online, "labour-mobility"))
    assert any(m.startswith("At the latest summit, the 15th, held online (2–4 September 2025), ")
               for m in said), said
    assert not any("(, " in m for m in said)
