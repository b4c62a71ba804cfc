"""Regenerate the README's screenshots: every page of the app, whole, in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--every]

Starts its own server on 127.0.0.1 with the bundled data and writes one PNG per page,
named after the page's URL path (the default page as overview.png), the Overview and a
briefing in French and Arabic, and a table on a phone (390 px) in each language. The
briefing page is shot with a theme chosen, so it shows a briefing rather than its empty
state. `--every` shoots every page whole at 1400 and 390 px in en, fr and
ar (name-width-lang.png), to look at before a release; the README keeps the smaller set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.support import (  # needs the repository on sys.path (above)
    PAGES,
    ROOT,
    VIEWPORT,
    full_page_screenshot,
    launch_browser,
    open_app,
    page_url,
    prepare_page,
    running_server,
)

# A view worth showing per page; pages not listed are shot with the default filters.
QUERIES = {"briefing": "b_theme=diaspora-development&b_years=2007&b_years=2025"}
# The Overview and a briefing in French and Arabic (a link names a theme by its id).
LANGUAGE_SHOTS = [
    *((f"overview-{lang}", "overview", f"lang={lang}") for lang in ("fr", "ar")),
    *((f"briefing-{lang}", "briefing", f"{QUERIES['briefing']}&lang={lang}")
      for lang in ("fr", "ar")),
]
PHONE = {"width": 390, "height": 844}
# A table on a phone, one card a row: scrolled to the page's first table.
PHONE_SHOTS = [("roundtables-phone", "roundtables", "lang=en"),
               ("data-phone-fr", "data", "lang=fr"),
               ("contributions-phone-ar", "contributions", "lang=ar")]
LANGUAGES = ("en", "fr", "ar")


def _query(name: str, lang: str) -> str:
    return "&".join(q for q in (QUERIES.get(name, ""), f"lang={lang}") if q)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--every", action="store_true",
                        help="every page whole, at 1400 and 390 px, in en, fr and ar")
    args = parser.parse_args(argv)
    by_name = {p.name: p for p in PAGES}
    if args.every:
        shots = [(f"{p.name}-{width}-{lang}", p.name, _query(p.name, lang), size, True)
                 for width, size in (("1400", VIEWPORT), ("390", PHONE))
                 for lang in LANGUAGES for p in PAGES]
    else:
        shots = ([(p.name, p.name, QUERIES.get(p.name, ""), VIEWPORT, True) for p in PAGES]
                 + [(*shot, VIEWPORT, True) for shot in LANGUAGE_SHOTS]
                 + [(*shot, PHONE, False) for shot in PHONE_SHOTS])
    with running_server() as server, sync_playwright() as pw:
        browser = launch_browser(pw)
        contexts = {}
        for name, page_name, query, size, whole in shots:
            key = (size["width"], size["height"])
            if key not in contexts:
                contexts[key] = browser.new_context(viewport=size, device_scale_factor=1)
            page = contexts[key].new_page()
            prepare_page(page)
            open_app(page, page_url(server, by_name[page_name], query))
            path = args.out / f"{name}.png"
            if whole:
                full_page_screenshot(page, path)
            else:
                page.locator(".gfmd-table").first.scroll_into_view_if_needed()
                path.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), animations="disabled")
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
