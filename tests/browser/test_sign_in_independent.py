"""Reviewer sign-in through a provider nobody on this project wrote, as the README tells an
IT team to set it up: panva's oidc-provider 9.13.3 with its defaults (e-mail claims only
from the userinfo endpoint; its own login and consent pages), the app's secrets taken from
the README's block with this host's values put in. Then what sign-out must end: a tab
opened before it (security report F2.2) and a copy of the sign-in cookies (F2.1)."""

from __future__ import annotations

import json
import math
import re
import secrets
import shutil
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from gfmd.changes import proposals
from gfmd.changes.signouts import SignOuts
from gfmd.record.vocab import ProposalStatus
from gfmd.store.loader import DEFAULT_DATA_DIR
from tests.browser.conftest import new_context
from tests.browser.support import (
    ROOT,
    StreamlitServer,
    full_page_screenshot,
    open_app,
    page_errors,
    prepare_page,
    rerun_after,
    start_server,
    wait_for_app,
)
from tests.oidc import (
    CLIENT_ID,
    CLIENT_SECRET,
    READER_EMAIL,
    READER_LOGIN,
    REVIEWER_EMAIL,
    REVIEWER_LOGIN,
    UNVERIFIED_LOGIN,
    IndependentProvider,
    independent_provider,
)
from tests.proposal_helpers import init_record
from tests.review_helpers import draft

pytestmark = pytest.mark.browser

# oidc-provider's pages load a web font from the internet: the tests stay on 127.0.0.1.
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
ACCEPT = "Accept into the record"


def readme_secrets() -> str:
    """The secrets block of the README's "Reviewer sign-in" section, as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Reviewer sign-in\n"):]
    section = section[:section.index("\n## ", 1)]
    found = re.search(r"```toml\n(.*?)```", section, re.S)
    assert found, "no secrets block in the README's Reviewer sign-in section"
    return found.group(1)


def secrets_for(provider: IndependentProvider) -> str:
    """The README's block with this host's values in place of the example's; every other
    line (prompt, expose_tokens, the maximum age) as the README has it. `{port}` is the
    app's own port, filled in by Streamlit."""
    text = readme_secrets()
    values = {"redirect_uri": "http://127.0.0.1:{port}/oauth2callback",
              "cookie_secret": secrets.token_urlsafe(32), "client_id": CLIENT_ID,
              "client_secret": CLIENT_SECRET, "server_metadata_url": provider.metadata_url,
              "reviewers": [REVIEWER_EMAIL]}
    for key, value in values.items():
        text, count = re.subn(rf"^{key} = .*$", f"{key} = {json.dumps(value)}", text,
                              flags=re.M)
        assert count == 1, f"the README's block has no single `{key} = …` line"
    tomllib.loads(text)
    return text


@dataclass
class SignInApp:
    server: StreamlitServer
    data: Path
    provider: IndependentProvider


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignInApp]:
    """The provider, then the app on a copy of data/ in a git repository of its own,
    configured from the README; then the provider learns the app's address."""
    root = tmp_path_factory.mktemp("independent")
    shutil.copytree(DEFAULT_DATA_DIR, root / "data")
    init_record(root / "data")
    with independent_provider(root) as provider:
        (root / "secrets.toml").write_text(secrets_for(provider), encoding="utf-8")
        server = start_server(data_dir=root / "data", log_dir=root, extra_env={
            "STREAMLIT_SECRETS_FILES": str(root / "secrets.toml")})
        try:
            provider.register(f"{server.url}/oauth2callback")
            yield SignInApp(server, root / "data", provider)
        finally:
            server.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser of its own: its own cookies, nothing fetched beyond 127.0.0.1."""
    ctx = new_context(browser)
    ctx.route(OUTSIDE, lambda route: route.abort())
    yield ctx
    ctx.close()


def tab(context: BrowserContext) -> Page:
    page = context.new_page()
    prepare_page(page)
    return page


def past_last_sign_out(data: Path) -> None:
    """Wait until the clock has left the second of the reviewer's last sign-out: a
    sign-in issued within it counts as before it (gfmd.changes.reviewers)."""
    record = SignOuts.of(data)
    last = record.last(REVIEWER_EMAIL) if record is not None else None
    while last is not None and time.time() < math.floor(last) + 1:
        time.sleep(0.05)


def start_sign_in(page: Page, app: SignInApp) -> None:
    """README step 3: open Review, click "Sign in as a reviewer": the provider's login."""
    open_app(page, app.server.page_url("review"))
    page.get_by_role("button", name="Sign in as a reviewer").click()
    page.wait_for_url(f"{app.provider.issuer}/interaction/*")


def sign_in(page: Page, app: SignInApp, login: str) -> None:
    """Sign in at oidc-provider's own pages (login, then consent): back on Review."""
    past_last_sign_out(app.data)
    start_sign_in(page, app)
    page.get_by_placeholder("Enter any login").fill(login)
    page.get_by_placeholder("and password").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # consent
    page.wait_for_url(re.compile(re.escape(app.server.page_url("review")) + r"(\?.*)?$"))
    wait_for_app(page)


def sign_out(page: Page, app: SignInApp) -> None:
    """Sign out: the app, then the provider's own confirmation, back to the app."""
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{app.server.url}/")
    wait_for_app(page)


def test_the_readme_sets_up_sign_in_with_an_independent_provider(
        app: SignInApp, context: BrowserContext, screenshots: Path) -> None:
    settings = tomllib.loads(readme_secrets())
    assert settings["auth"]["client_kwargs"]["prompt"] == "login"
    assert settings["auth"]["expose_tokens"] == ["id", "access"]
    example = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    assert example == readme_secrets()
    proposal = proposals.submit(draft(summary="Accepted after an independent sign-in",
                                      title="Independent sign-in (test)"),
                                app.data)

    page = tab(context)
    sign_in(page, app, REVIEWER_LOGIN)
    expect(page.get_by_text(f"Signed in as {REVIEWER_EMAIL}, a reviewer")).to_be_visible()
    full_page_screenshot(page, screenshots / "sign-in-reviewer.png")
    card = page.locator(f".st-key-proposal-{proposal.id}")
    rerun_after(page, card.get_by_role("button", name=ACCEPT).click)
    expect(page.locator('[data-testid="stAlertContentSuccess"]', has_text=(
        f"Accepted: “{proposal.summary}” is now in the record"))).to_be_visible()
    full_page_screenshot(page, screenshots / "sign-in-accepted.png")
    assert proposals.get(app.data, proposal.id).status is ProposalStatus.ACCEPTED
    assert page_errors(page) == []


def test_an_unverified_address_is_said_and_cannot_accept(
        app: SignInApp, context: BrowserContext, screenshots: Path) -> None:
    proposals.submit(draft(summary="Seen by an unverified address", title="Unverified (test)"), app.data)
    page = tab(context)
    sign_in(page, app, UNVERIFIED_LOGIN)
    expect(page.get_by_text(f"Signed in as {REVIEWER_EMAIL}, but the sign-in provider "
                            "does not confirm this e-mail address")).to_be_visible()
    full_page_screenshot(page, screenshots / "sign-in-unverified.png")
    expect(page.get_by_role("button", name=ACCEPT)).to_have_count(0)
    assert page_errors(page) == []


def test_a_refused_sign_in_is_said_on_the_page(app: SignInApp, context: BrowserContext,
                                                screenshots: Path) -> None:
    """The provider answers the callback with an error (here: the person cancels at its
    login page); Streamlit only logs it and sends the browser to the first page, which
    says so."""
    page = tab(context)
    start_sign_in(page, app)
    page.get_by_role("link", name="[ Cancel ]").click()
    page.wait_for_url(f"{app.server.url}/")
    wait_for_app(page)
    expect(page.get_by_text("Sign-in did not complete")).to_be_visible()
    full_page_screenshot(page, screenshots / "sign-in-refused.png")
    assert "Error during authentication: access_denied" in app.server.log_text()

    # Signed in since, then out: the attempt that failed before is not reported again.
    sign_in(page, app, READER_LOGIN)
    expect(page.get_by_text(f"Signed in as {READER_EMAIL}, who is not on the reviewers "
                            "list")).to_be_visible()
    sign_out(page, app)
    expect(page.get_by_text("Sign-in did not complete")).to_have_count(0)
    open_app(page, app.server.page_url("review"))
    expect(page.get_by_role("button", name="Sign in as a reviewer")).to_be_visible()


def test_a_tab_opened_before_sign_out_is_refused_at_its_click(
        app: SignInApp, context: BrowserContext, screenshots: Path) -> None:
    """F2.2: tab 1 still shows Accept; the reviewer signs out in tab 2; tab 1's click is
    refused, said, and offers to sign in again."""
    proposal = proposals.submit(draft(summary="Left open in a first tab", title="First tab (test)"), app.data)
    first = tab(context)
    sign_in(first, app, REVIEWER_LOGIN)
    card = first.locator(f".st-key-proposal-{proposal.id}")
    expect(card.get_by_role("button", name=ACCEPT)).to_be_visible()

    second = tab(context)
    open_app(second, app.server.page_url("review"))
    expect(second.get_by_text(f"Signed in as {REVIEWER_EMAIL}, a reviewer")).to_be_visible()
    sign_out(second, app)

    rerun_after(first, card.get_by_role("button", name=ACCEPT).click)
    expect(first.get_by_text("Only a signed-in reviewer can accept or reject proposals. "
                             "Nothing was changed.")).to_be_visible()
    expect(first.get_by_text(f"{REVIEWER_EMAIL} signed out after this sign-in")
           ).to_be_visible()
    expect(first.get_by_role("button", name="Sign in as a reviewer")).to_be_visible()
    full_page_screenshot(first, screenshots / "sign-in-tab-refused.png")
    expect(first.get_by_role("button", name=ACCEPT)).to_have_count(0)
    assert proposals.get(app.data, proposal.id).status is ProposalStatus.PENDING
    assert page_errors(first) == []


def test_copied_sign_in_cookies_are_refused_after_sign_out(
        app: SignInApp, browser: Browser, context: BrowserContext) -> None:
    """F2.1: the sign-in cookies copied before sign-out, put in another browser after it:
    signed in as the reviewer still, but no Accept, and the reason said."""
    proposal = proposals.submit(draft(summary="Targeted with copied cookies", title="Copied (test)"), app.data)
    page = tab(context)
    sign_in(page, app, REVIEWER_LOGIN)
    copied = [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
    assert {c["name"] for c in copied} >= {"_streamlit_user", "_streamlit_user_tokens"}
    sign_out(page, app)

    other = new_context(browser)
    try:
        other.route(OUTSIDE, lambda route: route.abort())
        other.add_cookies(copied)
        replay = tab(other)
        open_app(replay, app.server.page_url("review"))
        expect(replay.get_by_text(f"{REVIEWER_EMAIL} signed out after this sign-in")
               ).to_be_visible()
        expect(replay.get_by_role("button", name=ACCEPT)).to_have_count(0)
        assert page_errors(replay) == []
    finally:
        other.close()
    assert proposals.get(app.data, proposal.id).status is ProposalStatus.PENDING
