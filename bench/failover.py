"""Failover through nginx: sessions walk pages with filters in the URL while one of two
workers is killed (SIGKILL). Counts lost views (a page that never came back), measures how
long the sessions on the dead worker took to be served again, checks each got the same
filtered view back, then shows new sessions reach the worker supervisord restarted.

    .venv/bin/python bench/failover.py           # 20 protocol-level + 3 Chromium sessions

Sessions: protocol-level ones speak Streamlit's websocket protocol and keep nginx's route
cookie like a browser does; Chromium contexts open each page by its address with the
filter query. Both pause between views (a reader). When its websocket drops, a session
does what Streamlit's frontend does: reconnect through nginx and rerun the page it shows,
with the URL's query, so the view is rebuilt on the live worker. The same code runs in
the test suite with fewer sessions (`tests/serve/failover.py`, used by
`tests/serve/test_serve.py`): this script is its report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, md_table, median, mib, percentile, record, select_pages

from tests.serve.failover import FILTER_QUERY, Outcome, failover


def headline(out: Outcome, args: argparse.Namespace) -> str:
    """The figures the goal is about, as one table."""
    run = out.run
    rec = list(run.recovered.values())
    return md_table(["figure", "value"], [
        ["sessions", f"{args.ws_sessions} protocol-level + {args.browsers} Chromium, "
                     f"{out.wall:.0f} s, one of 2 workers killed {args.kill_after:g} s in"],
        ["views lost", f"{len(run.lost)} of {run.views + len(run.lost)}"],
        ["errors on pages / views not the filtered view",
         f"{len(run.errors)} / {len(run.wrong_view)}"],
        ["sessions on the killed worker served again", f"{len(rec)} of {len(run.victims)}"],
        ["kill → view served again",
         f"median {median(rec):.2f} s, max {max(rec, default=float('nan')):.2f} s"],
        ["killed worker answering again (restarted)",
         f"{out.restarted_after:.1f} s after the kill; {out.new_landed} of "
         f"{out.new_opened} new sessions reached it"],
    ])


def report(out: Outcome, args: argparse.Namespace) -> str:
    """Everything the run saw, for HISTORY.md."""
    run = out.run
    never = sorted(run.victims - set(run.recovered))
    rec = sorted(run.recovered.values())
    rows = [[name, f"{run.recovered[name]:.2f}" if name in run.recovered else "never",
             run.route_after.get(name, "–")] for name in sorted(run.victims)]
    mem_rows = [[who, mib(m.get("VmRSS")), mib(m.get("VmHWM"))]
                for who, m in out.memory.items()]
    return "\n".join([
        f"{args.ws_sessions} protocol-level + {args.browsers} Chromium sessions through "
        f"nginx to 2 workers for {out.wall:.0f} s, every view with `?{FILTER_QUERY}`, a "
        f"view every {args.think:g} s per session; worker {out.killed} killed (SIGKILL) "
        f"{args.kill_after:g} s in, with {out.victims_ws} protocol and "
        f"{out.victims_browser} browser sessions on it. supervisord starts a dead worker "
        f"again at once; nginx skips a failed one for 5 s.", "",
        f"**Views lost: {len(run.lost)}** of {run.views + len(run.lost)}"
        + (f" ({'; '.join(run.lost[:5])})" if run.lost else ""),
        f"Errors on pages: {len(run.errors)}" + (f" ({'; '.join(run.errors[:5])})"
                                                 if run.errors else ""),
        f"Views not equal to the filtered view first seen for that page: "
        f"{len(run.wrong_view)}" + (f" ({'; '.join(run.wrong_view[:5])})"
                                    if run.wrong_view else ""),
        f"Sessions on the killed worker served again: {len(rec)} of {len(run.victims)}; "
        f"kill → view served again: median {median(rec):.2f} s, p95 "
        f"{percentile(rec, 95):.2f} s, max {max(rec, default=float('nan')):.2f} s"
        + (f"; never: {', '.join(never)}" if never else ""),
        f"All views: median {median(run.times) * 1000:,.0f} ms, p95 "
        f"{percentile(run.times, 95) * 1000:,.0f} ms.",
        f"Killed worker answering again (restarted by supervisord): {out.restarted_after:.1f} s "
        f"after the kill; new cookie-less sessions then: {out.new_landed} of "
        f"{out.new_opened} reached it.", "",
        md_table(["session on the killed worker", "s until served again", "route cookie after"],
                 rows), "",
        md_table(["process (at end)", "RSS", "peak RSS (VmHWM)"], mem_rows),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ws-sessions", type=int, default=20)
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of walking")
    parser.add_argument("--kill-after", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=2.0, help="seconds between views")
    parser.add_argument("--view-timeout", type=float, default=45.0,
                        help="a view not served within this is lost")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    args = parser.parse_args(argv)
    out = asyncio.run(failover(args.ws_sessions, args.browsers, args.duration,
                               args.kill_after, args.think, args.view_timeout,
                               OUT / "failover", select_pages(args.pages)))
    body = report(out, args)
    print(body)
    (OUT / "failover" / "result.json").write_text(json.dumps(
        {"lost": out.run.lost, "recovered": out.run.recovered}, indent=2))
    if not args.no_append:
        record("failover", f"Failover through nginx ({args.ws_sessions} protocol + "
               f"{args.browsers} Chromium sessions, one of 2 workers killed)",
               headline(out, args), body)
    return 0 if not out.run.lost and not out.run.wrong_view else 1


if __name__ == "__main__":
    sys.exit(main())
