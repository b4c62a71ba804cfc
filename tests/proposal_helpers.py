"""A writable record in its own git repository for the upkeep tests, and drafts of each
kind.

Every test works on a copy of the small fixture record (tests/fixtures/data), never on
`data/` or the fixtures themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gfmd.record.vocab import ProposalKind
from tests.conftest import FIXTURES

SOURCE = {"source_url": "https://news.example.org/2010/morocco-at-the-gfmd",
          "source_title": "Morocco at the GFMD workshop"}

# One draft of each kind that the fixture record accepts as it is.
DRAFTS: dict[str, dict[str, Any]] = {
    "meeting": {"kind": "meeting", "year": 2010, "summary": "Morocco took part in a workshop",
                "change": {"role": "participated", "title": "Workshop on skills",
                           "start_date": "2010-05-03", "end_date": "2010-05-04",
                           "city": "Rabat", "country": "Morocco",
                           "themes": ["labour-mobility"]}, **SOURCE},
    "delegation": {"kind": "delegation", "year": 2010, "summary": "The delegation's head",
                   "change": {"head": {"name": "Test Head", "title": "Test Ambassador"},
                              "members": [{"name": "Test Member"}]}, **SOURCE},
    "role": {"kind": "role", "year": 2010, "summary": "Morocco co-chaired roundtable 1.1",
             "change": {"role": "co-chair", "rt_code": "1.1", "title": "Test roundtable",
                        "themes": ["diaspora-development"],
                        "partners": {"status": "named", "names": ["Mexico"]}}, **SOURCE},
    "correction": {"kind": "correction", "year": 2010,
                   "summary": "The roundtable's title, as the source gives it",
                   "change": {"field": "roundtable_roles[0].title",
                              "value": "Diaspora roundtable, corrected"}, **SOURCE},
    "participation": {"kind": "participation", "year": 2013,
                      "summary": "Morocco attended the 2013 summit",
                      "change": {"summit": "yes", "confidence": "high",
                                 "evidence": "The page reports Morocco's delegation there."},
                      **SOURCE},
}


EDITOR = ("Record Editor", "editor@ministry.example")


@dataclass(frozen=True)
class Record:
    data: Path  # the data directory, `data/` in the repository `top`
    top: Path

    def git(self, *args: str) -> str:
        return git(self.top, *args)


def git(top: Path, *args: str) -> str:
    """Run git in `top` as the record's editor; its output."""
    env = {**os.environ, "GIT_AUTHOR_NAME": EDITOR[0], "GIT_AUTHOR_EMAIL": EDITOR[1],
           "GIT_COMMITTER_NAME": EDITOR[0], "GIT_COMMITTER_EMAIL": EDITOR[1],
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def init_record(data: Path, message: str = "The record as the editors wrote it") -> Record:
    """Make the folder holding `data` a git repository whose first commit is the record."""
    top = data.parent
    git(top, "init", "--quiet", "--initial-branch=main")
    git(top, "add", data.name)
    git(top, "commit", "--quiet", "-m", message)
    return Record(data, top)


def make_record(tmp_path: Path) -> Record:
    data = tmp_path / "record" / "data"
    shutil.copytree(FIXTURES / "data", data)
    return init_record(data)


def fill_meeting_form(at: Any, *, year: int, title: str, themes: list[str], summary: str,
                      source_url: str, source_title: str, submit: str,
                      start_date: str | None = None, city: str | None = None) -> None:
    """Fill the Propose page's meeting form in AppTest `at` as a person would, and send it
    with the button labelled `submit` (its label in the page's language)."""
    at.radio(key="propose.kind").set_value(ProposalKind.MEETING).run()
    at.selectbox(key="propose.meeting.year").set_value(year).run()
    at.selectbox(key="propose.meeting.role").set_value("participated")
    at.text_input(key="propose.meeting.title").input(title)
    if start_date:
        at.text_input(key="propose.meeting.start_date").input(start_date)
    if city:
        at.text_input(key="propose.meeting.city").input(city)
    for theme in themes:
        at.multiselect(key="propose.meeting.themes").select(theme)
    at.text_area(key="propose.summary").input(summary)
    at.text_input(key="propose.source_url").input(source_url)
    at.text_input(key="propose.source_title").input(source_title)
    at.button(key=f"FormSubmitter:propose-form-{submit}").click().run()
