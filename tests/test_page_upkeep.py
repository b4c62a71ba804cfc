"""The "Propose a change" and "What changed" pages, and `?v=` pinning, through AppTest on
a copy of the fixture record: refused input keeps everything typed, a proposal is stored
(never in data/), accepted changes are listed with date, reviewer, source and summary, and
a pinned link shows the record as it stood, with a notice and a link to the latest."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries
from gfmd.changes.history import current_version
from gfmd.record.vocab import Attendance, ProposalKind
from gfmd.text.messages import t, use_language
from tests.apptest_helpers import metrics, run_page, table_frame, texts
from tests.proposal_helpers import DRAFTS, Record, fill_meeting_form, make_record

PROPOSE = "app_pages/propose.py"
CHANGES = "app_pages/changes.py"
DATA = "app_pages/data_sources.py"


@pytest.fixture
def rec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Record:
    return make_record(tmp_path)


def _open(rec: Record, monkeypatch: pytest.MonkeyPatch, page: str,
          params: dict | None = None) -> AppTest:
    return run_page(page, params=params, data_dir=rec.data, monkeypatch=monkeypatch)


def _meeting_form(at: AppTest, date: str, url: str,
                  summary: str = "Morocco took part in a workshop") -> AppTest:
    at.radio(key="propose.kind").set_value(ProposalKind.MEETING).run()
    at.selectbox(key="propose.meeting.year").set_value(2010).run()
    at.selectbox(key="propose.meeting.role").set_value("participated")
    at.text_input(key="propose.meeting.title").input("Workshop on skills")
    at.text_input(key="propose.meeting.start_date").input(date)
    at.text_input(key="propose.meeting.city").input("Rabat")
    at.multiselect(key="propose.meeting.themes").select("labour-mobility")
    at.text_area(key="propose.summary").input(summary)
    at.text_input(key="propose.source_url").input(url)
    at.text_input(key="propose.source_title").input("Workshop report")
    at.button(key="FormSubmitter:propose-form-Send for review").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_refused_input_keeps_everything_typed_and_stores_nothing(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _meeting_form(_open(rec, monkeypatch, PROPOSE), "3 May 2010", "file:///etc/passwd")
    (error,) = at.error
    assert "The proposal was not sent" in error.value
    assert "**First day**: '3 May 2010' is not a date written as YYYY-MM-DD" in error.value
    assert "**Public address of the source (URL)**: the address must start with" in error.value
    assert at.text_input(key="propose.meeting.title").value == "Workshop on skills"
    assert at.text_input(key="propose.meeting.start_date").value == "3 May 2010"
    assert at.text_input(key="propose.source_url").value == "file:///etc/passwd"
    assert at.multiselect(key="propose.meeting.themes").value == ["labour-mobility"]
    assert proposals.all_proposals(rec.data) == []


def test_a_summary_typed_on_several_lines_is_stored_as_one(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary box takes Enter; the record's text holds no line break (a control
    character), so the lines are joined, not refused."""
    at = _meeting_form(_open(rec, monkeypatch, PROPOSE), "2010-05-03",
                       "https://news.example.org/workshop",
                       summary="Morocco took part\nin a workshop\n")
    assert not at.error, [e.value for e in at.error]
    (stored,) = proposals.pending(rec.data)
    assert stored.summary == "Morocco took part in a workshop"


def test_every_missing_field_is_named_at_once_in_the_readers_language(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence, the source and the meeting's own required facts in one refusal, each
    under its French label, and what was typed kept (walk review F42)."""
    at = _open(rec, monkeypatch, PROPOSE, params={"lang": "fr"})
    with use_language("fr"):  # each run formats the chosen kind as the page labels it
        at.radio(key="propose.kind").set_value(ProposalKind.MEETING).run()
        at.selectbox(key="propose.meeting.year").set_value(2010).run()
        at.text_input(key="propose.meeting.city").input("Rabat")
        at.button(key="FormSubmitter:propose-form-Envoyer pour examen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (error,) = at.error
    named = re.findall(r"^- \*\*(.+?)\*\*", error.value, re.M)
    assert named == ["La modification en une phrase", "Adresse publique de la source (URL)",
                     "Titre de la source", "Rôle du Maroc", "Intitulé", "Thèmes"], error.value
    assert at.text_input(key="propose.meeting.city").value == "Rabat"
    assert proposals.all_proposals(rec.data) == []


def test_a_refusal_of_the_record_is_said_in_the_readers_language(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting the record holds already is refused in French on a French page, not in
    the English the domain code once wrote."""
    at = _open(rec, monkeypatch, PROPOSE, params={"lang": "fr"})
    with use_language("fr"):
        fill_meeting_form(at, year=2011, title="Meeting with no known venue",
                          themes=["diaspora-development"],
                          summary="Morocco took part in a meeting",
                          source_url="https://news.example.org/meeting",
                          source_title="Meeting report", submit="Envoyer pour examen")
        refusal = t("proposal.refused.meeting_known")
    assert not at.exception, [e.value for e in at.exception]
    (error,) = at.error
    assert refusal in error.value, error.value
    assert "this meeting is in the record already" not in error.value
    assert proposals.all_proposals(rec.data) == []


def test_a_proposal_is_stored_and_the_form_is_ready_for_the_next(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    data_before = {p: p.read_bytes() for p in rec.data.rglob("*") if p.is_file()}
    at = _meeting_form(_open(rec, monkeypatch, PROPOSE), "2010-05-03",
                       "https://news.example.org/workshop")
    (stored,) = proposals.pending(rec.data)
    assert [s.value for s in at.success] == [
        f"Thank you: proposal {stored.id} is waiting for a reviewer. "
        "The record changes once it is accepted."]
    assert (stored.change["title"], stored.change["start_date"], stored.year) == (
        "Workshop on skills", "2010-05-03", 2010)
    assert at.text_input(key="propose.meeting.title").value == ""  # the facts are cleared
    assert at.text_input(key="propose.source_url").value == "https://news.example.org/workshop"
    assert {p: p.read_bytes() for p in rec.data.rglob("*") if p.is_file()} == data_before


def test_a_correction_shows_the_value_the_record_holds(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(rec, monkeypatch, PROPOSE)
    at.radio(key="propose.kind").set_value(ProposalKind.CORRECTION).run()
    at.selectbox(key="propose.correction.year").set_value(2010).run()
    at.selectbox(key="propose.correction.field").set_value("roundtable_roles[0].title").run()
    assert "The record says now: Diaspora roundtable" in texts(at)
    at.text_input(key="propose.correction.value").input("Diaspora roundtable, corrected")
    at.text_area(key="propose.summary").input("The title as the source gives it")
    at.text_input(key="propose.source_url").input("https://news.example.org/title")
    at.text_input(key="propose.source_title").input("Report")
    at.button(key="FormSubmitter:propose-form-Send for review").click().run()
    (stored,) = proposals.pending(rec.data)
    assert stored.change == {"field": "roundtable_roles[0].title",
                             "current": "Diaspora roundtable",
                             "value": "Diaspora roundtable, corrected"}


def _accept_two(rec: Record) -> list:
    for day, kind in ((2, "meeting"), (20, "delegation")):
        p = proposals.submit({**DRAFTS[kind], "proposer": "Desk officer"}, rec.data)
        proposals.accept(p.id, f"reviewer-{kind}@example.org", rec.data,
                         now=dt.datetime(2026, 2, day, 10, tzinfo=dt.UTC))
    return entries(rec.data)[1:]  # the record's first commit, then the two accepts


def test_what_changed_lists_each_accepted_change(rec: Record,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = texts(_open(rec, monkeypatch, CHANGES))
    assert "1 change shown of 1." in first and "Edited by hand" in first
    log = _accept_two(rec)
    at = _open(rec, monkeypatch, CHANGES)
    shown = texts(at)
    assert "3 changes shown of 3." in shown
    assert shown.index("20 February 2026") < shown.index("2 February 2026")
    assert "Reviewed by reviewer-meeting@example.org · proposed by Desk officer" in shown
    assert ("Source: [Morocco at the GFMD workshop]"
            "(https://news.example.org/2010/morocco-at-the-gfmd)") in shown
    assert "Morocco took part in a workshop" in shown
    assert f"data version {log[0].version_before} → {log[0].version_after}" in shown
    at.multiselect(key="changes-kind").select(ProposalKind.DELEGATION).run()
    assert "1 change shown of 3." in texts(at) and "The delegation's head" in texts(at)
    at.multiselect(key="changes-kind").set_value([]).run()
    at.radio(key="changes-since").set_value("forum").run()  # since 14 May 2013
    assert "3 changes shown of 3." in texts(at)
    at.radio(key="changes-since").set_value("date").run()
    at.date_input(key="changes-since-date").set_value(dt.date(2026, 2, 10)).run()
    assert "The delegation's head" in texts(at) and "Workshop" not in texts(at)


def test_a_hand_edit_is_listed_as_one_and_its_version_can_be_cited(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _accept_two(rec)
    path = rec.data / "participation/MAR/2011.yaml"
    path.write_text(path.read_text() + "# Checked against the profile.\n", "utf-8")
    rec.git("commit", "--quiet", "-am", "2011: checked against the profile")
    edit = entries(rec.data)[-1]
    shown = texts(_open(rec, monkeypatch, CHANGES))
    assert "4 changes shown of 4." in shown
    assert "Edited by Record Editor in the data files" in shown
    assert "Files: participation/MAR/2011.yaml" in shown
    assert f"data version {log[-1].version_after} → {edit.version_after}" in shown
    at = _open(rec, monkeypatch, DATA, params={"v": log[-1].version_after})
    assert metrics(at)["Data version"] == log[-1].version_after
    assert any("You are reading the record" in i.value for i in at.info)


def test_a_pinned_link_shows_the_record_as_it_stood(rec: Record,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    log = _accept_two(rec)
    old, latest = log[0].version_before, current_version(rec.data)
    at = _open(rec, monkeypatch, DATA, params={"v": old, "table": "Thematic meetings"})
    assert metrics(at)["Data version"] == old
    assert "Workshop on skills" not in table_frame(at, 0)["title"].tolist()
    (notice,) = [i.value for i in at.info if "You are reading the record" in i.value]
    assert notice == (f"You are reading the record as it stood at data version {old}, until "
                      f"2 February 2026. A newer record exists (version {latest}).")
    assert at.query_params["v"] == old
    fresh = _open(rec, monkeypatch, DATA, params={"table": "Thematic meetings"})
    assert "Workshop on skills" in table_frame(fresh, 0)["title"].tolist()
    assert metrics(fresh)["Data version"] == latest
    assert not [i for i in fresh.info if "You are reading the record" in i.value]


def test_a_pinned_version_stays_from_page_to_page_and_latest_unpins(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _accept_two(rec)[0].version_before
    at = _open(rec, monkeypatch, DATA, params={"v": old})
    at.query_params.pop("v")  # as a page link leaves it out
    at.switch_page("app_pages/overview.py").run()
    assert at.query_params["v"] == old
    assert any("You are reading the record" in i.value for i in at.info)
    at.query_params["v"] = "latest"
    at.run()
    assert "v" not in at.query_params
    assert not any("You are reading the record" in i.value for i in at.info)


def test_a_link_to_the_current_version_keeps_it_from_page_to_page(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cited link opened while its version is the latest reads the latest record, with
    no notice, and keeps the version in the address for whoever copies it (walk F40)."""
    _accept_two(rec)
    latest = current_version(rec.data)
    at = _open(rec, monkeypatch, DATA, params={"v": latest})
    assert at.query_params["v"] == latest
    assert metrics(at)["Data version"] == latest
    assert not any("You are reading the record" in i.value for i in at.info)
    at.query_params.pop("v")  # as a page link leaves it out
    at.switch_page("app_pages/overview.py").run()
    assert at.query_params["v"] == latest
    assert not any("You are reading the record" in i.value for i in at.info)


@pytest.mark.parametrize("version", ["0123456789ab", "<script>x</script>"])
def test_an_unknown_version_gets_a_notice_and_the_latest_record(
        rec: Record, monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    _accept_two(rec)
    at = _open(rec, monkeypatch, DATA, params={"v": version})
    (warning,) = [w.value for w in at.warning]
    assert "which this record cannot show" in warning and "<script>" not in warning
    assert metrics(at)["Data version"] == current_version(rec.data)


def test_under_a_pinned_version_later_changes_are_marked(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _accept_two(rec)
    at = _open(rec, monkeypatch, CHANGES, params={"v": log[0].version_after})
    marked = [c.value for c in at.caption if c.value.startswith("Made after data version")]
    assert marked == [f"Made after data version {log[0].version_after}, the record you are "
                      "reading."]  # change 2 only: change 1 made the version on screen


def test_the_form_reruns_without_a_streamlit_warning(
        rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft kept across reruns (`keep_typed`) and a widget default side by side made
    Streamlit log a warning on every rerun of the participation form."""
    warned: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: warned.append(record.getMessage())  # type: ignore[method-assign]
    policies = logging.getLogger("streamlit.elements.lib.policies")
    policies.addHandler(handler)
    try:
        at = _open(rec, monkeypatch, PROPOSE)
        at.radio(key="propose.kind").set_value(ProposalKind.PARTICIPATION).run()
        at.run()
        at.run()
    finally:
        policies.removeHandler(handler)
    assert warned == []
    assert at.radio(key="propose.participation.prep_meetings").value == Attendance.UNKNOWN
