"""Reviewer sign-in behind nginx with two workers (`make serve`'s set-up), in Chromium.

Every worker reads the same secrets file, so they share `[auth].cookie_secret`: the
sign-in started on one worker may come back to the other (the state kept between
`/auth/login` and `/oauth2callback` is in a cookie that secret signs), a reviewer signed
in on one is signed in on the other, and an accept on one shows on the other.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from gfmd.changes import proposals
from gfmd.store.loader import DEFAULT_DATA_DIR
from serving import supervise
from serving.streamlit import free_port
from serving.supervise import Served
from tests.browser.conftest import new_context
from tests.browser.support import open_app, prepare_page, wait_for_app
from tests.browser.test_review_flow import metric, secrets_toml
from tests.oidc_provider import REVIEWER, OIDCProvider
from tests.proposal_helpers import init_record
from tests.review_helpers import draft
from tests.serve.failover import ROUTE_COOKIE

pytestmark = [pytest.mark.browser, pytest.mark.serve]


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    with OIDCProvider().serve() as running:
        yield running


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-serve")
    shutil.copytree(DEFAULT_DATA_DIR, root / "data")
    init_record(root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def serve(provider: OIDCProvider, record: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two workers behind nginx; the redirect URI names nginx's port, the public one."""
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("Debian's nginx is not installed: run `make test`", pytrace=False)
    runtime = tmp_path_factory.mktemp("serve")
    port = free_port()
    secrets_file = runtime / "secrets.toml"
    secrets_file.write_text(secrets_toml(provider, [REVIEWER]).replace("{port}", str(port)),
                            encoding="utf-8")
    data = record
    srv = supervise.start(2, runtime, port=port, env={
        "GFMD_DATA_DIR": str(data),
        "STREAMLIT_SECRETS_FILES": str(secrets_file)})
    yield srv
    srv.stop()


def test_sign_in_and_accept_across_two_workers(browser: Browser, serve: Served,
                                               record: Path) -> None:
    data = record
    proposal = proposals.submit(draft(), data)
    context = new_context(browser)
    page = context.new_page()
    prepare_page(page)

    def pin(route: str) -> None:
        """What nginx does after a failover: this browser's pages go to `route`."""
        context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": serve.base}])

    try:
        pin("w0")
        open_app(page, f"{serve.base}/")
        before = int(metric(page, "Thematic meetings"))
        open_app(page, f"{serve.base}/review")
        page.get_by_role("button", name="Sign in as a reviewer").click()
        page.wait_for_url("http://127.0.0.1:*/authorize?*")
        pin("w1")  # the callback reaches the other worker
        page.get_by_label("E-mail").fill(REVIEWER)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{serve.base}/")
        wait_for_app(page)

        pin("w0")  # signed in on both
        open_app(page, f"{serve.base}/review")
        expect(page.get_by_text(f"Signed in as {REVIEWER}, a reviewer")).to_be_visible()
        pin("w1")
        open_app(page, f"{serve.base}/review")
        expect(page.get_by_text(f"Signed in as {REVIEWER}, a reviewer")).to_be_visible()
        page.locator(f".st-key-proposal-{proposal.id}").get_by_role(
            "button", name="Accept into the record").click()
        expect(page.get_by_text("0 proposals waiting for review")).to_be_visible()

        for route in ("w0", "w1"):  # the accepted change shows on both
            pin(route)
            # Every run looks at the files: both workers show it on the next page.
            open_app(page, f"{serve.base}/")
            assert int(metric(page, "Thematic meetings")) == before + 1, route
        # nginx's log names the worker of each step: login on w0, the callback on w1.
        log = (serve.runtime / "logs" / "nginx-access.log").read_text().splitlines()
        upstream = {w["route"]: w["upstream"] for w in serve.state()["workers"]}

        def served(path: str) -> set[str]:
            return {line.split("upstream=")[1].split()[0] for line in log
                    if f'"GET {path}' in line}

        assert served("/auth/login") == {upstream["w0"]}
        assert served("/oauth2callback") == {upstream["w1"]}
    finally:
        context.close()
