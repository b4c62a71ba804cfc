"""Scale: what a record of 190 made-up countries × every summit year would cost, next to
Morocco's own files. A cost estimate, not a goal: no source can fill such a record today,
so the app carries no machinery for it; this says what it would pay if one did.

1. Cold start, each in a fresh interpreter (median of --runs): `python -m gfmd validate`
   wall time, and the phases the app pays before its first page (imports, the data check,
   the load, the tables, the data version), as `components.context` does them.
2. The data check (`gfmd.store.version.fingerprint`, a stat per file), which every page
   run repeats.
3. Warm rerun of every page on the synthetic record against the same page on Morocco's,
   interleaved in one process (AppTest), default and narrowed filters.

    .venv/bin/python bench/scale.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    NARROW_PARAMS,
    OUT,
    PYTHON,
    ROOT,
    PageInfo,
    iqr,
    md_table,
    median,
    ms,
    ratio,
    record,
    select_pages,
    x,
)
from make_synthetic import MARKER, make
from rerun_cost import Case, filter_state, new_apptest, quiet_streamlit, time_cases

from gfmd.store.loader import DEFAULT_DATA_DIR, load_dataset
from gfmd.store.version import fingerprint

VARIANTS = {"default": {}, "narrow": NARROW_PARAMS}

# Run in a fresh interpreter: the phases of the app's cold start, as JSON on stdout.
PHASES = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
sys.path.insert(0, ROOT)
from gfmd.store.loader import load_dataset
from gfmd.store.scope import resolve_country, scoped
from gfmd.store.version import content_hash, data_date, fingerprint
from gfmd.tables.build import build_all
t1 = time.perf_counter()
fingerprint(Path(DATA))
t2 = time.perf_counter()
ds = scoped(load_dataset(DATA), resolve_country())
t3 = time.perf_counter()
tables = build_all(ds)
t4 = time.perf_counter()
content_hash(ds.files, ds.data_dir); data_date(ds.files, ds.data_dir)
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "check": t2 - t1, "load": t3 - t2,
                  "tables": t4 - t3, "version": t5 - t4, "files": len(ds.files)}))
"""
PHASE_NAMES = ("imports", "check", "load", "tables", "version")


def cold_phases(data: Path) -> dict[str, float]:
    """The app's cold start in a fresh interpreter, phase by phase (seconds)."""
    code = PHASES.replace("ROOT", repr(str(ROOT))).replace("DATA", repr(str(data)))
    done = subprocess.run([PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_validate(data: Path) -> tuple[float, int]:
    """Wall time and exit code of `python -m gfmd validate --data DIR`."""
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "gfmd", "validate", "--data", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return time.perf_counter() - start, done.returncode


def check_cost(data: Path, repeats: int = 9) -> float:
    """Median seconds of the data check every page run makes."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fingerprint(data)
        times.append(time.perf_counter() - start)
    return median(times)


def cold(data: Path, runs: int) -> dict[str, float]:
    """Medians over `runs` fresh interpreters: validate, each phase, the app's total."""
    validates, phases = [], []
    for _ in range(runs):
        seconds, code = cold_validate(data)
        if code != 0:
            raise SystemExit(f"validate of {data} failed with {code}")
        validates.append(seconds)
        phases.append(cold_phases(data))
    out = {name: median([p[name] for p in phases]) for name in PHASE_NAMES}
    out["app"] = median([sum(p[n] for n in PHASE_NAMES) for p in phases])
    out["validate"] = median(validates)
    out["files"] = phases[0]["files"]
    out["check in-process"] = check_cost(data)
    return out


class EnvCase(Case):
    """A Case whose data directory is set just before each of its runs."""

    def __init__(self, label: str, variant: str, data: Path, at: object) -> None:
        super().__init__(label, variant, at)  # type: ignore[arg-type]
        self.data = data

    def run_once(self) -> None:
        os.environ["GFMD_DATA_DIR"] = str(self.data)
        super().run_once()


@dataclass
class PageRow:
    """One page under one filter variant: its warm rerun on each record (seconds)."""

    page: str
    variant: str
    selected: str
    morocco: float
    synthetic: float
    spread: str  # the synthetic reruns' IQR, ms
    exceptions: int

    @property
    def ratio(self) -> float:
        return ratio(self.synthetic, self.morocco)

    def cells(self) -> list[object]:
        return [self.page, self.variant, self.selected, ms(self.morocco), ms(self.synthetic),
                self.spread, x(self.ratio), self.exceptions]


def warm(synthetic: Path, pages: list[PageInfo], runs: int) -> list[PageRow]:
    """Every page's warm rerun on both records, interleaved round-robin."""
    cases: dict[tuple[str, str, str], EnvCase] = {}
    for variant, params in VARIANTS.items():
        for page in pages:
            for label, data in (("morocco", DEFAULT_DATA_DIR), ("synthetic", synthetic)):
                os.environ["GFMD_DATA_DIR"] = str(data)
                at = new_apptest(page, params)
                cases[(page.name, variant, label)] = EnvCase(page.name, variant, data, at)
    print(f"{len(cases)} AppTest instances warmed; timing {runs} reruns each", flush=True)
    time_cases(list(cases.values()), runs)  # type: ignore[arg-type]
    os.environ.pop("GFMD_DATA_DIR", None)
    rows = []
    for variant in VARIANTS:
        for page in pages:
            mor = cases[(page.name, variant, "morocco")]
            syn = cases[(page.name, variant, "synthetic")]
            lo, hi = iqr(syn.times)
            rows.append(PageRow(page.name, variant, filter_state(syn.at), median(mor.times),
                                median(syn.times), f"{ms(lo)}–{ms(hi)}",
                                len(mor.errors) + len(syn.errors)))
    return rows


def headline(mor: dict[str, float], syn: dict[str, float], rows: list[PageRow],
             runs: int, reruns: int) -> str:
    """One table: each figure on Morocco's record, on the synthetic one, and the ratio."""
    def line(label: str, a: float, b: float, unit: str = "s") -> list[object]:
        shown = (f"{a:.2f} s", f"{b:.2f} s") if unit == "s" else (f"{ms(a)} ms", f"{ms(b)} ms")
        return [label, *shown, x(ratio(b, a))]

    table = [
        ["files", f"{mor['files']:,.0f}", f"{syn['files']:,.0f}",
         x(ratio(syn["files"], mor["files"]))],
        line(f"cold validate (CLI wall, median of {runs})", mor["validate"], syn["validate"]),
        line("app cold start (fresh interpreter: imports, data check, load, tables, "
             "version)", mor["app"], syn["app"]),
        line("… of which the load", mor["load"], syn["load"]),
        line("data check, every page run (in-process)", mor["check in-process"],
             syn["check in-process"], "ms"),
    ]
    for variant in VARIANTS:
        mine = [r for r in rows if r.variant == variant]
        worst = max(mine, key=lambda r: r.ratio)
        table.append(line(f"warm rerun, median over pages ({variant} filters, {reruns} "
                          "reruns each)", median([r.morocco for r in mine]),
                          median([r.synthetic for r in mine]), "ms"))
        table.append(line(f"warm rerun, most-affected page ({variant}): {worst.page}",
                          worst.morocco, worst.synthetic, "ms"))
    return md_table(["figure", "Morocco (data/)", "190 countries (synthetic)", "× Morocco"],
                    table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=OUT / "synthetic",
                        help="synthetic directory (regenerated unless --reuse)")
    parser.add_argument("--reuse", action="store_true",
                        help="use an existing synthetic directory as is")
    parser.add_argument("--years", type=int, default=None,
                        help="first N summit years (default: every summit year in data/)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts per record")
    parser.add_argument("--reruns", type=int, default=15, help="warm reruns per case")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    args = parser.parse_args(argv)
    quiet_streamlit()

    synthetic: Path = args.data.resolve()
    summit_years = load_dataset(DEFAULT_DATA_DIR).summit_years
    n_years = args.years or len(summit_years)
    span = f"{summit_years[0]}–{summit_years[n_years - 1]}"
    if not (args.reuse and (synthetic / MARKER).exists()):
        counts = make(synthetic, n_years=n_years, force=True)
        print("generated " + ", ".join(f"{k}: {v:,}" for k, v in counts.items()), flush=True)
    mor, syn = cold(DEFAULT_DATA_DIR, args.runs), cold(synthetic, args.runs)
    print("cold starts done", flush=True)
    rows = warm(synthetic, select_pages(args.pages), args.reruns)

    head = headline(mor, syn, rows, args.runs, args.reruns)
    phases = md_table(
        ["record", "validate s", *(f"{n} s" for n in PHASE_NAMES), "app cold start s"],
        [[name, f"{d['validate']:.2f}", *(f"{d[n]:.3f}" for n in PHASE_NAMES),
          f"{d['app']:.2f}"] for name, d in (("Morocco", mor), ("synthetic", syn))])
    pages = md_table(
        ["page", "filters", "selected", "Morocco ms", "synthetic ms", "synthetic IQR ms",
         "× Morocco", "exceptions"],
        [r.cells() for r in rows])
    body = "\n\n".join([
        f"190 made-up countries × {n_years} summit years ({span}) on top of data/.", head,
        f"Cold start by phase, each in a fresh interpreter, median of {args.runs}:", phases,
        f"Warm reruns, AppTest, one process, interleaved, median of {args.reruns}:", pages])
    print(body)
    if not args.no_append:
        record("scale", f"Scale (190 countries × {n_years} summit years, {span})", head, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
