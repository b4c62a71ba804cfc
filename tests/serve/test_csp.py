"""Every page works in Chromium under the Content-Security-Policy nginx enforces: no
violation reported, no console error, charts and the map drawn, a briefing built and
downloaded. A policy the app broke in a way no test looked at would be worse than none."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Response, sync_playwright

from serving.supervise import Served
from tests.browser.support import (
    MIN_CHARTS,
    PAGES,
    VIEWPORT,
    chart_boxes,
    document_language,
    download,
    launch_browser,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
)
from tests.serve.conftest import in_thread

pytestmark = [pytest.mark.serve, pytest.mark.browser]

DIRECTIONS = {"en": "ltr", "ar": "rtl"}
BRIEFING_QUERY = "b_theme=Diaspora%20and%20development&b_years=2007&b_years=2025"
# Installed before any page script: every violation the browser reports, enforced or not.
VIOLATIONS_JS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


@dataclass
class PageReport:
    policy: str | None = None
    violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # HTTP errors but Streamlit's probes
    probes: int = 0
    errors: list[str] = field(default_factory=list)
    boxes: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    marks: int = 0
    download: bytes = b""
    direction: list[str] = field(default_factory=list)  # <html lang dir>


RESOURCE_404 = "Failed to load resource: the server responded with a status of 404"
_PROBE = re.compile(r"^/[^/]+/_stcore/(host-config|health|allowed-message-origins)$")


def is_base_path_probe(url: str) -> bool:
    """A 404 Streamlit's frontend causes itself on a deep link: it probes `/<page>/_stcore/…`
    before `/_stcore/…` to find the server's base path (streamlit/streamlit#7074). Counted
    apart from the app's errors."""
    return bool(_PROBE.match(urllib.parse.urlsplit(url).path))


def visit_every_page(base: str) -> dict[str, PageReport]:
    """Each page in a new tab (a new session) of one context, the Briefing page also
    building a note and downloading it as Word."""
    reports: dict[str, PageReport] = {}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True,
                                      service_workers="block")
        try:
            # Every page in English, and the first in Arabic: the script that marks the
            # document's language and direction must run under the policy.
            visits = [(spec.name, spec, "en") for spec in PAGES] + [
                (f"{PAGES[0].name}-ar", PAGES[0], "ar")]
            for name, spec, lang in visits:
                rep = reports[name] = PageReport()
                page = context.new_page()
                prepare_page(page)
                page.add_init_script(VIOLATIONS_JS)
                page.on("console", lambda m, r=rep: r.console_errors.append(m.text)
                        if m.type == "error" else None)

                def on_response(resp: Response, r: PageReport = rep) -> None:
                    if resp.request.is_navigation_request() and r.policy is None:
                        r.policy = resp.headers.get("content-security-policy")
                    if resp.status < 400:
                        return
                    if resp.status == 404 and is_base_path_probe(resp.url):
                        r.probes += 1
                    else:
                        r.failed.append(f"{resp.status} {resp.url}")

                page.on("response", on_response)
                query = "&".join(q for q in (
                    BRIEFING_QUERY if spec.name == "briefing" else "",
                    "lang=ar" if lang == "ar" else "") if q)
                url = f"{base}/{spec.url_path}" + (f"?{query}" if query else "")
                open_app(page, url)
                rep.direction = document_language(page, [lang, DIRECTIONS[lang]])
                if spec.name == "briefing":
                    rerun_after(page, page.get_by_role("button", name="Build the note").click)
                    _, rep.download = download(page,
                                               page.locator(".st-key-briefing-docx button"))
                for chart in page.locator('[data-testid="stMain"] '
                                          '[data-testid="stPlotlyChart"]').all():
                    chart.scroll_into_view_if_needed()
                rep.marks = page.locator(".plot path, .plot .point, .scatterlayer path").count()
                rep.boxes = chart_boxes(page)
                rep.errors = page_errors(page)
                # A late violation still counts: the charts' workers are up once they
                # are drawn (open_app), the fonts once the document says they are ready.
                rep.violations = page.evaluate(
                    "async () => { await document.fonts.ready; return window.__csp; }")
                page.close()
        finally:
            context.close()
            browser.close()
    return reports


def test_every_page_works_under_the_policy(served: Served) -> None:
    reports = in_thread(lambda: visit_every_page(served.base))
    for name, rep in reports.items():
        assert rep.policy and "default-src 'self'" in rep.policy, (name, rep.policy)
        assert "frame-ancestors 'none'" in rep.policy
        lang = "ar" if name.endswith("-ar") else "en"
        assert rep.direction == [lang, DIRECTIONS[lang]], (name, rep.direction)
        assert rep.violations == [], (name, rep.violations)
        assert rep.errors == [], (name, rep.errors)
        assert rep.failed == [], (name, rep.failed)
        # The only console errors: the browser's echo of Streamlit's own probe 404s.
        others = [e for e in rep.console_errors if not e.startswith(RESOURCE_404)]
        assert others == [], (name, others)
        assert len(rep.console_errors) - len(others) <= rep.probes, (name, rep.console_errors)
        wanted = MIN_CHARTS.get(name, {})
        for kind in ("plotly", "deck"):
            assert len(rep.boxes[kind]) >= wanted.get(kind, 0), (name, rep.boxes)
            for box in rep.boxes[kind]:
                assert box["width"] > 100 and box["height"] > 100, (name, kind, rep.boxes)
        if rep.boxes["plotly"]:
            assert rep.marks > 0, f"{name}: plotly drew axes but no marks"
    assert reports["briefing"].download[:2] == b"PK", "no Word file downloaded"
