"""The reference files: sources, summits, venues, themes, the Forum's structure, country
profiles and the method note, strict by design like the participation record."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from gfmd.record.types import (
    ISO3,
    Chairmanship,
    HeldStatusValue,
    Id,
    IsoDate,
    Latitude,
    Longitude,
    Note,
    Partners,
    Strict,
    StructuralRoleValue,
    Text,
    Translatable,
    _partners_stated,
)
from gfmd.record.vocab import HeldStatus
from gfmd.text.formatting import language_name, typography
from gfmd.text.glossary import OFFICIAL_NAMES
from gfmd.text.messages import language, t

_ARABIC = re.compile("[\u0600-\u06ff]")
_GLOSS_MARK = re.compile(r"\((Arabic|French|Spanish|in [A-Z][a-z]+)\)\s*$")


class Source(Translatable):
    """A public source, or the project's own method note. A title the project wrote is
    translated (`translations`); a published title stays as published, in `language`, and
    says so to a reader of another language; an official name has its official translation
    (`glossary.OFFICIAL_NAMES`)."""

    id: Id
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    kind: Literal["primary", "secondary", "inference", "general-knowledge"]
    seed: Text | None = Field(default=None, description="The seed file it was read from")
    language: Literal["en", "fr", "es", "ar"] = Field(
        default="en", description="The language the source is published in")
    described: bool = Field(
        default=False, description="No published title was found: `title` (and its "
        "translations) is this project's description of the source, and says so")

    @model_validator(mode="after")
    def _title_in_its_language(self) -> Source:
        """A published title is in the source's language: an Arabic article titled by an
        English gloss would be cited in French as « … (en anglais) », which it is not."""
        if self.described:
            return self
        if self.language == "ar" and not _ARABIC.search(self.title):
            raise ValueError("an Arabic source's title is in Arabic script; an English "
                             "gloss of it is a description (described: true)")
        if _GLOSS_MARK.search(self.title):
            raise ValueError("a title that names its language in brackets is a gloss: give "
                             "the published title and `language`, or `described: true`")
        return self

    def shown_title(self, lang: str) -> str:
        """The title as a reader of `lang` reads it: a described source's description,
        saying the article's language and that its title was not found; a published title
        as published, with its language where the reader's differs."""
        if self.described:
            return t("source.described", title=self.tr("title", lang),
                     language=language_name(self.language, lang))
        if self.translations.get(lang, {}).get("title"):  # type: ignore[call-overload]
            return str(self.tr("title", lang))
        if lang == "en" or self.language == lang:
            return typography(self.title, lang)  # a French title set as French sets it
        return t("source.in_language", title=self.title,
                 language=language_name(self.language, lang))

    def shown_publisher(self, lang: str) -> str:
        if self.translations.get(lang, {}).get("publisher"):  # type: ignore[call-overload]
            return str(self.tr("publisher", lang))
        return OFFICIAL_NAMES.get(self.publisher, {}).get(lang, self.publisher)


class Summit(Strict):
    number: int = Field(ge=1)
    year: int | None = Field(default=None, description="Year the summit met; None if unknown")
    chairmanship: Chairmanship
    chairs: list[Text] = Field(min_length=1)
    city: Text | None = None
    locality: Text | None = Field(default=None, description="Region or place within the country")
    venue: Text | None = Field(default=None, description="The building, as the source names it")
    venue_source: Id | None = None
    host_country: Text | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    theme: Text | None = None
    virtual: bool = False
    source: Id
    notes: list[Note] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Summit:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"the end date {self.end_date} is before the start date {self.start_date}"
            )
        if self.start_date and self.year is not None and self.start_date.year != self.year:
            raise ValueError(f"year {self.year} differs from the start date {self.start_date}")
        return self


class Venue(Strict):
    city: Text
    country: Text
    latitude: Latitude
    longitude: Longitude
    source: Id


class ThemeText(Strict):
    label: Text
    description: Text


class Theme(Strict):
    """A theme of the vocabulary, in English and, where given, in French and Arabic."""

    id: Id
    label: Text
    description: Text
    gcm_objectives: list[Annotated[int, Field(ge=1, le=23)]] = Field(min_length=1)
    translations: dict[Literal["fr", "ar"], ThemeText] = Field(default_factory=dict)

    def text(self, lang: str) -> ThemeText:
        """Label and description in `lang`, English where no translation is given."""
        given = self.translations.get(lang)  # type: ignore[call-overload]
        if given is None:
            return ThemeText(label=self.label, description=self.description)
        return ThemeText(label=typography(given.label, lang),
                         description=typography(given.description, lang))


class GcmObjective(Strict):
    number: int = Field(ge=1, le=23)
    title: Text


class ThemeVocabulary(Strict):
    source: Id
    gcm_source: Id
    themes: list[Theme] = Field(min_length=1)
    gcm_objectives: list[GcmObjective] = Field(min_length=23, max_length=23)


class StructureBody(Translatable):
    name: Text
    description: Text
    source: Id


class GfmdStructure(Strict):
    bodies: list[StructureBody] = Field(min_length=1)


class StructuralRole(Translatable):
    role: StructuralRoleValue
    description: Text
    start: IsoDate | None = None
    end: IsoDate | None = None
    years: list[int] = Field(default_factory=list)
    status: HeldStatusValue = HeldStatus.HELD
    source: Id
    notes: list[Note] = Field(default_factory=list)
    partners: Partners | None = None

    @model_validator(mode="after")
    def _lead_has_partners(self) -> StructuralRole:
        _partners_stated(self.role, self.partners)
        return self


class PfpPractice(Translatable):
    title: Text
    summary: Text
    submitted_by: Text | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id


class NationalFigure(Translatable):
    label: Text
    value: float | int
    unit: Text
    qualifier: Literal["exact", "about", "more than"] = "exact"
    reference_year: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{4})?$")] | None = None
    themes: list[Id] = Field(min_length=1)
    source: Id
    notes: list[Note] = Field(default_factory=list)


class CountryProfile(Strict):
    iso3: Annotated[str, StringConstraints(pattern=ISO3.pattern)]
    name: Text
    official_name: Text
    centroid_latitude: Latitude
    centroid_longitude: Longitude
    source: Id
    notes: list[Note] = Field(default_factory=list)
    structural_roles: list[StructuralRole] = Field(default_factory=list)
    pfp_practices: list[PfpPractice] = Field(default_factory=list)
    national_figures: list[NationalFigure] = Field(default_factory=list)


# --- the method note ---------------------------------------------------------------------


class MethodSection(Strict):
    heading: Text
    text: Text


class MethodText(Strict):
    title: Text
    sections: list[MethodSection] = Field(min_length=1)


class MethodNote(Strict):
    """"How this record was built": the project's own reading, in plain words, cited as one
    source (`source`) wherever a record rests on that reading rather than on a public page."""

    source: Id
    title: Text
    sections: list[MethodSection] = Field(min_length=1)
    translations: dict[Literal["fr", "ar"], MethodText] = Field(default_factory=dict)

    def text(self, lang: str) -> MethodText:
        """The note in `lang`, English where no translation is given."""
        given = self.translations.get(lang)  # type: ignore[call-overload]
        if given is None:
            return MethodText(title=self.title, sections=self.sections)
        return MethodText(title=typography(given.title, lang), sections=[
            MethodSection(heading=typography(s.heading, lang), text=typography(s.text, lang))
            for s in given.sections])


def theme_label(theme: Theme) -> str:
    """A theme's label in the current language."""
    return theme.text(language()).label


def theme_description(theme: Theme) -> str:
    """A theme's description in the current language."""
    return theme.text(language()).description
