"""The building blocks every data model shares: strict base model, text, id, date and
coordinate types, enum fields that accept their text values, notes and partners.

Unknown fields, wrong types, unknown role values and impossible dates are errors, so a
typo in a hand-edited file is caught by `python -m gfmd validate`, not by a reader.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from gfmd.record.vocab import (
    LEAD_ROLES,
    Attendance,
    ContributionKind,
    ContributionStatus,
    HeldStatus,
    MeetingRole,
    OtherMeetingKind,
    PartnersStatus,
    RecordStatus,
    RoundtableRole,
    SideEventRole,
    StructuralRoleKind,
)
from gfmd.text.formatting import typography

ISO3 = re.compile(r"^[A-Z]{3}$")


def _iso_date(value: object) -> object:
    """Accept only `YYYY-MM-DD` text for dates (the YAML loader keeps dates as text)."""
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a real calendar date") from None
    return value


def _year_label(value: object) -> object:
    """Chairmanship labels are text; let an editor write 2011 without quotes."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# Characters no text of the record or of a proposal may hold, because what a reader sees
# would differ from what is stored:
# - controls, C0 and C1 (NUL, ESC, BEL, tab, line breaks): no field spans lines; in a
#   terminal ESC runs commands, in a CSV a NUL or CR breaks the file;
# - direction embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they reorder
#   the letters on screen, so a reviewer would read other words than those stored;
# - invisible characters with no use in Arabic, French or English text: the zero-width
#   space U+200B, the word joiner and invisible operators U+2060–2064 (the Markdown
#   escaper's own mark), deprecated format characters U+206A–206F, the byte-order mark
#   U+FEFF, U+180E, line and paragraph separators U+2028–2029, interlinear annotation
#   U+FFF9–FFFB and tag characters U+E0000–E007F: they split or hide words unseen.
# Kept, since Arabic and mixed Arabic/Latin text uses them and they reorder no letters:
# ZWNJ and ZWJ (U+200C, U+200D: joining of letters), LRM, RLM and the Arabic letter mark
# (U+200E, U+200F, U+061C: where neutral punctuation goes), and every combining mark.
DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f" + DIRECTION_CONTROLS + "\u200b\u2060-\u2064"
                    "\u206a-\u206f\ufeff\u180e\u2028\u2029\ufff9-\ufffb\U000e0000-\U000e007f]")


def visible(text: str) -> str:
    """The text, if every character in it shows as what it is (see UNSEEN); else a
    ValueError naming the first one that does not, and where it stands."""
    match = UNSEEN.search(text)
    if match is None:
        return text
    char = match.group()
    code, where = f"U+{ord(char):04X}", f"at character {match.start() + 1}"
    if unicodedata.category(char) == "Cc":
        raise ValueError(f"contains a control character ({code}) {where}: type the text "
                         "without it")
    name = f"{code} {unicodedata.name(char, '')}".strip()
    if re.fullmatch(f"[{DIRECTION_CONTROLS}]", char):
        raise ValueError(f"contains a direction control ({name}) {where}, which changes "
                         "the order the text reads in: type the text without it")
    raise ValueError(f"contains an invisible character ({name}) {where}: type the text "
                     "without it")


# What output may still carry: a tab or line break shows as what it is.
_MARKED = re.compile(f"(?![\t\n]){UNSEEN.pattern}")


def marked(text: str) -> str:
    """`text` with each unseen character but tab and line break (see UNSEEN) shown as
    U+FFFD, for output that must carry none: a terminal (where ESC runs commands and CR
    writes over a line), a CSV or Excel cell."""
    return _MARKED.sub("\ufffd", text)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000),
                 AfterValidator(visible)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Chairmanship = Annotated[
    str, BeforeValidator(_year_label), StringConstraints(pattern=r"^\d{4}(-\d{4})?$")
]
RtCode = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class Strict(BaseModel):
    """Base for every data model: no unknown fields, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# A field's text in French or Arabic: a string, or a list of strings for a list field.
TranslatedText = Text | list[Text]


class Translatable(Strict):
    """Text this project writes (descriptions, paraphrases), also in French and Arabic.

    `translations: {fr: {description: …}, ar: {…}}` names fields of the model; `tr`
    gives a field in the reader's language, in English where no translation is given.
    An official title or name has an entry only where the body that owns it publishes it
    in that language (the UN's conference in Marrakech, for instance).
    """

    translations: dict[Literal["fr", "ar"], dict[str, TranslatedText]] = {}

    @model_validator(mode="after")
    def _translations_name_fields(self) -> Translatable:
        for lang, fields in self.translations.items():
            unknown = sorted(set(fields) - set(type(self).model_fields) - {"translations"})
            if unknown:
                raise ValueError(f"translations.{lang} names no field of this record: "
                                 + ", ".join(unknown))
        return self

    def tr(self, name: str, lang: str) -> object:
        """Field `name` in `lang` (a translation if given, set as the language sets text:
        French spacing), else as the data has it."""
        given = self.translations.get(lang, {}).get(name)  # type: ignore[call-overload]
        if given is None:
            return getattr(self, name)
        if isinstance(given, list):
            return [typography(text, lang) for text in given]
        return typography(given, lang)


# Enum fields accept their text values; strict mode alone would demand enum instances.
RoundtableRoleValue = Annotated[RoundtableRole, Field(strict=False)]
MeetingRoleValue = Annotated[MeetingRole, Field(strict=False)]
AttendanceValue = Annotated[Attendance, Field(strict=False)]
ContributionKindValue = Annotated[ContributionKind, Field(strict=False)]
ContributionStatusValue = Annotated[ContributionStatus, Field(strict=False)]
StructuralRoleValue = Annotated[StructuralRoleKind, Field(strict=False)]
HeldStatusValue = Annotated[HeldStatus, Field(strict=False)]
OtherMeetingKindValue = Annotated[OtherMeetingKind, Field(strict=False)]
PartnersStatusValue = Annotated[PartnersStatus, Field(strict=False)]
RecordStatusValue = Annotated[RecordStatus, Field(strict=False)]
SideEventRoleValue = Annotated[SideEventRole, Field(strict=False)]


class Note(Translatable):
    """A remark with its own source: disagreements, caveats, context; this project's
    words, so also in French and Arabic (`translations`)."""

    text: Text
    source: Id

    def shown(self, lang: str) -> str:
        """The note in `lang`, in English where it has no translation."""
        return str(self.tr("text", lang))


class Partners(Strict):
    """The other governments that shared a role, as a source names them.

    `unknown` (no source found names them) is kept apart from `none` (a source says
    Morocco held the role alone), so a view never turns silence into "no partner".
    """

    status: PartnersStatusValue
    names: list[Text] = []
    source: Id
    notes: list[Note] = []

    @model_validator(mode="after")
    def _names_match_status(self) -> Partners:
        if self.status is PartnersStatus.NAMED and not self.names:
            raise ValueError("status 'named' needs at least one name in names")
        if self.status is not PartnersStatus.NAMED and self.names:
            raise ValueError(f"status '{self.status.value}' cannot list names; use 'named'")
        return self


def _partners_stated(role: str, partners: Partners | None) -> None:
    """A lead role (co-chair, co-convener, organiser) must say who else led, or 'unknown'."""
    if role in LEAD_ROLES and partners is None:
        raise ValueError(
            f"a '{role}' role needs partners (status named, none or unknown, with a source)"
        )


