"""The record kept current without a developer, in a real Chromium with a real sign-in:
a proposal typed and submitted, a reviewer signed in through OpenID Connect (a provider
started here on 127.0.0.1) accepts it, the change shows on the pages and in the change
log, a link pinned to the old version still shows the old record, a signed-in
non-reviewer sees neither the proposal nor a way to accept it, and a reviewer turns the
queue's pages by keyboard."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from components.review import PAGE_SIZE
from gfmd.changes import proposals
from gfmd.store.loader import DEFAULT_DATA_DIR
from tests.browser.conftest import new_context
from tests.browser.support import (
    StreamlitServer,
    choose,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
    start_server,
    wait_for_app,
)
from tests.browser.test_accessibility import axe_violations, describe
from tests.oidc_provider import READER, REVIEWER, OIDCProvider
from tests.proposal_helpers import init_record
from tests.review_helpers import MEETING_TITLE, SOURCE_URL, draft

SUMMARY = "Morocco co-chaired a workshop on consular services in Rabat"

pytestmark = pytest.mark.browser


def secrets_toml(provider: OIDCProvider, reviewers: list[str]) -> str:
    """The app's secrets file: sign-in through `provider`, `reviewers` may decide.
    `{port}` is the app's own port, filled in by Streamlit."""
    auth = provider.auth_config("http://127.0.0.1:{port}/oauth2callback",
                                secrets.token_urlsafe(32))
    lines = ["[auth]", *(f'{k} = "{v}"' for k, v in auth.items()),
             "", "[review]", "reviewers = [" + ", ".join(f'"{r}"' for r in reviewers) + "]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    with OIDCProvider().serve() as running:
        yield running


@dataclass
class ReviewApp:
    server: StreamlitServer
    data: Path


@pytest.fixture(scope="module")
def review_app(provider: OIDCProvider,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewApp]:
    """The app on a copy of data/ in a git repository of its own, sign-in configured."""
    root = tmp_path_factory.mktemp("review")
    shutil.copytree(DEFAULT_DATA_DIR, root / "data")
    init_record(root / "data")
    (root / "secrets.toml").write_text(secrets_toml(provider, [REVIEWER]), encoding="utf-8")
    srv = start_server(data_dir=root / "data", log_dir=root, extra_env={
        "STREAMLIT_SECRETS_FILES": str(root / "secrets.toml")})
    yield ReviewApp(srv, root / "data")
    srv.stop()


def sign_in(page: Page, server: StreamlitServer, email: str) -> None:
    """From the Review page, through the provider's form, back signed in."""
    open_app(page, server.page_url("review"))
    page.get_by_role("button", name="Sign in as a reviewer").click()
    page.wait_for_url("http://127.0.0.1:*/authorize?*")
    page.get_by_role("textbox", name="E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/")  # the callback sends the browser to the app's root
    wait_for_app(page)
    open_app(page, server.page_url("review"))


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has=page.get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


@pytest.fixture
def signed_in_page(browser: Browser) -> Iterator[Page]:
    """A tab in a context of its own: its own sign-in cookie."""
    context = new_context(browser)
    page = context.new_page()
    prepare_page(page)
    yield page
    context.close()


def propose_meeting(page: Page, server: StreamlitServer) -> str:
    """Type a thematic meeting and its source on the Propose page, as a desk officer
    would, and send it; the id the page gives back."""
    open_app(page, server.page_url("propose"))
    rerun_after(page, page.get_by_text("A thematic meeting", exact=True).click)
    choose(page, "Morocco's role", "Co-chair")
    page.get_by_role("textbox", name="Title", exact=True).fill(MEETING_TITLE)
    page.get_by_role("textbox", name="First day", exact=True).fill("2025-05-12")
    page.get_by_role("textbox", name="City", exact=True).fill("Rabat")
    page.get_by_role("textbox", name="Country", exact=True).fill("Morocco")
    choose(page, "Themes", "Labour mobility and skills")
    page.keyboard.press("Escape")
    choose(page, "Who shared the role", "Not recorded")
    page.get_by_role("textbox", name="The change in one sentence", exact=True).fill(SUMMARY)
    page.get_by_role("textbox", name="Public address of the source (URL)", exact=True).fill(SOURCE_URL)
    page.get_by_role("textbox", name="The source's title", exact=True).fill("GFMD workshop page (test)")
    page.get_by_role("textbox", name="Your name or office (optional)", exact=True).fill("Desk officer")
    rerun_after(page, page.get_by_role("button", name="Send for review").click)
    stored = page.locator('[data-testid="stAlertContentSuccess"]', has_text="Thank you")
    expect(stored).to_be_visible()
    return stored.inner_text().split("proposal ")[1].split()[0]


@pytest.mark.timeout(600)  # many page loads; slow on a shared machine
def test_typed_signed_in_accepted_shown_and_pinned(
        signed_in_page: Page, provider: OIDCProvider, review_app: ReviewApp) -> None:
    page, server = signed_in_page, review_app.server
    open_app(page, server.page_url(""))
    meetings_before = int(metric(page, "Thematic meetings"))

    proposal_id = propose_meeting(page, server)
    assert [p.id for p in proposals.pending(review_app.data)] == [proposal_id]

    sign_in(page, server, REVIEWER)
    expect(page.get_by_text(f"Signed in as {REVIEWER}, a reviewer")).to_be_visible()
    assert provider.token_requests >= 1
    card = page.locator(f".st-key-proposal-{proposal_id}")
    expect(card.get_by_role("heading", name=SUMMARY)).to_be_visible()
    expect(card.get_by_text(f"title: {MEETING_TITLE}")).to_be_visible()  # the diff
    expect(card.get_by_role("link", name="GFMD workshop page (test)")).to_have_attribute(
        "href", SOURCE_URL)
    violations = axe_violations(page)  # the reviewer's view: diff, Accept, Reject form
    assert violations == [], describe(violations)
    rerun_after(page, card.get_by_role("button", name="Accept into the record").click)
    expect(page.locator('[data-testid="stAlertContentSuccess"]',
                        has_text=f"Accepted: “{SUMMARY}” is now in the record")).to_be_visible()
    expect(page.get_by_text("0 proposals waiting for review")).to_be_visible()
    assert page_errors(page) == []

    # On the pages: one more thematic meeting, the new one in the Meetings table.
    open_app(page, server.page_url(""))
    assert int(metric(page, "Thematic meetings")) == meetings_before + 1
    open_app(page, server.page_url("meetings", "q=consular"))
    expect(page.get_by_text("1 row shown.")).to_be_visible()

    # In the change log, and its link to the record before the change: the old count.
    open_app(page, server.page_url("changes"))
    entry = page.locator(".st-key-change-2")  # change 1: the record's first commit
    expect(entry).to_contain_text(SUMMARY)
    expect(entry).to_contain_text(f"Reviewed by {REVIEWER}")
    entry.get_by_role("link", name="The record before this change").click()
    page.wait_for_url("**v=*")
    wait_for_app(page)
    assert int(metric(page, "Thematic meetings")) == meetings_before
    expect(page.locator(".st-key-pinned-version")).to_contain_text(
        "You are reading the record as it stood at data version")
    pinned = page.url
    open_app(page, pinned)  # the same link, opened afresh, still shows the old record
    assert int(metric(page, "Thematic meetings")) == meetings_before
    assert page_errors(page) == []


def test_a_signed_in_non_reviewer_neither_reads_nor_accepts(
        signed_in_page: Page, provider: OIDCProvider, review_app: ReviewApp) -> None:
    page, server = signed_in_page, review_app.server
    proposal = proposals.submit(draft(summary="Proposed while a reader looks",
                                      title="Reader's view (test)"),
                                review_app.data)
    sign_in(page, server, READER)
    expect(page.get_by_text(f"Signed in as {READER}, who is not on the reviewers list")
           ).to_be_visible()
    # Proposals are for reviewers' eyes (F2.10): the count, not the text.
    expect(page.get_by_text("shown here to signed-in reviewers only")).to_be_visible()
    expect(page.locator(f".st-key-proposal-{proposal.id}")).to_have_count(0)
    expect(page.get_by_text("Proposed while a reader looks")).to_have_count(0)
    expect(page.get_by_role("button", name="Accept into the record")).to_have_count(0)
    expect(page.get_by_role("button", name="Reject")).to_have_count(0)
    assert proposal.id in [p.id for p in proposals.pending(review_app.data)]

    # Signing out goes through the provider's end-session endpoint and back, signed out.
    with page.expect_request(f"{provider.issuer}/logout?*"):
        page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{server.url}/")
    open_app(page, server.page_url("review"))
    expect(page.get_by_role("button", name="Sign in as a reviewer")).to_be_visible()
    assert page_errors(page) == []


def test_a_reviewer_turns_the_queue_s_pages_by_keyboard(
        signed_in_page: Page, review_app: ReviewApp) -> None:
    """Ten proposals a page: the page buttons are reached with Tab and pressed with Enter,
    and the page says where the reader is (after the tests above: nothing else waits)."""
    page, server = signed_in_page, review_app.server
    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    for n in range(PAGE_SIZE + 1):
        proposals.submit(draft(summary=f"Queued for the pages test {n:02d}",
                               title=f"Pages test {n:02d}"),
                         review_app.data, now=start + dt.timedelta(minutes=n))
    total = len(proposals.pending(review_app.data))
    sign_in(page, server, REVIEWER)
    expect(page.get_by_text(f"Proposals 1–{PAGE_SIZE} of {total}, oldest first (page 1 of 2)."
                            )).to_be_visible()
    previous = page.get_by_role("button", name="Previous proposals")
    forward = page.get_by_role("button", name="Next proposals")
    expect(previous).to_be_disabled()
    tab_order = page.evaluate("() => [...document.querySelectorAll('button')]"
                                       ".filter(b => !b.disabled && b.tabIndex >= 0)"
                                       ".map(b => b.innerText.trim())")
    assert "Next proposals" in tab_order  # in the Tab order, like every button
    forward.focus()
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text(f"Proposals {PAGE_SIZE + 1}–{total} of {total}, oldest first "
                            "(page 2 of 2).")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Queued for the pages test {PAGE_SIZE:02d}")
           ).to_be_visible()
    expect(forward).to_be_disabled()
    violations = axe_violations(page)  # the page with its page buttons
    assert violations == [], describe(violations)
    assert page_errors(page) == []
