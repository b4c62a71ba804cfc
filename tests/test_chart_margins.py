"""Every chart's margins are set from its labels, not grown by plotly's automargin, which
draws a chart, measures its labels and draws it again on every first view and filter
change (bench/RESULTS.md). Whether the labels then fit is checked in Chromium
(tests/browser/test_languages.py); here, that the margins follow the labels."""

from __future__ import annotations

import pytest

from components.figures import CHAR_PX, TITLE_BAND, label_margin
from tests.apptest_helpers import plotly_spec, run_page

CHART_PAGES = ["app_pages/overview.py", "app_pages/roundtables.py",
               "app_pages/partners.py", "app_pages/contributions.py"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("page", CHART_PAGES)
def test_no_chart_lets_plotly_grow_its_margins(page: str, lang: str) -> None:
    layout = plotly_spec(run_page(page, params={"lang": lang}))["layout"]
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
    assert axes and all(layout[k]["automargin"] is False for k in axes)
    category = [v for k, v in layout.items()
                if k.startswith("yaxis") and v.get("type") == "category"]
    for axis in category:  # roundtable codes, partner names: the longest one fits
        assert layout["margin"]["l"] >= label_margin(axis["categoryarray"])


@pytest.mark.parametrize(("labels", "margin"), [
    ([], TITLE_BAND + 4 * CHAR_PX),
    (["1.2", "No RT code"], TITLE_BAND + 10 * CHAR_PX),
    (["Allemagne", "Royaume-Uni"], TITLE_BAND + 11 * CHAR_PX),
])
def test_the_left_margin_grows_with_the_longest_label(labels: list[str], margin: float) -> None:
    assert label_margin(labels) == round(margin)
