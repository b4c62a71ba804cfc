"""The filter-change reference: the app's frame (sidebar filters, banner) around one page
holding one plotly chart of the filtered roundtable roles (bench/first_view.py).

A filter change here costs what any page pays for the frame, one filtered table and one
plotly redraw, so "page / reference" is what the page itself adds to a filter change.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from reference_chart import one_chart

from components import frame

frame.run(lambda: [st.Page(one_chart, title="Reference", url_path="reference", default=True)])
