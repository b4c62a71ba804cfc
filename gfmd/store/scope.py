"""The one country scope: which country the dashboard is about, decided once.

The data directory may hold any number of countries (`participation/<ISO3>/`,
`country/<ISO3>.yaml`). The country is a setting — `--country` on the command line beats
`GFMD_COUNTRY`, which beats Morocco — and `scoped` derives the view of the dataset that
every table, page, summary and briefing reads. No other module names a country.
"""

from __future__ import annotations

import dataclasses
import os

from gfmd.record.dataset import Dataset
from gfmd.store.loader import load_dataset
from gfmd.text.formatting import slug

DEFAULT_COUNTRY = "MAR"
COUNTRY_ENV = "GFMD_COUNTRY"


def resolve_country(cli_value: str | None = None) -> str:
    """`--country` beats `GFMD_COUNTRY`, which beats the default (MAR)."""
    value = cli_value or os.environ.get(COUNTRY_ENV) or DEFAULT_COUNTRY
    return value.strip().upper()


def scoped(ds: Dataset, iso3: str) -> Dataset:
    """`ds` narrowed to one country: its participation years and its profile only.

    Shared reference data (summits, venues, sources, themes) stays whole; so do the
    problems, since a broken file is worth naming whichever country it belongs to.
    """
    return dataclasses.replace(
        ds,
        years=tuple(y for y in ds.years if y.country_iso3 == iso3),
        countries={k: v for k, v in ds.countries.items() if k == iso3},
        country_iso3=iso3,
    )


def load_scoped(data_dir: str | os.PathLike[str] | None = None,
                country: str | None = None) -> Dataset:
    """Load a data directory and scope it to the configured country."""
    return scoped(load_dataset(data_dir), resolve_country(country))


def country_name(ds: Dataset) -> str:
    """The scoped country's name as the data gives it; its code when no profile loads."""
    profile = ds.country
    return profile.name if profile else (ds.country_iso3 or "")


def file_prefix(ds: Dataset) -> tuple[str, ...]:
    """The first words of every file name the product writes: ('Morocco', 'GFMD')."""
    return (slug(country_name(ds)), "gfmd")
