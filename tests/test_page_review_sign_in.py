"""The Review page in AppTest, on what a sign-in is worth at the click: a reviewer who
signs out in one tab loses Accept in a tab opened before (security report F2.2) and in any
session started from a copy of the cookie (F2.1); a sign-in older than the maximum age
ends; the e-mail claims a provider sends only from its userinfo endpoint are fetched, and
each way that can fail is said. Each AppTest is one browser tab (one Streamlit session)
holding the claims `AppTest.user` gives it, as a tab holds the cookie's."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.changes import proposals
from gfmd.changes.signouts import STATE_DIR_ENV, SignOuts
from gfmd.record.vocab import ProposalStatus
from tests.oidc_provider import OIDCProvider
from tests.proposal_helpers import init_record
from tests.review_helpers import AUTH, REVIEWER, buttons, draft, review_page, signed_in

ACCEPT = "Accept into the record"
SIGNED_OUT = f"{REVIEWER} signed out after this sign-in"


@pytest.fixture
def record(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    init_record(data_copy)
    monkeypatch.setenv("GFMD_DATA_DIR", str(data_copy))
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    return data_copy


@pytest.fixture
def submitted(record: Path) -> proposals.Proposal:
    return proposals.submit(draft(), record)


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    with OIDCProvider().serve() as running:
        yield running


def tab(user: dict[str, object], auth: dict[str, object] = AUTH) -> AppTest:
    """A Review page opened by a browser holding `user`'s sign-in."""
    return review_page(user, auth=auth)


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_sign_out_in_another_tab_refuses_the_click_in_the_first(
        record: Path, submitted: proposals.Proposal) -> None:
    """F2.2: tab 1 still shows Accept, the reviewer signs out in tab 2, tab 1's click is
    refused, said, and offers to sign in again."""
    sign_in = signed_in(REVIEWER)
    first, second = tab(sign_in), tab(sign_in)
    assert ACCEPT in buttons(first)

    click(second, "review-sign-out")
    record_of = SignOuts.of(record)
    assert record_of is not None and record_of.last(REVIEWER) is not None

    click(first, f"accept-{submitted.id}")
    assert "Only a signed-in reviewer can accept or reject proposals" in first.error[0].value
    assert SIGNED_OUT in warnings(first)
    assert "Sign in as a reviewer" in buttons(first) and ACCEPT not in buttons(first)
    assert proposals.get(record, submitted.id).status is ProposalStatus.PENDING


def test_a_copy_of_the_sign_in_opened_after_sign_out_cannot_accept(
        record: Path, submitted: proposals.Proposal) -> None:
    """F2.1: a new session from the same cookie, after the sign-out."""
    sign_in = signed_in(REVIEWER)
    click(tab(sign_in), "review-sign-out")
    replay = tab(sign_in)
    assert SIGNED_OUT in warnings(replay)
    assert ACCEPT not in buttons(replay) and not replay.text_area
    assert proposals.get(record, submitted.id).status is ProposalStatus.PENDING


def test_a_sign_in_older_than_the_maximum_age_cannot_accept(
        submitted: proposals.Proposal) -> None:
    old = tab(signed_in(REVIEWER, iat=int(time.time()) - 8 * 3600 - 60))
    assert f"The sign-in of {REVIEWER} is more than 480 minutes old" in warnings(old)
    assert ACCEPT not in buttons(old) and "Sign in as a reviewer" in buttons(old)


def _token_for(provider: OIDCProvider, email: str) -> str:
    token = secrets.token_urlsafe(16)
    provider.access_tokens[token] = email
    return token


def _id_token_claims(provider: OIDCProvider, email: str, **extra: object) -> dict[str, object]:
    """`st.user` from an ID token with no e-mail claims (as a conforming provider sends
    when it issues an access token), the tokens exposed."""
    return {"is_logged_in": True, "sub": provider.claims(email)["sub"],
            "iat": int(time.time()), **extra}


def test_e_mail_claims_come_from_the_userinfo_endpoint(
        provider: OIDCProvider, record: Path, submitted: proposals.Proposal) -> None:
    auth = {**AUTH, "server_metadata_url": provider.metadata_url}
    user = _id_token_claims(provider, REVIEWER,
                            tokens={"access": _token_for(provider, REVIEWER)})
    at = tab(user, auth)
    assert f"Signed in as {REVIEWER}, a reviewer" in at.success[0].value
    click(at, f"accept-{submitted.id}")
    assert proposals.get(record, submitted.id).status is ProposalStatus.ACCEPTED


def test_each_way_the_e_mail_can_be_missing_is_said(provider: OIDCProvider,
                                                     submitted: proposals.Proposal) -> None:
    auth = {**AUTH, "server_metadata_url": provider.metadata_url}
    provider.users["silent@ministry.example"] = {"email": None}
    cases = {
        "no e-mail anywhere": (
            _id_token_claims(provider, "silent@ministry.example", tokens={
                "access": _token_for(provider, "silent@ministry.example")}),
            "the sign-in provider sent no e-mail address"),
        "access token not exposed": (
            _id_token_claims(provider, REVIEWER),
            "`expose_tokens` is not set in the secrets file"),
        "userinfo refuses the token": (
            _id_token_claims(provider, REVIEWER, tokens={"access": "unknown-token"}),
            "could not ask the sign-in provider for your e-mail address"),
        "userinfo about someone else": (
            _id_token_claims(provider, REVIEWER, sub="someone-else",
                             tokens={"access": _token_for(provider, REVIEWER)}),
            "could not ask the sign-in provider for your e-mail address"),
    }
    for name, (user, said) in cases.items():
        at = tab(user, auth)
        assert said in warnings(at), name
        assert "Signed in as ," not in warnings(at), name
        assert ACCEPT not in buttons(at) and "Sign out" in buttons(at), name


def test_an_unverified_claim_to_a_reviewers_address_cannot_sign_the_reviewer_out(
        record: Path, submitted: proposals.Proposal) -> None:
    reviewer = tab(signed_in(REVIEWER))
    click(tab(signed_in(REVIEWER, email_verified=False)), "review-sign-out")
    record_of = SignOuts.of(record)
    assert record_of is not None and record_of.last(REVIEWER) is None
    click(reviewer, f"accept-{submitted.id}")
    assert proposals.get(record, submitted.id).status is ProposalStatus.ACCEPTED
