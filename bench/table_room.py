"""Tables in whole words: the room each table asks for against what it really needs.

Every table view of every page with tables is opened in Chromium at 1400 px, in each
language; for each table: its columns, the room it has, the least width that keeps its
words whole (measured), the room it asks for (components.blocks.whole_words_width), and
whether its words stay whole. The estimate must never be under the measure: a table that
asked for too little would scroll the page sideways (tests/browser/test_tables.py).

    .venv/bin/python bench/table_room.py [--width 1400] [--no-append]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import append_results, md_table  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from components.blocks import FIT_STEP_PX  # noqa: E402
from tests.browser.support import (  # noqa: E402
    launch_browser,
    open_app,
    open_table_views,
    prepare_page,
    running_server,
)
from tests.browser.test_tables import TABLES_JS  # noqa: E402

PAGES = ("", "roundtables", "partners", "meetings", "contributions", "data")
LANGUAGES = ("en", "fr", "ar")


def measure(width: int) -> list[list[str]]:
    rows = []
    with running_server() as server, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport={"width": width, "height": 900})
        prepare_page(page)
        for lang in LANGUAGES:
            for path in PAGES:
                open_app(page, server.page_url(path, f"lang={lang}"))
                open_table_views(page)
                for table in page.evaluate(TABLES_JS, FIT_STEP_PX):
                    least = sum(w for _, _, w in table["columns"])
                    fits = table["fit"] <= table["room"]
                    rows.append([
                        lang, path or "overview", table["key"].removeprefix("st-key-"),
                        str(len(table["columns"])), f"{table['room']:.0f}", f"{least:.0f}",
                        str(table["fit"]), f"{100 * (table['fit'] - least) / least:+.0f} %",
                        "whole words" if fits else "words break",
                        "ok" if least <= table["fit"] else "**under**"])
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=1400, help="viewport width, px")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.width)
    table = md_table(["lang", "page", "table", "columns", "room px", "least px (measured)",
                      "asks px", "asks over least", "at this width", "estimate ≥ measure"],
                     rows)
    text = (f"Viewport {args.width} px, sidebar open; 'least' is the table laid out at "
            "min-content with whole words, 'asks' the room its key names (steps of "
            f"{FIT_STEP_PX} px).\n\n{table}")
    print(text)
    if not args.no_append:
        append_results(f"Tables in whole words ({args.width} px)", text)
    return 0 if all(r[-1] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
