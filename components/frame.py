"""The frame every page runs in: page setup, navigation, shared filters, the data banner.

`app.py` calls `run` with the registry's pages; the benchmarks call it with one empty
page to measure what the frame alone costs.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import auth, banner, context, language, pinning, sidebar
from gfmd.text.messages import t


def run(pages: Callable[[], list[st.Page]]) -> None:
    """`pages()` gives the navigation once the language is known (titles are translated)."""
    language.choose()
    st.set_page_config(page_title=t("app.short_title"), page_icon="🌍", layout="wide")
    language.apply_direction()
    page = st.navigation(pages())
    auth.after_sign_in()  # Streamlit sends every sign-in back to the first page
    latest = data = context.bundle()
    pin = None
    wanted = pinning.requested(latest.version)
    if wanted:  # `?v=`: every page reads the record as it stood at that version
        data, pin = context.pinned(latest, wanted)
    bounds = data.memo("year-bounds", lambda: context.year_bounds(data))
    filters = sidebar.shared_filters(data.dataset, bounds)
    context.publish(context.PageContext(bundle=data, filters=filters, year_bounds=bounds,
                                        pin=pin, latest=latest if data is not latest else None))
    banner.data_problems(data.dataset)
    pinning.notice(pin, page)
    sidebar.url_notice()
    page.run()
