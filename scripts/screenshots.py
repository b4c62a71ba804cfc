"""Regenerate the README's screenshots: every page of the app, whole, in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Starts its own server on 127.0.0.1 with the bundled data and writes one PNG per page,
named after the page's URL path (the default page as overview.png). The briefing page is
shot with a theme chosen, so it shows a briefing rather than its empty state.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode

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
QUERIES = {"briefing": "b_theme=Diaspora%20and%20development&b_years=2007&b_years=2025"}
# The Overview and a briefing in French and Arabic (a theme is named in the page's language).
DIASPORA = {"fr": "Diaspora et développement", "ar": "الجالية والتنمية"}
LANGUAGE_SHOTS = [
    *((f"overview-{lang}", "overview", urlencode({"lang": lang})) for lang in DIASPORA),
    *((f"briefing-{lang}", "briefing",
       urlencode({"lang": lang, "b_theme": theme, "b_years": [2007, 2025]}, doseq=True))
      for lang, theme in DIASPORA.items()),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with running_server() as server, sync_playwright() as pw:
        browser = launch_browser(pw)
        context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        by_name = {p.name: p for p in PAGES}
        shots = [(p.name, p.name, QUERIES.get(p.name, "")) for p in PAGES] + LANGUAGE_SHOTS
        for name, page_name, query in shots:
            page = context.new_page()
            prepare_page(page)
            open_app(page, page_url(server, by_name[page_name], query))
            path = args.out / f"{name}.png"
            full_page_screenshot(page, path)
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
