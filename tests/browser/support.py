"""Shared by the browser tests and `scripts/screenshots.py`: start a Streamlit server,
launch Debian's Chromium, and wait for the app to finish rendering.

Synchronisation is read from Streamlit's own DOM, never from fixed sleeps:

* `[data-testid="stApp"]` carries `data-test-connection-state` (`CONNECTED` once the
  websocket is up) and `data-test-script-state` (`initial` → `running` → `notRunning`).
* `notRunning` comes before the page is drawn: lazily loaded elements (data frames,
  download buttons, charts) show a `[data-testid="stSkeleton"]` placeholder first, and
  Plotly draws its `.main-svg` and deck.gl its `<canvas>` later still.
* A rerun marks the old elements `data-stale="true"` until they are replaced.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from components.pages import PAGES as REGISTRY
from components.pages import PageSpec
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.text.messages import LANGUAGES, t, use_language
from serving import streamlit
from serving.streamlit import StreamlitProcess

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (we run as root), no GPU, and nothing that phones Google in the background.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
MISSING_CHROMIUM = (
    f"{CHROMIUM} not found: the browser tests drive Debian's Chromium. Run `.ci/run` (or "
    "`make test`, which installs it with apt-get) — never `playwright install`."
)
# Bounds on a hang, not on speed: far above a page's few seconds, so a machine busy with
# other work fails no test (performance is measured in bench/, as ratios).
SERVER_START_S = 120.0
APP_TIMEOUT_MS = 120_000

# Text Streamlit shows when a script fails (the details are redacted by our config).
ERROR_TEXTS = (
    "Traceback (most recent call last)",
    "This app has encountered an error",
    "StreamlitAPIException",
    "Connection error",
)


# ---------------------------------------------------------------------------- pages


AppPage = PageSpec  # one entry of the page registry (components/pages.py)


PAGES: list[AppPage] = list(REGISTRY)
PAGE_IDS = [p.name for p in PAGES]
DEFAULT_PAGE = next(p for p in PAGES if p.default)

# What each page must draw, at least. Pages not listed (a new page) need no chart.
MIN_CHARTS: dict[str, dict[str, int]] = {
    "overview": {"plotly": 1},
    "roundtables": {"plotly": 1},
    "meetings": {"deck": 1},
    "contributions": {"plotly": 1},
}



def page_url(server: StreamlitServer, app_page: AppPage, query: str = "") -> str:
    """A page's URL as its sidebar link gives it: the default page is at '/'."""
    return server.page_url(app_page.url_path, query)


# ---------------------------------------------------------------- broken data

# The booby-trapped values written into the broken data copy.
HOSTILE_TITLE = ('<img src=x onerror="window.__xss=1">**bold** '
                 '<script>window.__xss=2</script> =1+1')
FORMULA_TITLE = "=1+1"
LONG_TITLE = "Long title " + "x" * (10_000 - len("Long title "))
BROKEN_FILE = "participation/MAR/2016.yaml"
HOSTILE_FILE = "participation/MAR/2012.yaml"
LONG_FILE = "participation/MAR/2014.yaml"


def write_broken_data(target: Path) -> Path:
    """A copy of data/ with one invalid participation file and hostile role titles."""
    shutil.copytree(DEFAULT_DATA_DIR, target)

    def edit(rel: str, old: str, new: str) -> None:
        path = target / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(BROKEN_FILE, "amount_usd: 50000", "amount_usd: -1")
    # JSON strings are valid YAML double-quoted scalars: the text goes in unchanged.
    edit(HOSTILE_FILE,
         "title: Supporting migrants and diaspora as agents of socioeconomic change",
         f"title: {json.dumps(HOSTILE_TITLE)}")
    edit(HOSTILE_FILE,
         "title: Supporting national development through migration mainstreaming processes, "
         "extended migration profiles and poverty reduction strategies",
         f"title: {json.dumps(FORMULA_TITLE)}")
    edit(LONG_FILE,
         "title: Enhancing the development impacts of labour migration and circular mobility "
         "through more systematic labour market and skills matching",
         f"title: {json.dumps(LONG_TITLE)}")
    return target


# --------------------------------------------------------------------------- server


StreamlitServer = StreamlitProcess


def start_server(data_dir: Path | None = None, log_dir: Path | None = None,
                 extra_env: Mapping[str, str] | None = None,
                 timeout_s: float = SERVER_START_S) -> StreamlitServer:
    """The app on a free port (`serving.streamlit.start`), on the bundled data unless
    `data_dir` says otherwise."""
    return streamlit.start(data_dir=data_dir, log_dir=log_dir, env=extra_env,
                           timeout_s=timeout_s)


@contextmanager
def running_server(data_dir: Path | None = None,
                   log_dir: Path | None = None) -> Iterator[StreamlitServer]:
    """`start_server` as a context manager that always stops the process."""
    with streamlit.running(data_dir=data_dir, log_dir=log_dir) as server:
        yield server


# -------------------------------------------------------------------------- browser


def launch_browser(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with the no-background-network flags."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)


# Counts finished script runs, so a test can wait for the rerun its click caused, and
# the app's websocket traffic: a rerun that takes less than one React render never
# shows a "running" state, so the messages are the only trace it leaves.
RUN_COUNTER_JS = """
(() => {
  window.__gfmdRuns = 0;
  window.__gfmdSent = 0;
  window.__gfmdReceived = 0;
  window.__gfmdLastReceived = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        window.__gfmdReceived += 1; window.__gfmdLastReceived = performance.now();
      });
    }
    send(data) { window.__gfmdSent += 1; return super.send(data); }
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      const el = m.target;
      if (el.getAttribute && el.getAttribute('data-testid') === 'stApp'
          && m.oldValue !== 'notRunning'
          && el.getAttribute('data-test-script-state') === 'notRunning') {
        window.__gfmdRuns += 1;
      }
    }
  });
  observer.observe(document, {
    subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
})();
"""

# True once the app is idle and drawn, and has stayed the same for `quietMs`.
APP_READY_JS = """
(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const fail = (why) => { window.__gfmdWaitingFor = why; window.__gfmdSig = null; return false; };
  if (!app || !main) return fail('stApp');
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return fail('connection');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return fail('script run');
  if (!main.querySelector('[data-testid="stElementContainer"]')) return fail('main block');
  if (document.querySelector('[data-stale="true"]')) return fail('stale elements');
  if (document.querySelector('[data-testid="stSkeleton"]')) return fail('lazy elements');
  if (!document.querySelector('[data-testid="stException"]')) {
    for (const c of main.querySelectorAll('[data-testid="stPlotlyChart"]'))
      if (!c.querySelector('.main-svg')) return fail('plotly chart');
    for (const c of main.querySelectorAll('[data-testid="stDeckGlJsonChart"]'))
      if (!c.querySelector('canvas')) return fail('deck.gl canvas');
  }
  const sig = main.querySelectorAll('*').length + ':' + main.innerText.length;
  const now = performance.now();
  if (window.__gfmdSig !== sig) {
    window.__gfmdSig = sig; window.__gfmdSince = now; window.__gfmdWaitingFor = 'quiet';
    return false;
  }
  return now - window.__gfmdSince >= quietMs;
}
"""


def prepare_page(page: Page) -> None:
    """Install the run counter; call before the first `goto`."""
    page.add_init_script(RUN_COUNTER_JS)


def wait_for_app(page: Page, timeout_ms: float = APP_TIMEOUT_MS, quiet_ms: int = 300) -> None:
    """Wait until the script has run, every element is drawn and the DOM is quiet.

    A page that raised stops waiting as soon as its `stException` is drawn, so the
    test can report it rather than time out.
    """
    try:
        page.wait_for_function(APP_READY_JS, arg=quiet_ms, polling=100, timeout=timeout_ms)
    except Exception as exc:
        waiting = page.evaluate("() => window.__gfmdWaitingFor || 'unknown'")
        raise AssertionError(f"app not ready after {timeout_ms:.0f} ms "
                             f"(waiting for: {waiting}) at {page.url}") from exc


TRAFFIC_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {runs: window.__gfmdRuns || 0, sent: window.__gfmdSent || 0,
          received: window.__gfmdReceived || 0,
          script: app && app.getAttribute('data-test-script-state'),
          connection: app && app.getAttribute('data-test-connection-state')};
}"""

# A rerun has ended once a run was counted, or, for a run too quick to be drawn as
# running, once the app sent a message, was answered and has heard nothing for 250 ms.
RERUN_DONE_JS = """
(n) => {
  if ((window.__gfmdRuns || 0) > n.runs) return true;
  const app = document.querySelector('[data-testid="stApp"]');
  return window.__gfmdSent > n.sent && window.__gfmdReceived > n.received
    && app && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - window.__gfmdLastReceived >= 250;
}
"""


def rerun_after(page: Page, action: Callable[[], Any],
                timeout_ms: float = APP_TIMEOUT_MS) -> None:
    """Do `action` (a click that reruns the script) and wait for that rerun to be drawn."""
    before = page.evaluate(TRAFFIC_JS)
    action()
    try:
        page.wait_for_function(RERUN_DONE_JS, arg=before, polling=50, timeout=timeout_ms)
    except Exception as exc:
        after = page.evaluate(TRAFFIC_JS)
        raise AssertionError(f"no rerun after the action at {page.url}: "
                             f"before {before}, after {after}") from exc
    wait_for_app(page, timeout_ms)


CHOOSE_ATTEMPTS = 6
OPTION_WAIT_MS = 4000


def choose_option(page: Page, opener: Locator, option: Locator,
                  attempts: int = CHOOSE_ATTEMPTS) -> None:
    """Open a select list with `opener` and click `option` in it.

    Streamlit's lists are react-aria popovers, which close as soon as anything
    scrolls: a chart settling, the main area scrolling to a table just opened. An
    option can so vanish between being found and being clicked, and a click that
    waits for it would wait for a list that is no longer open. Each attempt opens the
    list again, by click and then by keyboard, and gives the option a few seconds.
    """
    for attempt in range(attempts):
        if not option.is_visible():
            if attempt % 2:
                opener.focus()
                page.keyboard.press("ArrowDown")
            else:
                opener.click()
        try:
            option.click(timeout=OPTION_WAIT_MS)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"{option} never stayed open long enough to be chosen "
                         f"({attempts} attempts) at {page.url}")


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the select box or multiselect labelled `label`."""
    choose_option(page, page.get_by_label(label, exact=True),
                  page.get_by_role("option", name=option, exact=True))


def open_app(page: Page, url: str, timeout_ms: float = APP_TIMEOUT_MS) -> None:
    """Go to `url` and wait for the app to be drawn."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


@dataclass
class Traffic:
    """What a page did: every request URL, dialogs opened and console errors."""

    urls: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign(self) -> set[str]:
        """Requests to anything but 127.0.0.1 (data: and blob: URLs stay in the page)."""
        local = {"data", "blob", "about"}
        return {u for u in self.urls
                if urlsplit(u).scheme not in local and urlsplit(u).hostname != "127.0.0.1"}


def page_errors(page: Page) -> list[str]:
    """Exceptions drawn by Streamlit, its error modals ("Page not found", "Connection
    error") and error text anywhere in the app, for asserts."""
    found = [f"stException: {text[:500]}" for text in
             page.locator('[data-testid="stException"]').all_inner_texts()]
    found += [f"modal: {' '.join(text.split())[:300]}" for text in
              page.locator('[data-testid="stDialog"], [role="dialog"]').all_inner_texts()]
    body = page.locator('[data-testid="stApp"]').inner_text()
    found += [f"error text: {text!r}" for text in ERROR_TEXTS if text in body]
    return found


def slider_values(page: Page) -> list[int]:
    """The sidebar year slider's thumbs as shown (aria-valuetext: a thumb's `value` is
    clamped by the other thumb, so it misreports a reversed range)."""
    thumbs = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input')
    return [int(thumbs.nth(i).get_attribute("aria-valuetext") or thumbs.nth(i).input_value())
            for i in range(thumbs.count())]


def multiselect_tags(page: Page, label: str) -> list[str]:
    """The values selected in the sidebar multiselect labelled `label`."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]',
                       has=page.get_by_text(label, exact=True))
    return [str(tag.get_attribute("aria-label")) for tag in box.locator("[data-tag]").all()]


def chart_boxes(page: Page) -> dict[str, list[dict[str, float]]]:
    """Bounding boxes of each Plotly chart's drawing and each deck.gl canvas."""
    return page.evaluate("""() => {
      const box = (el) => { const r = el.getBoundingClientRect();
                            return {width: r.width, height: r.height}; };
      const main = document.querySelector('[data-testid="stMain"]');
      return {
        plotly: [...main.querySelectorAll('[data-testid="stPlotlyChart"]')]
          .map((c) => box(c.querySelector('.main-svg') || c)),
        deck: [...main.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
          .map((c) => box(c.querySelector('canvas') || c)),
      };
    }""")


# ----------------------------------------------------------- several checks, one load


class Checks:
    """Several named checks on one page load, for a test that loads a page once and
    reads it for many things: each check runs even when an earlier one failed, and the
    test fails at the end naming every failed check with its own message.

        checks = Checks()
        with checks("draws its charts"):
            assert ...
        checks.done()
    """

    def __init__(self) -> None:
        self.failed: dict[str, str] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # a Playwright timeout fails its check, not the others
            self.failed[name] = f"{type(exc).__name__}: {exc}"

    def done(self) -> None:
        assert not self.failed, "\n\n".join(f"[{name}] {why}"
                                             for name, why in self.failed.items())


# ------------------------------------------------------------- tables, downloads

ROWS_SHOWN = " shown."  # "1 row shown." or "N rows shown."


def read_csv(data: bytes) -> pd.DataFrame:
    """A CSV as the app writes it: UTF-8 with BOM; every cell kept as text."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)


def data_version(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """The data version a server on `data_dir` serves (what download names carry)."""
    from gfmd.changes.history import current_version

    return current_version(data_dir)


def download(page: Page, button: Locator) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and its bytes."""
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    dl = info.value
    path = dl.path()
    assert path is not None, f"download of {dl.suggested_filename} failed: {dl.failure()}"
    return dl.suggested_filename, path.read_bytes()


def csv_buttons(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button',
                        has_text="Download CSV")


def block_of(button: Locator) -> Locator:
    """The block that holds a download button's table and its "N rows shown." caption."""
    return button.locator(
        "xpath=ancestor::div[@data-testid='stVerticalBlock']"
        f"[.//div[@data-testid='stCaptionContainer'][contains(., '{ROWS_SHOWN}')]][1]")


def rows_shown(block: Locator) -> int:
    caption = block.locator('[data-testid="stCaptionContainer"]', has_text=ROWS_SHOWN).first
    return int(caption.inner_text().split()[0])


def table_view_label() -> re.Pattern[str]:
    """The "Table view" expander's label in every language of the catalogue."""
    labels = []
    for lang in LANGUAGES:
        with use_language(lang):
            labels.append(re.escape(t("common.table_view")))
    return re.compile("|".join(labels))


def open_table_views(page: Page) -> int:
    """Open every closed "Table view" expander, in whichever language the page is; each
    opening reruns the script, which only then draws the table and its downloads.
    Returns how many are open at the end (a click the rerun undid is made again)."""
    views = page.locator('[data-testid="stExpander"] details > summary',
                         has_text=table_view_label())
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary',
                          has_text=table_view_label())
    while closed.count():
        rerun_after(page, closed.first.click)
    return views.count()


def table_columns(table: Locator) -> list[str]:
    """The headers of a table, in words, in order."""
    return [h.strip() for h in table.locator("thead th").all_inner_texts()]


def table_rows(table: Locator) -> int:
    """Rows in a table's body (the header row not counted)."""
    return table.locator("tbody tr").count()


def table_column_values(table: Locator, column: str) -> list[str]:
    """Text of every cell of one column, as the reader sees it."""
    nth = table_columns(table).index(column) + 1
    return [t.strip() for t in table.locator(f"tbody tr > :nth-child({nth})").all_inner_texts()]


def distinct_colours(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
    return len(colours) if colours is not None else 1 << 16


def full_page_screenshot(page: Page, path: Path, max_height: int = 16_000) -> None:
    """Screenshot the whole app. Streamlit scrolls inside `stMain`, not the document, so
    Playwright's `full_page` alone stops at the viewport: grow the viewport to the
    content first, let the app settle, then shoot and restore."""
    size = page.viewport_size or VIEWPORT
    height = page.evaluate("""() => {
      const main = document.querySelector('[data-testid="stMain"]');
      const side = document.querySelector('[data-testid="stSidebarContent"]');
      return Math.max(main ? main.scrollHeight : 0, side ? side.scrollHeight : 0);
    }""")
    page.set_viewport_size({"width": size["width"],
                            "height": int(min(max(height, size["height"]), max_height))})
    try:
        wait_for_app(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(size)


# The pages with plotly charts.
CHART_PAGES = [p for p in PAGES if p.name in ("overview", "roundtables", "partners",
                                                 "contributions")]
# Each chart's axis titles against its tick labels: boxes that overlap, by name.
AXIS_OVERLAPS = """() => {
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                        && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const out = [];
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const titles = 'g[class^="g-x"][class$="title"] text, g[class^="g-y"][class$="title"] text';
    for (const title of chart.querySelectorAll(titles)) {
      const box = title.getBoundingClientRect();
      for (const tick of chart.querySelectorAll('g[class$="tick"] > text')) {
        if (hit(box, tick.getBoundingClientRect()))
          out.push([title.textContent, tick.textContent]);
      }
    }
  }
  return out;
}"""
# Tick labels and axis titles that stick out of their chart's drawing (the margins are
# fixed, not grown by plotly: components/figures.py), with how far, px.
LABELS_CUT = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')) {
    const frame = svg.getBoundingClientRect();
    const labels = svg.querySelectorAll('g[class$="tick"] > text, g[class$="title"] text');
    for (const label of labels) {
      const box = label.getBoundingClientRect();
      const out_by = Math.max(frame.left - box.left, box.right - frame.right,
                              frame.top - box.top, box.bottom - frame.bottom);
      if (out_by > 0.5) out.push([label.textContent, Math.round(out_by)]);
    }
  }
  return out;
}"""


def chart_label_problems(page: Page) -> list[list]:
    """The page's charts' axis titles on top of tick labels, and labels cut by the chart's
    edge; at least two axis titles must be drawn for the check to mean anything."""
    assert page.locator('[data-testid="stPlotlyChart"] g[class$="title"] text').count() > 1
    return page.evaluate(AXIS_OVERLAPS) + page.evaluate(LABELS_CUT)


# ------------------------------------------------- the document's language and direction

LANG_DIR = "() => [document.documentElement.lang, document.documentElement.dir]"
LANG_DIR_IS = ("([lang, dir]) => document.documentElement.lang === lang"
               " && document.documentElement.dir === dir")


def document_language(page: Page, expected: list[str]) -> list[str]:
    """`<html lang dir>` once the page's language script has run. The script is a file
    the app fetches, so it can run after the app looks drawn: wait for `expected`
    (no longer than a page load may take), then report what is there."""
    with suppress(PlaywrightTimeoutError):  # the assert says what was found
        page.wait_for_function(LANG_DIR_IS, arg=expected, polling=100,
                               timeout=APP_TIMEOUT_MS)
    return page.evaluate(LANG_DIR)
