"""What the review tests share: the test accounts, a signed-in user as `st.user` gives it,
and one proposal as the Propose page or the command line would send it."""

from __future__ import annotations

import time

from tests.oidc_provider import READER, REVIEWER

__all__ = ["MEETING_TITLE", "READER", "REVIEWER", "SOURCE_URL", "draft", "signed_in"]

MEETING_TITLE = "Workshop on consular services for migrants (test)"
SOURCE_URL = "https://www.gfmd.org/test/workshop-consular-services"


def signed_in(email: str, **claims: object) -> dict[str, object]:
    """`st.user` for someone signed in just now whose provider vouches for the e-mail
    (`iat`: when the provider issued the sign-in)."""
    return {"is_logged_in": True, "email": email, "email_verified": True, "name": email,
            "iat": int(time.time()), **claims}


def draft(summary: str = "Morocco co-chaired a workshop on consular services",
          title: str = MEETING_TITLE) -> dict[str, object]:
    """A thematic meeting in 2025 (test data: only ever written to a copy of data/)."""
    return {
        "kind": "meeting", "year": 2025, "summary": summary, "proposer": "Desk officer",
        "change": {"role": "co-chair", "title": title, "start_date": "2025-05-12",
                   "city": "Rabat", "country": "Morocco", "themes": ["labour-mobility"],
                   "partners": {"status": "unknown"}},
        "source_url": SOURCE_URL, "source_title": "GFMD workshop page (test)",
    }
