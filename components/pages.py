"""The page registry: every page of the dashboard, once. `app.py` builds its navigation
from it; the tests and the benchmarks import it to know which pages exist and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from gfmd.text.messages import t


@dataclass(frozen=True)
class PageSpec:
    """One page: its name, script, icon; the default page lives at '/'."""

    name: str  # 'overview': the message id nav.<name>, and the URL path unless default
    script: str  # 'app_pages/overview.py', relative to app.py (what AppTest takes)
    icon: str
    default: bool = False

    @property
    def url_path(self) -> str:
        """The path a browser asks for: '' for the default page (Streamlit ignores a
        url_path given to it), the name otherwise."""
        return "" if self.default else self.name

    @property
    def title(self) -> str:
        return t(f"nav.{self.name}")

    def url(self, base: str, query: str = "") -> str:
        return f"{base}/{self.url_path}" + (f"?{query}" if query else "")

    def st_page(self, root: Path | None = None) -> st.Page:
        """Its navigation entry; `root` names the script from elsewhere than app.py's
        folder (Streamlit takes a page's path as relative to the main script)."""
        script = self.script if root is None else root / self.script
        if self.default:
            return st.Page(script, title=self.title, icon=self.icon, default=True)
        return st.Page(script, title=self.title, icon=self.icon, url_path=self.url_path)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "app_pages/overview.py", "🏠", default=True),
    PageSpec("roundtables", "app_pages/roundtables.py", "🪑"),
    PageSpec("partners", "app_pages/partners.py", "🤝"),
    PageSpec("meetings", "app_pages/meetings.py", "📍"),
    PageSpec("contributions", "app_pages/contributions.py", "💵"),
    PageSpec("data", "app_pages/data_sources.py", "🗂️"),
    PageSpec("briefing", "app_pages/briefing.py", "📝"),
    PageSpec("changes", "app_pages/changes.py", "🕘"),
    PageSpec("propose", "app_pages/propose.py", "✏️"),
    PageSpec("review", "app_pages/review.py", "✅"),
)


def navigation() -> list[st.Page]:
    """The pages as Streamlit navigation entries, in menu order."""
    return [spec.st_page() for spec in PAGES]
