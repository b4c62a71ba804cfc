"""Command line: `python -m gfmd validate | export | briefing`.

Exit codes: 0 all good, 1 bad data or unknown input, 2 wrong usage. Never a traceback:
an unexpected error is reported in one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from gfmd.choices import BRIEFING_DEFAULT, BRIEFING_SECTIONS, TABLE_NAMES
from gfmd.loader import load_dataset
from gfmd.messages import BABEL_LOCALES, LANGUAGE_ENV, language, use_language
from gfmd.scope import COUNTRY_ENV, DEFAULT_COUNTRY, load_scoped

# export and briefing import pandas and python-docx inside their commands, so that
# `validate` starts without them (see gfmd/choices.py).

BRIEFING_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md"}
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
    export.add_argument("table", choices=TABLE_NAMES, help="which table")
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
    brief.add_argument("--section", action="append", choices=BRIEFING_SECTIONS,
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
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    ds = load_dataset(args.data)
    if ds.problems:
        for problem in ds.problems:
            print(problem)
        noun = "problem" if len(ds.problems) == 1 else "problems"
        print(f"{len(ds.problems)} {noun} in {ds.data_dir}; the valid records still load.",
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
    from gfmd.exports import json_bytes, safe_csv_bytes
    from gfmd.filters import Filters
    from gfmd.tables import TABLES

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
    from gfmd.briefing import (
        BriefingError,
        BriefingRequest,
        UnknownTheme,
        compose,
        to_docx,
        to_markdown,
    )
    from gfmd.version import content_hash

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
        meeting_date=args.meeting_date, sections=tuple(args.section or BRIEFING_DEFAULT),
        version=content_hash(ds.files, ds.data_dir), short=args.short,
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"validate": cmd_validate, "export": cmd_export, "briefing": cmd_briefing}
    try:
        with use_language(getattr(args, "lang", None) or language()):
            return handlers[args.command](args)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a last resort: one readable line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
