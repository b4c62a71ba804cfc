"""Scale: 190 made-up countries × every summit year (2007–2025) against Morocco's own files.

1. Cold validate and load, each in a fresh interpreter (median of --runs), on both starts
   a server sees: the first after a change of the data (every file read and checked) and
   every other (the store of loaded datasets matches the files):
   `python -m gfmd validate --data DIR` wall time, and the phases the app pays on a cold
   start (imports, the country's view, building the tables, the data version hash).
2. Warm rerun of every page with GFMD_DATA_DIR=synthetic against the same page on the
   real data, interleaved in one process (AppTest), default and narrowed filters.

Goals: cold validate and app start ≤ 1.5 s on both starts; every page's warm rerun ≤ 2×
its Morocco-only time.

    .venv/bin/python bench/scale.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    NARROW_PARAMS,
    OUT,
    PYTHON,
    ROOT,
    append_results,
    iqr,
    md_table,
    median,
    ms,
    ratio,
    select_pages,
    verdict,
    x,
)
from gfmd.data_watch import fingerprint
from gfmd.dataset_cache import CACHE_ENV
from make_synthetic import MARKER, make
from rerun_cost import Case, filter_state, new_apptest, quiet_streamlit, time_cases

from gfmd.store.loader import DEFAULT_DATA_DIR, load_dataset

GOAL_COLD_S = 1.5
GOAL_RATIO = 2.0
VARIANTS = {"default": {}, "narrow": NARROW_PARAMS}

# Runs in a fresh interpreter: the phases of a cold start, as JSON on stdout.
PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, ROOT)
from gfmd.store.scope import load_scoped
from gfmd.tables.build import build_all
from gfmd.store.version import content_hash, data_date
t1 = time.perf_counter()
# As the app's loader does (components.context._load): the country's view, from the
# store of loaded datasets when it matches the files, then that view's tables.
ds = load_scoped(DATA)
t2 = time.perf_counter()
tables = build_all(ds)
t3 = time.perf_counter()
content_hash(ds.files, ds.data_dir); data_date(ds.files, ds.data_dir)
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "tables": t3 - t2,
                  "version": t4 - t3, "problems": len(ds.problems), "years": len(ds.years),
                  "files": len(ds.files)}))
"""

# The two starts a server sees: the first after the data changed (every file read and
# checked, the store written) and every other (the store matches the files).
STARTS = ("first after a change", "store matches")


def _env(store: Path) -> dict[str, str]:
    return {**os.environ, CACHE_ENV: str(store)}


def cold_phases(data: Path, store: Path) -> dict[str, float]:
    code = PHASES.replace("ROOT", repr(str(ROOT))).replace("DATA", repr(str(data)))
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=_env(store))
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def cold_validate(data: Path, store: Path, fresh: bool) -> tuple[float, int]:
    command = [PYTHON, "-m", "gfmd", "validate", "--data", str(data)]
    start = time.perf_counter()
    done = subprocess.run(command + (["--fresh"] if fresh else []), cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env=_env(store))
    return time.perf_counter() - start, done.returncode


def one_start(data: Path, start: str) -> tuple[tuple[float, int], dict[str, float]]:
    """Validate, then the app's start, in a store of their own: empty for the first start
    after a change (validate --fresh reads every file; the app start is timed on an
    empty store), filled for the other."""
    with tempfile.TemporaryDirectory(prefix="gfmd-store-") as folder:
        store = Path(folder)
        if start == STARTS[0]:
            validate = cold_validate(data, store, fresh=True)
            shutil.rmtree(store)
            store.mkdir(mode=0o700)
            return validate, cold_phases(data, store)
        cold_validate(data, store, fresh=True)  # what a deploy runs: fills the store
        return cold_validate(data, store, fresh=False), cold_phases(data, store)


def cold_section(synthetic: Path, runs: int) -> tuple[str, bool]:
    rows = []
    ok = True
    for label, data in (("Morocco (data/)", DEFAULT_DATA_DIR), ("synthetic", synthetic)):
        for start in STARTS:
            done = [one_start(data, start) for _ in range(runs)]
            validate = [v for v, _ in done]
            phases = [p for _, p in done]
            codes = {code for _, code in validate}
            v = median([t for t, _ in validate])
            app_cold = median([p["imports"] + p["load"] + p["tables"] + p["version"]
                               for p in phases])
            good = v <= GOAL_COLD_S and app_cold <= GOAL_COLD_S
            if label == "synthetic":
                ok &= good
            rows.append([
                label, start, f"{phases[0]['files']:,}", f"{phases[0]['years']:,}",
                f"{v:.2f} s (exit {'/'.join(map(str, sorted(codes)))})",
                f"{median([p['imports'] for p in phases]):.2f}",
                f"{median([p['load'] for p in phases]):.2f}",
                f"{median([p['tables'] for p in phases]):.2f}",
                f"{median([p['version'] for p in phases]):.2f}",
                f"{app_cold:.2f} s", verdict(good),
            ])
            print(f"  cold: {label}, {start} done", flush=True)
    table = md_table(["data", "start", "files", "years", "validate (CLI wall)", "imports s",
                      "load s", "tables s", "version s", "app cold start",
                      f"goal ≤ {GOAL_COLD_S:g} s"], rows)
    return (f"Cold start, each in a fresh interpreter, median of {runs}:\n\n{table}\n\n"
            "'validate' is `python -m gfmd validate --data DIR` wall time (interpreter, "
            "imports, load, report): with `--fresh` on the first start after a change, "
            "which reads and checks every file and fills the store of loaded datasets "
            "(gfmd.dataset_cache), and without it once the store matches. 'app cold start' "
            "is what the app's cached loader does before its first page "
            "(components.context._load): imports, the country's view (every file read, or "
            "the stored dataset), its tables, the data version. Both must be within the "
            "goal on both starts."), ok


def fingerprint_cost(data: Path, repeats: int = 5) -> float:
    """The data-change check walks every file; each app process repeats it every 2 s, in
    a thread of its own (gfmd.data_watch)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fingerprint(data)
        times.append(time.perf_counter() - start)
    return median(times)


class EnvCase(Case):
    """A Case whose data directory is set just before each of its runs."""

    def __init__(self, label: str, variant: str, data: Path, at: object) -> None:
        super().__init__(label, variant, at)  # type: ignore[arg-type]
        self.data = data

    def run_once(self) -> None:
        os.environ["GFMD_DATA_DIR"] = str(self.data)
        super().run_once()


def warm_section(synthetic: Path, pages_arg: str | None, runs: int) -> tuple[str, bool]:
    pages = select_pages(pages_arg)
    cases: list[EnvCase] = []
    for variant, params in VARIANTS.items():
        for page in pages:
            for label, data in (("morocco", DEFAULT_DATA_DIR), ("synthetic", synthetic)):
                os.environ["GFMD_DATA_DIR"] = str(data)
                start = time.perf_counter()
                at = new_apptest(page, params)
                took = time.perf_counter() - start
                cases.append(EnvCase(f"{page.name}|{label}", variant, data, at))
                if label == "synthetic" and took > 5:
                    print(f"  first synthetic run (cold load in-process): {took:.1f} s")
    print(f"{len(cases)} AppTest instances warmed; timing {runs} reruns each", flush=True)
    time_cases(cases, runs)  # type: ignore[arg-type]
    os.environ.pop("GFMD_DATA_DIR", None)

    by_key = {(c.label, c.variant): c for c in cases}
    rows = []
    ok = True
    for variant in VARIANTS:
        for page in pages:
            mor = by_key[(f"{page.name}|morocco", variant)]
            syn = by_key[(f"{page.name}|synthetic", variant)]
            r = ratio(median(syn.times), median(mor.times))
            errors = mor.errors + syn.errors
            good = r <= GOAL_RATIO and not errors
            ok &= good
            lo, hi = iqr(syn.times)
            rows.append([page.name, variant, filter_state(syn.at), ms(median(mor.times)),
                         ms(median(syn.times)), f"{ms(lo)}–{ms(hi)}", x(r),
                         verdict(good) + (" ERROR" if errors else "")])
    table = md_table(["page", "filters", "selected", "Morocco ms", "synthetic ms",
                      "synthetic IQR ms", "× Morocco", f"goal ≤ {GOAL_RATIO:g}×"], rows)
    errors = [f"- {c.label} ({c.variant}): {e}" for c in cases for e in c.errors]
    return (f"Warm reruns, AppTest, one process, interleaved, median of {runs}:\n\n{table}"
            + ("\n\nExceptions:\n" + "\n".join(errors) if errors else "")), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=OUT / "synthetic",
                        help="synthetic directory (regenerated unless --reuse)")
    parser.add_argument("--reuse", action="store_true",
                        help="use an existing synthetic directory as is")
    parser.add_argument("--years", type=int, default=None,
                        help="first N summit years (default: every summit year in data/)")
    parser.add_argument("--runs", type=int, default=3, help="cold runs (≥3)")
    parser.add_argument("--reruns", type=int, default=15, help="warm reruns per case")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    quiet_streamlit()

    synthetic: Path = args.data.resolve()
    summit_years = load_dataset(DEFAULT_DATA_DIR).summit_years
    n_years = args.years or len(summit_years)
    span = f"{summit_years[0]}–{summit_years[n_years - 1]}"
    if not (args.reuse and (synthetic / MARKER).exists()):
        counts = make(synthetic, n_years=n_years, force=True)
        print("generated " + ", ".join(f"{k}: {v:,}" for k, v in counts.items()))
    cold, cold_ok = cold_section(synthetic, args.runs)
    print(cold, flush=True)
    walk = {label: fingerprint_cost(path) for label, path in
            (("Morocco", DEFAULT_DATA_DIR), ("synthetic", synthetic))}
    walk_text = ("Data-change check (`gfmd.data_watch.fingerprint`, a walk of every "
                 "file, repeated every 2 s per process in a thread of its own, off the "
                 "readers' reruns): "
                 + ", ".join(f"{k} {ms(v)} ms" for k, v in walk.items()) + ".")
    print(walk_text)
    warm, warm_ok = warm_section(synthetic, args.pages, args.reruns)
    print(warm)
    print("\nall within goal" if cold_ok and warm_ok else "\nsome figures over goal")
    if not args.no_append:
        append_results(f"Scale (190 countries × {n_years} summit years, {span})",
                       "\n\n".join([cold, walk_text, warm]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
