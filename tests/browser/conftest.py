"""Fixtures for the real-browser tests: Streamlit servers, Debian's Chromium, pages that
record their traffic, and a data directory broken (and booby-trapped) on purpose.

Every test here is marked `browser`; run them alone with `pytest -m browser`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Page,
    Playwright,
    sync_playwright,
)

from tests.browser.support import (
    APP_TIMEOUT_MS,
    CHROMIUM,
    MISSING_CHROMIUM,
    VIEWPORT,
    StreamlitServer,
    Traffic,
    launch_browser,
    prepare_page,
    start_server,
    write_broken_data,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser drives a real browser."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- servers


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One app server on the bundled data, shared by the whole session."""
    srv = start_server(log_dir=tmp_path_factory.mktemp("server"))
    yield srv
    srv.stop()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Callable[..., StreamlitServer]]:
    """Factory for a server no browser has talked to yet (for first-request tests)."""
    started: list[StreamlitServer] = []

    def _start(data_dir: Path | None = None) -> StreamlitServer:
        srv = start_server(data_dir=data_dir, log_dir=tmp_path)
        started.append(srv)
        return srv

    yield _start
    for srv in started:
        srv.stop()


@pytest.fixture(scope="session")
def broken_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_broken_data(tmp_path_factory.mktemp("broken") / "data")


@pytest.fixture(scope="session")
def broken_server(broken_data: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """A server with `GFMD_DATA_DIR` pointed at the broken copy."""
    srv = start_server(data_dir=broken_data, log_dir=tmp_path_factory.mktemp("broken-server"))
    yield srv
    srv.stop()


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's Chromium; a missing browser is a failure (CI installs it), not a skip."""
    if not CHROMIUM.exists():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    chromium = launch_browser(playwright_session)
    yield chromium
    chromium.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True,
                                  service_workers="block")
    context.set_default_timeout(APP_TIMEOUT_MS)
    return context


def recorded_page(context: BrowserContext, traffic: Traffic) -> Page:
    """A new tab (a new Streamlit session) that records its traffic in `traffic`."""
    pg = context.new_page()
    prepare_page(pg)

    def on_dialog(dialog: Dialog) -> None:
        traffic.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("request", lambda request: traffic.urls.append(request.url))
    pg.on("dialog", on_dialog)
    pg.on("console", lambda msg: traffic.console_errors.append(msg.text)
          if msg.type == "error" else None)
    return pg


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    """One context for most tests: its HTTP cache spares reloading Plotly and deck.gl."""
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots to be looked at go: $GFMD_SCREENSHOTS, else a folder in the test
    run's temporary directory."""
    wanted = os.environ.get("GFMD_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def context_at(browser: Browser) -> Iterator[Callable[[int, int], BrowserContext]]:
    """Contexts by window size, made when first asked for and kept for the session: a
    context's HTTP cache spares its later tabs Streamlit's, Plotly's and deck.gl's files,
    which a new context would load again. Under 500 px wide it is a phone (touch)."""
    made: dict[tuple[int, int], BrowserContext] = {}

    def context_for(width: int, height: int) -> BrowserContext:
        if (width, height) not in made:
            phone = width < 500
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1, is_mobile=phone,
                                          has_touch=phone, accept_downloads=True,
                                          service_workers="block")
            context.set_default_timeout(APP_TIMEOUT_MS)
            made[width, height] = context
        return made[width, height]

    yield context_for
    for context in made.values():
        context.close()


@pytest.fixture
def page(shared_context: BrowserContext, traffic: Traffic) -> Iterator[Page]:
    """A new tab, so a new Streamlit session, recording every request URL and dialog."""
    pg = recorded_page(shared_context, traffic)
    yield pg
    pg.close()


@pytest.fixture
def tab_at(context_at: Callable[[int, int], BrowserContext],
           traffic: Traffic) -> Iterator[Callable[[int, int], Page]]:
    """Like `page`, at a window size of the test's choosing (its context from
    `context_at`, cache kept): tabs recording their traffic in `traffic`, closed after
    the test."""
    opened: list[Page] = []

    def tab(width: int, height: int) -> Page:
        opened.append(recorded_page(context_at(width, height), traffic))
        return opened[-1]

    yield tab
    for pg in opened:
        pg.close()


@pytest.fixture
def pristine_page(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """Like `page`, in a context of its own: empty cache, no cookies or storage."""
    context = new_context(browser)
    yield recorded_page(context, traffic)
    context.close()
