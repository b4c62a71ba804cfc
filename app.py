"""The frame: page setup, navigation, shared filters and the data-problem banner.

Every page runs inside this script (Streamlit's st.navigation), so a link to any page,
even as the first request to a fresh server, gets the filters and the banner.
"""

import streamlit as st

from components import banner, context, sidebar
from gfmd.messages import t

st.set_page_config(page_title=t("app.short_title"), page_icon="🌍", layout="wide")

PAGES = [
    # The default page lives at "/": Streamlit ignores a url_path given to it.
    st.Page("app_pages/overview.py", title=t("nav.overview"), icon="🏠", default=True),
    st.Page("app_pages/roundtables.py", title=t("nav.roundtables"), icon="🪑",
            url_path="roundtables"),
    st.Page("app_pages/meetings.py", title=t("nav.meetings"), icon="📍", url_path="meetings"),
    st.Page("app_pages/contributions.py", title=t("nav.contributions"), icon="💵",
            url_path="contributions"),
    st.Page("app_pages/data_sources.py", title=t("nav.data"), icon="🗂️", url_path="data"),
    st.Page("app_pages/briefing.py", title=t("nav.briefing"), icon="📝", url_path="briefing"),
]

page = st.navigation(PAGES)
data = context.bundle()
bounds = data.memo("year-bounds", lambda: context.year_bounds(data))
filters = sidebar.shared_filters(data.dataset, bounds)
context.publish(context.PageContext(bundle=data, filters=filters, year_bounds=bounds))
banner.data_problems(data.dataset)
sidebar.url_notice()
page.run()
