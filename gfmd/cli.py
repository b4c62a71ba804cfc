"""Command line: `python -m gfmd validate | export | briefing | propose | changelog`.

There is no `accept`: accepting a proposal needs a signed-in reviewer (the app's Review
page), so the command line can propose and read the log, never decide.

Exit codes: 0 all good, 1 bad data or unknown input, 2 wrong usage. Never a traceback:
an unexpected error is reported in one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gfmd.briefing import (
    DEFAULT_SECTIONS,
    SECTIONS,
    BriefingError,
    BriefingRequest,
    UnknownTheme,
    compose,
    to_docx,
    to_markdown,
)
from gfmd.changes.changelog import ChangeEntry, entries, select
from gfmd.changes.history import current_version
from gfmd.changes.proposals import ProposalError, misfiled, submit
from gfmd.record.types import marked
from gfmd.record.vocab import ProposalKind
from gfmd.store.loader import load_dataset, resolve_data_dir
from gfmd.store.scope import COUNTRY_ENV, DEFAULT_COUNTRY, load_scoped, resolve_country
from gfmd.store.yaml_read import YamlError, parse_yaml, read_yaml
from gfmd.tables.build import TABLES
from gfmd.tables.exports import json_bytes, safe_csv_bytes
from gfmd.tables.filters import Filters
from gfmd.tables.recent import last_forum_date
from gfmd.text.messages import BABEL_LOCALES, LANGUAGE_ENV, language, use_language

BRIEFING_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md"}
LAST_FORUM = "last-forum"
COUNTRY_HELP = f"ISO3 code of the country (default: {COUNTRY_ENV} or {DEFAULT_COUNTRY})"


def parse_years(text: str) -> tuple[int, int]:
    """'2010-2016' or '2012' -> (from, to); argparse reports anything else as usage."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?", text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year or a range like 2010-2016")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise argparse.ArgumentTypeError(f"'{text}' ends before it starts")
    return start, end


def parse_date(text: str) -> dt.date:
    """'2025-05-14' -> a date; argparse reports anything else as usage."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2025-05-14") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gfmd",
        description="Morocco's GFMD participation data: validate, export, brief.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check every data file")
    validate.add_argument("--data", help="data directory (default: GFMD_DATA_DIR or data/)")

    export = sub.add_parser("export", help="write a table to standard output")
    export.add_argument("table", choices=sorted(TABLES), help="which table")
    export.add_argument("--data", help="data directory (default: GFMD_DATA_DIR or data/)")
    export.add_argument("--country", help=COUNTRY_HELP)
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--years", type=parse_years, help="year or range, e.g. 2010-2016")

    brief = sub.add_parser("briefing", help="write a sourced briefing note on themes")
    brief.add_argument("--theme", action="append", required=True, metavar="THEME",
                       help="theme id or label (repeat for several)")
    brief.add_argument("--years", type=parse_years, help="year or range, e.g. 2010-2018")
    brief.add_argument("--meeting", default="", metavar="TEXT",
                       help="the meeting the briefing is for")
    brief.add_argument("--meeting-date", type=parse_date, metavar="YYYY-MM-DD")
    brief.add_argument("--prepared-by", default="", metavar="TEXT",
                       help="who drafted the note (shown in its heading block)")
    brief.add_argument("--classification", default="", metavar="TEXT",
                       help='e.g. "For internal use" (heading block and every page)')
    brief.add_argument("--section", action="append", choices=SECTIONS,
                       help="include only these sections (repeat; default all but "
                            "contributions); the key messages and sources are always included")
    brief.add_argument("--short", action="store_true",
                       help="one A4 page: key messages, counterparts, the five most relevant "
                            "roles, sources")
    brief.add_argument("--format", choices=("docx", "md"),
                       help="default: from the output file's extension")
    brief.add_argument("-o", "--output", required=True, metavar="FILE")
    brief.add_argument("--data", help="data directory (default: GFMD_DATA_DIR or data/)")
    brief.add_argument("--country", help=COUNTRY_HELP)
    brief.add_argument("--lang", choices=sorted(BABEL_LOCALES), default=None,
                       help=f"language of the note (default: {LANGUAGE_ENV} or en)")
    propose = sub.add_parser(
        "propose", help="propose a change to the record, with its public source",
        description="Store a proposed change for a reviewer. The facts use the data files' "
                    "field names (data/README.md), from --facts FILE and/or --set.")
    propose.add_argument("--kind", required=True, choices=[k.value for k in ProposalKind])
    propose.add_argument("--year", required=True, type=int, help="the summit year it is about")
    propose.add_argument("--summary", required=True, metavar="TEXT",
                         help="the change in one sentence")
    propose.add_argument("--source-url", required=True, metavar="URL",
                         help="public address of the source")
    propose.add_argument("--source-title", required=True, metavar="TEXT",
                         help="the source's title as it gives it")
    propose.add_argument("--facts", metavar="FILE", help="YAML file with the facts")
    propose.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                         dest="values", help="one fact, e.g. city=Rabat, head.name=…, "
                                             "themes='[gender, sdgs-2030]' (repeat)")
    propose.add_argument("--proposer", metavar="NAME", help="who proposes it (optional)")
    propose.add_argument("--data", help="data directory (default: GFMD_DATA_DIR or data/)")
    propose.add_argument("--country", help=COUNTRY_HELP)

    log = sub.add_parser("changelog", help="list the changes to the data (accepted proposals "
                                           "and hand edits), newest first")
    log.add_argument("--since", type=parse_since, metavar="YYYY-MM-DD|last-forum",
                     help="only changes accepted on or after this day, or since the "
                          "latest summit opened")
    log.add_argument("--kind", action="append", choices=[k.value for k in ProposalKind])
    log.add_argument("--format", choices=("text", "json"), default="text")
    log.add_argument("--data", help="data directory (default: GFMD_DATA_DIR or data/)")
    return parser


def parse_since(text: str) -> dt.date | str:
    return LAST_FORUM if text.strip() == LAST_FORUM else parse_date(text)


def cmd_validate(args: argparse.Namespace) -> int:
    """Checks every data file and the proposals' refs, and names each problem."""
    ds = load_dataset(args.data)
    # A ref the Review page leaves out, so no reviewer would see it otherwise.
    problems = [*map(str, ds.problems), *(
        f"{ref}: not listed for review: its name is not the id of a proposal it holds; "
        f"remove it with `git update-ref -d {ref}`" for ref in misfiled(ds.data_dir))]
    if problems:
        for problem in problems:
            print(marked(problem))
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {ds.data_dir}; the valid records still load.",
              file=sys.stderr)
        return 1
    countries = ", ".join(sorted({y.country_iso3 for y in ds.years})) or "no country"
    print(
        f"OK: {len(ds.files)} files valid in {ds.data_dir} — {len(ds.years)} participation "
        f"years ({countries}), {len(ds.summits)} summits, {len(ds.sources)} sources, "
        f"{len(ds.themes)} themes."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    ds = load_scoped(args.data, args.country)
    if ds.problems:
        print(f"warning: {len(ds.problems)} data problems; exporting the valid records "
              "(run `python -m gfmd validate` for details)", file=sys.stderr)
    df = Filters(years=args.years).apply(TABLES[args.table].build(ds))
    payload = safe_csv_bytes(df) if args.format == "csv" else json_bytes(df)
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    return 0


def cmd_briefing(args: argparse.Namespace) -> int:
    fmt = args.format or BRIEFING_FORMATS.get(Path(args.output).suffix.lower())
    if fmt is None:
        print(f"usage: cannot tell the format of '{args.output}': name it .docx or .md, "
              "or give --format docx|md", file=sys.stderr)
        return 2
    ds = load_scoped(args.data, args.country)
    if ds.problems:
        print(f"warning: {len(ds.problems)} data problems; briefing on the valid records "
              "(run `python -m gfmd validate` for details)", file=sys.stderr)
    request = BriefingRequest(
        themes=tuple(args.theme), years=args.years, meeting=args.meeting,
        meeting_date=args.meeting_date, sections=tuple(args.section or DEFAULT_SECTIONS),
        version=current_version(ds.data_dir), short=args.short,
        prepared_by=args.prepared_by, classification=args.classification,
    )
    try:
        briefing = compose(ds, request)
    except UnknownTheme as exc:
        print(f"error: {exc.message}\nValid themes:", file=sys.stderr)
        for tid, theme in ds.themes.items():
            print(f"  {tid:<22} {theme.label}", file=sys.stderr)
        return 1
    except BriefingError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    payload = to_docx(briefing) if fmt == "docx" else to_markdown(briefing).encode("utf-8")
    Path(args.output).write_bytes(payload)
    print(f"Wrote {args.output} ({fmt}): {len(briefing.sources)} sources cited.")
    return 0


def _facts(args: argparse.Namespace) -> dict[str, Any] | str:
    """The facts from --facts and --set (later wins); a message when they cannot be read.
    A --set value is text unless it is written as a YAML list or map ([…], {…})."""
    facts: dict[str, Any] = {}
    if args.facts:
        try:
            data = read_yaml(Path(args.facts)).data
        except (OSError, YamlError) as exc:
            return f"{args.facts}: {getattr(exc, 'message', None) or exc}"
        if not isinstance(data, dict):
            return f"{args.facts}: expected a mapping of fields (name: value)"
        facts.update(data)
    for item in args.values:
        key, sep, raw = item.partition("=")
        if not sep or not re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", key.strip()):
            return f"--set {item}: write FIELD=VALUE, e.g. city=Rabat"
        value: Any = raw.strip()
        if value.startswith(("[", "{")):
            try:
                value = parse_yaml(value).data
            except YamlError as exc:
                return f"--set {item}: {exc.message}"
        *parents, last = key.strip().split(".")
        node = facts
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                return f"--set {item}: {part} is not a group of fields"
        node[last] = value
    return facts


def cmd_propose(args: argparse.Namespace) -> int:
    facts = _facts(args)
    if isinstance(facts, str):
        print(f"error: {facts}", file=sys.stderr)
        return 1
    draft = {"kind": args.kind, "year": args.year, "summary": args.summary, "change": facts,
             "source_url": args.source_url, "source_title": args.source_title,
             "proposer": args.proposer, "country": resolve_country(args.country)}
    try:
        data_dir = resolve_data_dir(args.data)
        proposal = submit(draft, data_dir)
    except ProposalError as exc:
        for problem in exc.problems:
            print(marked(problem))
        noun = "problem" if len(exc.problems) == 1 else "problems"
        print(f"{len(exc.problems)} {noun}: nothing was stored.", file=sys.stderr)
        return 1
    print(proposal.id)
    print(f"Kept in the record's repository for a reviewer (git ref refs/gfmd/proposals/"
          f"{proposal.id}): {proposal.summary}", file=sys.stderr)
    return 0


def _entry_text(entry: ChangeEntry) -> str:
    head = f"{entry.date:%Y-%m-%d %H:%M} UTC  change {entry.number}: {entry.summary}"
    versions = f"    data version {entry.version_before or '(none)'} -> {entry.version_after}"
    if entry.hand_edit:
        lines = [head, f"    hand edit by {entry.author}; files: {', '.join(entry.files)}"]
        lines += [f"    {line}" for line in entry.message.splitlines() if line.strip()]
        return "\n".join([*lines, versions])
    by = f"reviewed by {entry.reviewer}"
    if entry.proposer:
        by += f", proposed by {entry.proposer}"
    kind = entry.kind.value if entry.kind else "change"
    return (f"{head}\n    {kind}, {entry.year}; {by}\n"
            f"    source: {entry.source_title} <{entry.source_url}>\n{versions}")


def cmd_changelog(args: argparse.Namespace) -> int:
    root = resolve_data_dir(args.data)
    since = args.since
    if since == LAST_FORUM:
        since = last_forum_date(load_scoped(root))
    chosen = select(entries(root), kinds=[ProposalKind(k) for k in args.kind or ()],
                    since=since)
    if args.format == "json":
        payload = [e.model_dump(mode="json") for e in chosen]
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    elif chosen:  # a hand edit's message is as its author typed it: no control goes out
        print("\n\n".join("\n".join(map(marked, _entry_text(e).splitlines()))
                          for e in chosen))
    else:
        print("No changes" + (f" since {since:%Y-%m-%d}." if since else "."))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"validate": cmd_validate, "export": cmd_export, "briefing": cmd_briefing,
                "propose": cmd_propose, "changelog": cmd_changelog}
    try:
        with use_language(getattr(args, "lang", None) or language()):
            return handlers[args.command](args)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a last resort: one readable line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
