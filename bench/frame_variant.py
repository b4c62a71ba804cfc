"""The framed reference with parts of the frame taken out (bench/frame_parts.py).

`?without=slider,language` removes those parts for this run only: the frame's own code
runs unchanged, with the Streamlit calls of the removed parts answered as if the reader
had left them at their defaults. `?nav=app` gives the navigation the app's page titles
instead of the one reference page, as the app's sidebar shows them. Runs are measured
one at a time, so the patches, undone after each run, never meet another session's run.
"""

import sys
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from reference_chart import one_chart

from components import banner, frame, language, pages, sidebar
from gfmd.tables.links import URL_KEYS
from gfmd.text.messages import set_language

PLAIN_STYLE = "<style></style>"


def _navigation(app_titles: bool) -> list[st.Page]:
    chart = st.Page(one_chart, title="Reference", url_path="reference", default=True)
    if not app_titles:
        return [chart]
    others = [st.Page(lambda: None, title=spec.title, url_path=spec.name, icon=spec.icon)
              for spec in pages.PAGES[1:]]
    return [chart, *others]


def _multiselect(dropped: set[str]):
    keep = st.multiselect

    def choose(label, options, *args, key=None, **kwargs):
        if key in dropped:
            return []
        return keep(label, options, *args, key=key, **kwargs)
    return choose


def _patches(without: set[str]) -> list:
    out = []
    if "language" in without:
        out.append(mock.patch.object(language, "choose",
                                     lambda: set_language("en") or "en"))
    if "direction" in without:
        out.append(mock.patch.object(language, "apply_direction", lambda: None))
    if "slider" in without:
        out.append(mock.patch.object(st, "slider", lambda *a, value, **k: value))
    dropped = {URL_KEYS[name] for name in ("themes", "kinds", "roles") if name in without}
    if dropped:
        out.append(mock.patch.object(st, "multiselect", _multiselect(dropped)))
    if "search" in without:
        out.append(mock.patch.object(st, "text_input", lambda *a, **k: ""))
        out.append(mock.patch.object(st, "button", lambda *a, **k: False))
    if "style" in without:
        out.append(mock.patch.object(sidebar, "PAGE_STYLE", PLAIN_STYLE))
    if "banner" in without:
        out.append(mock.patch.object(banner, "data_problems", lambda dataset: None))
    return out


without = {part for part in st.query_params.get("without", "").split(",") if part}
app_nav = st.query_params.get("nav") == "app"
with ExitStack() as stack:
    for patch in _patches(without):
        stack.enter_context(patch)
    frame.run(lambda: _navigation(app_nav))
