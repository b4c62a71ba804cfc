"""The app with parts of a page's own content taken out (bench/page_parts.py).

`/<page>?without=metrics,downloads` runs the app (frame and page, unchanged) with those
Streamlit calls answered as no-ops for this run only; `figure` draws the one-chart
reference's figure in place of the page's own, so its cost over the reference's shows.
Runs are measured one at a time, so the patches, undone after each run, never meet
another session's run.
"""

import functools
import sys
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.graph_objects as go
import streamlit as st
from reference_page_figure import FIGURE
from streamlit.delta_generator import DeltaGenerator

from components import blocks, frame, pages

ROOT = Path(__file__).resolve().parent.parent
_plotly_chart = DeltaGenerator.plotly_chart


def _reference_figure(self: DeltaGenerator, fig: go.Figure, *args, **kwargs):
    return _plotly_chart(self, FIGURE, *args, **kwargs)


def _navigation() -> list[st.Page]:
    """The app's pages, their scripts named from the repository root (this script is not
    beside app.py)."""
    return [spec.st_page(ROOT) for spec in pages.PAGES]


def _none(*_args, **_kwargs) -> None:
    return None


# part name -> (object, attribute, replacement); each takes one kind of content out.
PARTS = {
    "metrics": (DeltaGenerator, "metric", lambda self, *a, **k: self),
    "downloads": (blocks, "downloads", _none),
    "row-choice": (blocks, "record_choice", _none),
    "table": (blocks, "table", _none),  # downloads, the table in words and the row choice
    "figure": (DeltaGenerator, "plotly_chart", _reference_figure),
    "map": (DeltaGenerator, "pydeck_chart", lambda self, *a, **k: self),
}

without = {part for part in st.query_params.get("without", "").split(",") if part}
with ExitStack() as stack:
    for part in sorted(without & PARTS.keys()):
        owner, name, replacement = PARTS[part]
        stack.enter_context(mock.patch.object(owner, name, replacement))
        if owner is DeltaGenerator:  # `st.<name>` was bound to the main area at import
            stack.enter_context(mock.patch.object(
                st, name, functools.partial(replacement, st._main)))
    frame.run(_navigation)
