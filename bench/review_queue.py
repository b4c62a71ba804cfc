"""Review queue: what the Review page costs with a full queue of the largest proposals the
caps allow, next to a short queue (security report F2.4: one client's 40 proposals made an
anonymous /review take 41.4 s against 5.6 s with 4 pending, every card re-planned on every
run for every reader).

Two copies of data/, each in a git repository of its own under bench/out/, one with 4 and
one with 40 pending proposals, each proposal a thematic meeting just under the byte cap
(40 partner names of 1,200 characters and a long `as_written`: what an attacker would
send). In one process through AppTest, a session per case, the page's warm reruns are timed
round-robin, so machine noise hits every case alike:

- anonymous reader (the queue's size only, F2.10), with 4 and with 40 pending;
- signed-in reviewer (the first page of cards, each with its diff), with 4 and with 40.

Goal: the anonymous page with 40 pending ≤ 1.5× the page with 4. The reviewer's first run
(every diff of the page worked out) is reported apart, as is the cost of sending one
proposal at the cap.

    .venv/bin/python bench/review_queue.py            # 15 timed reruns per case
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import OUT, ROOT, iqr, md_table, median, ms, ratio, record, verdict, x
from rerun_cost import quiet_streamlit
from streamlit.testing.v1 import AppTest

from gfmd.changes import proposals
from gfmd.changes.types import LIST_CAPS, MAX_PROPOSAL_BYTES
from gfmd.store.loader import DATA_DIR_ENV, DEFAULT_DATA_DIR

GOAL = 1.5
REVIEW = "app_pages/review.py"
REVIEWER = "bench.reviewer@ministry.example"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "a-bench-cookie-secret-of-some-length", "client_id": "gfmd",
        "client_secret": "bench", "server_metadata_url":
        "http://127.0.0.1:9/.well-known/openid-configuration"}
EDITOR = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
          "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def biggest_draft(n: int) -> dict[str, Any]:
    """A thematic meeting of 2025 as large as the caps let one proposal be."""
    names = [f"Government {n}-{i} " + "n" * 1200 for i in range(LIST_CAPS["partners.names"])]
    draft: dict[str, Any] = {
        "kind": "meeting", "year": 2025, "summary": f"Bench proposal {n:02d} " + "s" * 480,
        "proposer": "Bench proposer",
        "change": {"role": "co-chair", "title": f"Bench meeting {n:02d}",
                   "start_date": "2025-05-12", "city": "Rabat", "country": "Morocco",
                   "themes": ["labour-mobility"],
                   "partners": {"status": "named", "names": names}, "as_written": ""},
        "source_url": "https://www.gfmd.org/bench/meeting",
        "source_title": "GFMD meeting page (bench)",
    }
    size = len(json.dumps(draft, ensure_ascii=False).encode("utf-8"))
    draft["change"]["as_written"] = "w" * (MAX_PROPOSAL_BYTES - size - 16)
    return draft


def make_queue(pending: int) -> tuple[Path, float]:
    """A copy of data/ in its own repository with `pending` proposals at the cap; the
    median seconds one submit took."""
    top = OUT / "review_queue" / f"pending-{pending}"
    shutil.rmtree(top, ignore_errors=True)
    shutil.copytree(DEFAULT_DATA_DIR, top / "data")
    env = {**os.environ, **EDITOR, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "--quiet", "--initial-branch=main"], ["add", "data"],
                 ["commit", "--quiet", "-m", "The record"]):
        subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)
    took = []
    for n in range(pending):
        start = time.perf_counter()
        proposals.submit(biggest_draft(n), top / "data", client=f"bench-{n % 3}")
        took.append(time.perf_counter() - start)
    return top / "data", median(took)


def session(data: Path, reviewer: bool) -> tuple[AppTest, float]:
    """A session on the Review page of `data`, and how long its first run took."""
    os.environ[DATA_DIR_ENV] = str(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.secrets["auth"] = AUTH
    at.secrets["review"] = {"reviewers": [REVIEWER]}
    at.user = ({"is_logged_in": True, "email": REVIEWER, "email_verified": True}
               if reviewer else {"is_logged_in": False})
    at.run()
    start = time.perf_counter()
    at.switch_page(REVIEW).run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the Review page failed: {at.exception[0].value}")
    return at, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed reruns per case")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    parser.add_argument("--queues-only", action="store_true",
                        help="only make the two records (4 and 40 pending) and print where, "
                             "for bench/first_view.py in Chromium (bench/README.md)")
    args = parser.parse_args(argv)
    quiet_streamlit()
    queues = {n: make_queue(n) for n in (4, 40)}
    if args.queues_only:
        for n, (data, _) in queues.items():
            print(f"{n} pending: {DATA_DIR_ENV}={data}")
        return 0
    cases = {(who, n): session(queues[n][0], who == "reviewer")
             for who in ("anonymous", "reviewer") for n in (4, 40)}
    times: dict[tuple[str, int], list[float]] = {case: [] for case in cases}
    for _ in range(args.runs):
        for (who, n), (at, _) in cases.items():
            os.environ[DATA_DIR_ENV] = str(queues[n][0])
            start = time.perf_counter()
            at.run()
            times[(who, n)].append(time.perf_counter() - start)
            if at.exception:  # a failed run is fast, and measures nothing
                raise SystemExit(f"the Review page failed: {at.exception[0].value}")
    rows = []
    ok = True
    for who in ("anonymous", "reviewer"):
        base = median(times[(who, 4)])
        for n in (4, 40):
            value = median(times[(who, n)])
            low, high = iqr(times[(who, n)])
            within = ratio(value, base) <= GOAL
            ok &= within or who == "reviewer"
            rows.append([f"{who}, {n} pending", ms(value), f"{ms(low)}–{ms(high)}",
                         x(ratio(value, base)), ms(cases[(who, n)][1]),
                         verdict(within) if who == "anonymous" and n == 40 else "–"])
    table = md_table(["Review page", "warm rerun, median ms", "IQR ms", "× 4 pending",
                      "first run ms (diffs worked out)", f"goal ≤ {GOAL}×"], rows)
    notes = (f"\n\nEach proposal {MAX_PROPOSAL_BYTES // 1024} KiB as sent (the byte cap), "
             f"{LIST_CAPS['partners.names']} partner names; a reviewer sees 10 cards a page. "
             f"Sending one took {queues[40][1]:.2f} s (median over 40).")
    body = table + notes
    print(body)
    print("\nwithin goal" if ok else "\nover goal")
    if not args.no_append:
        record("review_queue", "Review queue (AppTest warm reruns)", body, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
