"""Write a synthetic data directory shaped like data/: 190 made-up countries × 12 summit years.

Everything in data/ is copied (reference files, geo/, and Morocco's own record, which the
pages show), then the made-up countries are added. Every generated record uses the real
summit years, theme ids, source ids and venues, so the result validates cleanly and runs
the same code paths as the real record, only 200 times bigger. Country codes come from
the ISO 3166 user-assigned range QMA–QZZ, so they never collide with a real country.
Deterministic for a given seed.

    .venv/bin/python bench/make_synthetic.py bench/out/synthetic
"""

from __future__ import annotations

import argparse
import random
import shutil
import string
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: F401  (puts the repository on sys.path)

from gfmd.record.dataset import Dataset
from gfmd.record.vocab import LEAD_ROLES
from gfmd.store.loader import DEFAULT_DATA_DIR, load_dataset

MARKER = ".synthetic"
ROLES_RT = ["co-chair", "team-member", "team-member", "coordinator"]
ROLES_MEETING = ["co-chair", "organiser", "participated", "attended", "attended"]
KINDS = ["non-earmarked", "earmarked", "unspecified"]
WORDS = [
    "migration", "development", "labour", "mobility", "diaspora", "remittances", "protection",
    "rights", "partnership", "governance", "data", "policy", "coherence", "youth", "women",
    "climate", "return", "integration", "skills", "circular", "regional", "dialogue",
]


def made_up_codes(n: int) -> list[str]:
    """QMA, QMB, … : user-assigned ISO 3166 codes, never a real country."""
    codes = [f"Q{a}{b}" for a in "MNOPQRSTUVWXYZ" for b in string.ascii_uppercase]
    if n > len(codes):
        raise SystemExit(f"at most {len(codes)} made-up countries")
    return codes[:n]


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


class Generator:
    """Builds records from the real reference data so every id it writes is valid."""

    def __init__(self, ref: Dataset, seed: int) -> None:
        self.rng = random.Random(seed)
        self.themes = sorted(ref.themes)
        self.sources = sorted(ref.sources)
        self.venues = [(v.city, v.country) for v in ref.venues]
        self.chairmanship = {s.year: s.chairmanship for s in ref.summits if s.year}
        self.main_source = ref.years[0].source if ref.years else self.sources[0]

    def _themes(self) -> list[str]:
        return self.rng.sample(self.themes, self.rng.randint(1, 2))

    def _notes(self, p: float = 0.3) -> list[dict]:
        if self.rng.random() > p:
            return []
        return [{"text": phrase(self.rng, 12) + ".", "source": self.rng.choice(self.sources)}]

    @staticmethod
    def _partners(row: dict) -> None:
        """A lead role (co-chair, co-convener, organiser) says who else led: here, that no
        source names them (the rule the validator holds every lead role to)."""
        if row["role"] in LEAD_ROLES:
            row["partners"] = {"status": "unknown", "source": "method-note"}

    def _roundtables(self) -> list[dict]:
        rows = []
        for _ in range(self.rng.randint(0, 3)):
            title = phrase(self.rng, 6)
            code = f"{self.rng.randint(1, 3)}.{self.rng.randint(1, 4)}"
            role = self.rng.choice(ROLES_RT)
            row = {"role": role, "rt_code": code, "title": title,
                   "as_written": f"{role.replace('-', ' ').title()} in RT {code}. \"{title}\"",
                   "themes": self._themes()}
            if self.rng.random() < 0.15:
                del row["rt_code"]
            if notes := self._notes(0.2):
                row["notes"] = notes
            self._partners(row)
            rows.append(row)
        return rows

    def _meetings(self, year: int) -> list[dict]:
        rows = []
        for _ in range(self.rng.randint(0, 3)):
            month, day = self.rng.randint(1, 12), self.rng.randint(1, 26)
            length = self.rng.randint(0, 2)
            title = phrase(self.rng, 5)
            row: dict = {"role": self.rng.choice(ROLES_MEETING), "title": title,
                         "as_written": f"Attended the Thematic Meeting on \"{title}\"."}
            if self.rng.random() < 0.85:
                row["start_date"] = f"{year}-{month:02d}-{day:02d}"
                row["end_date"] = f"{year}-{month:02d}-{day + length:02d}"
            if self.rng.random() < 0.85:
                city, country = self.rng.choice(self.venues)
                row["city"], row["country"] = city, country
            row["themes"] = self._themes()
            row["source"] = self.main_source
            if notes := self._notes():
                row["notes"] = notes
            self._partners(row)
            rows.append(row)
        return rows

    def _contributions(self) -> dict:
        status = self.rng.choices(["amount", "none", "unknown"], weights=[3, 4, 3])[0]
        out: dict = {"status": status, "source": self.main_source}
        if status == "none":
            out["as_written"] = "No Financial Contribution"
        elif status == "amount":
            items = [{"amount_usd": self.rng.randrange(5_000, 250_000, 500),
                      "kind": self.rng.choice(KINDS), "as_written": "USD amount as written",
                      "counts_as_new_money": True, "source": self.main_source}]
            if self.rng.random() < 0.2:
                items.append({"amount_usd": self.rng.randrange(1_000, 50_000, 100),
                              "kind": "carry-over", "as_written": "Left-over from last year",
                              "counts_as_new_money": False,
                              "reason": "Unspent part of an earlier contribution.",
                              "source": self.rng.choice(self.sources)})
            out["items"] = items
        return out

    def participation(self, iso3: str, year: int, position: int) -> dict:
        roles = self._roundtables()
        record: dict = {
            "country_iso3": iso3, "year": year, "chairmanship": self.chairmanship[year],
            "source": self.main_source,
            "year_evidence": {
                "profile_position": position,
                "confidence": self.rng.choice(["low", "medium", "medium-high", "high"]),
                "evidence": phrase(self.rng, 10) + ".",
                "sources": self.rng.sample(self.sources, 2),
            },
            "attendance": {
                "summit": self.rng.choice(["yes", "yes", "unknown"]),
                "prep_meetings": self.rng.choice(["yes", "unknown"]),
            },
            "roundtable_roles": roles,
        }
        if self.rng.random() < 0.1:
            record["attendance"]["other"] = [f"Attended the {phrase(self.rng, 2)} consultation"]
        if not roles and self.rng.random() < 0.5:
            record["no_roundtable_participation"] = True
        record["thematic_meetings"] = self._meetings(year)
        record["contributions"] = self._contributions()
        if notes := self._notes(0.2):
            record["notes"] = notes
        return record

    def country(self, iso3: str) -> dict:
        return {
            "iso3": iso3, "name": f"Synthland {iso3}",
            "official_name": f"Republic of Synthland {iso3}",
            "centroid_latitude": round(self.rng.uniform(-50, 65), 2),
            "centroid_longitude": round(self.rng.uniform(-170, 170), 2),
            "source": self.main_source, "notes": self._notes(0.5),
        }


def dump(path: Path, data: dict, comment: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    path.write_text(f"# {comment}\n{text}", encoding="utf-8")


def make(out: Path, countries: int = 190, n_years: int = 12, seed: int = 20260101,
         source: Path = DEFAULT_DATA_DIR, force: bool = False,
         include_real: bool = True) -> dict[str, int]:
    """Write the synthetic directory; returns counts for the summary line."""
    if out.exists() and any(out.iterdir()):
        if not (force and (out / MARKER).exists()):
            raise SystemExit(f"{out} is not empty; pass --force to replace an earlier "
                             "synthetic directory (only one holding a .synthetic marker)")
        shutil.rmtree(out)
    ref = load_dataset(source)
    if ref.problems:
        raise SystemExit(f"{source} has {len(ref.problems)} problems; fix them first")
    years = ref.summit_years[:n_years]
    if len(years) < n_years:
        raise SystemExit(f"only {len(years)} summit years in {source}")
    # Everything in data/ is copied as is (reference files, geo/, Morocco's own record), so
    # the pages, which show Morocco, have their data; the made-up countries come on top.
    ignore = None if include_real else shutil.ignore_patterns("participation", "country")
    shutil.copytree(source, out, dirs_exist_ok=True, ignore=ignore)
    (out / "country").mkdir(exist_ok=True)
    (out / MARKER).write_text(f"seed {seed}\n", encoding="utf-8")

    gen = Generator(ref, seed)
    files = 0
    for iso3 in made_up_codes(countries):
        dump(out / "country" / f"{iso3}.yaml", gen.country(iso3), f"Synthetic country {iso3}")
        files += 1
        for position, year in enumerate(years, start=1):
            dump(out / "participation" / iso3 / f"{year}.yaml",
                 gen.participation(iso3, year, position), f"Synthetic: {iso3} {year}")
            files += 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"countries": countries, "years": len(years), "generated files": files,
            "bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write (created)")
    parser.add_argument("--countries", type=int, default=190)
    parser.add_argument("--years", type=int, default=12, help="first N summit years")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--force", action="store_true",
                        help="replace an earlier synthetic directory at OUT")
    parser.add_argument("--without-real", action="store_true",
                        help="leave out data/'s own participation and country files")
    parser.add_argument("--check", action="store_true", help="load it afterwards and report")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = make(args.out, args.countries, args.years, args.seed, force=args.force,
                  include_real=not args.without_real)
    took = time.perf_counter() - start
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items())
          + f" — written to {args.out} in {took:.1f} s")
    if args.check:
        ds = load_dataset(args.out)
        print(f"check: {len(ds.years):,} participation years, {len(ds.problems)} problems")
        for problem in ds.problems[:10]:
            print(f"  {problem}")
        return 1 if ds.problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
