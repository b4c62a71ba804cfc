"""The bare first-view reference's figure (bench/reference_page.py), importable, so that
bench/page_variant.py can draw exactly it in place of a page's own figure."""

import plotly.graph_objects as go

YEARS = [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]
COUNTS = [1, 0, 1, 1, 1, 2, 2, 1, 1, 0, 0]

FIGURE = go.Figure(go.Bar(x=YEARS, y=COUNTS, name="Co-chair"))
FIGURE.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10})
