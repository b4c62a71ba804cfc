"""Command line: `python -m gfmd validate | export`.

Exit codes: 0 all good, 1 bad data or unknown input, 2 wrong usage. Never a traceback:
an unexpected error is reported in one line.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from gfmd.exports import json_bytes, safe_csv_bytes
from gfmd.filters import Filters
from gfmd.loader import load_dataset
from gfmd.tables import TABLES


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
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--years", type=parse_years, help="year or range, e.g. 2010-2016")
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
    ds = load_dataset(args.data)
    if ds.problems:
        print(f"warning: {len(ds.problems)} data problems; exporting the valid records "
              "(run `python -m gfmd validate` for details)", file=sys.stderr)
    df = Filters(years=args.years).apply(TABLES[args.table].build(ds))
    payload = safe_csv_bytes(df) if args.format == "csv" else json_bytes(df)
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"validate": cmd_validate, "export": cmd_export}
    try:
        return handlers[args.command](args)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a last resort: one readable line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
