"""All user-facing text of the dashboard, keyed by message id.

Pages and components call `t("id", **values)`; nothing user-facing is written inline, so a
second language is one more dictionary here. Values are filled with `str.format`.
"""

from __future__ import annotations

import os

LANGUAGE_ENV = "GFMD_LANG"

EN: dict[str, str] = {
    # --- frame -----------------------------------------------------------------------------
    "app.title": "Morocco in the Global Forum on Migration and Development",
    "app.short_title": "Morocco in the GFMD",
    "nav.overview": "Overview",
    "nav.roundtables": "Roundtables",
    "nav.meetings": "Meetings and venues",
    "nav.contributions": "Contributions",
    "nav.data": "Data and sources",
    "nav.briefing": "Briefing",
    "filters.header": "Filters",
    "filters.help": "Filters apply on every page and are kept in the link you share.",
    "filters.years": "Years",
    "filters.roles": "Role",
    "filters.roles.placeholder": "All roles",
    "filters.themes": "Theme",
    "filters.themes.placeholder": "All themes",
    "filters.kinds": "Meeting kind",
    "filters.kinds.placeholder": "All kinds",
    "filters.search": "Search titles",
    "filters.search.placeholder": "e.g. diaspora",
    "filters.reset": "Clear filters",
    "filters.ignored": "Not applied to this table: the {names} filter.",
    "url.notice": "Some values in the link could not be used: {details}.",
    "url.bad_years": "years '{value}' is not a year range, so all years are shown",
    "url.years_outside": "years {value} is outside {start}–{end}, so all years are shown",
    "url.years_reversed": "years {start}–{end} is reversed, so {end}–{start} is shown",
    "url.unknown_role": "'{value}' is not a known role and was dropped",
    "url.unknown_theme": "'{value}' is not a known theme and was dropped",
    "url.unknown_kind": "'{value}' is not a known meeting kind and was dropped",
    "url.search_too_long": "the search text was cut to {limit} characters",
    "banner.title": "{count} data problem(s): the files below were not loaded. Everything else is shown.",
    "banner.fix": "Fix the files, then run `make validate`.",
    "banner.none": "All data files are valid.",
    # --- shared pieces ---------------------------------------------------------------------
    "common.unknown": "unknown",
    "common.none_stated": "none (stated)",
    "common.source_line": "Source: {sources}. Data version {version} ({date}).",
    "common.table_view": "Table view",
    "common.download_csv": "Download CSV",
    "common.download_json": "Download JSON",
    "common.rows": "{count} row(s) shown.",
    "common.no_rows": "No records match the current filters.",
    "common.chart_alt": "Chart description: {text}",
    # --- overview --------------------------------------------------------------------------
    "overview.title": "Morocco in the GFMD at a glance",
    "overview.intro": "What Morocco did in the Global Forum on Migration and Development, when, and in which role. Every figure links to its source on the Data and sources page.",
    "overview.metric.summits": "Summits attended",
    "overview.metric.summits.value": "{attended} of {held}",
    "overview.metric.summits.help": "GFMD summits held in the selected years, and how many Morocco's profile records as attended.",
    "overview.metric.co_chair": "Roundtable co-chair roles",
    "overview.metric.team": "Roundtable team memberships",
    "overview.metric.meetings": "Thematic meetings",
    "overview.metric.money": "New money (USD)",
    "overview.metric.money.help": "Carry-over is excluded: it is money contributed in an earlier year and carried over to a later chair, so counting it again would count the same money twice.",
    "overview.money_note": "New money excludes carry-over ({carry} USD), which is money already counted in an earlier year. Unknown amounts: {unknown}.",
    "overview.summary.heading": "Summary",
    "overview.timeline.heading": "Engagement by year",
    "overview.timeline.alt": "Bars per summit year: roundtable roles by role and thematic meetings (top), new money in USD (bottom). Shaded: the 2017–2018 co-chairmanship; outlined: Troika years.",
    "overview.timeline.source": "GFMD country profile of Morocco; co-chairmanship and Troika years from GFMD pages",
    "overview.structure.heading": "How the GFMD works",
    "overview.roles.heading": "Morocco's roles in the Forum's structure",
    "overview.coverage": "Morocco's participation in summits {numbers} is not recorded in the sources: unknown, not absent.",
    "structure.role.co-chair": "Co-chair of the GFMD",
    "structure.role.troika": "Troika",
    "structure.role.friends-of-the-forum": "Friends of the Forum",
    "structure.role.steering-group": "Steering Group",
    "summary.empty": "No records match the current filters.",
    "summary.period": "Between {first} and {last}, Morocco attended {attended} of the {held} GFMD summits held",
    "summary.roles": "co-chaired {co_chair} roundtable(s) and sat on {team} roundtable team(s)",
    "summary.meetings": "took part in {meetings} thematic meeting(s)",
    "summary.money": "and contributed USD {money} in new money (carry-over excluded)",
    "summary.money_unknown": "; amounts for {years} are unknown",
    "summary.co_chair": "Morocco co-chaired the GFMD with {partners} in {years}.",
    "money.new": "New money",
    "money.carry_over": "Carry-over (not new money)",
    "money.unknown": "Amount unknown",
    "money.unknown.short": "unknown",
    "money.none": "No contribution (stated)",
    "money.none.short": "none",
    "roundtables.no_code": "No RT code",
    "roundtables.axis": "Roundtable",
    "chart.role.co-chair": "Co-chair",
    "chart.role.team-member": "Team member",
    "chart.role.coordinator": "Coordinator",
    "chart.meetings": "Thematic meetings",
    "chart.new_money": "New money (USD)",
    "chart.co_chair_band": "Co-chair 2017–2018",
    "chart.troika": "Troika",
    "chart.count": "Count",
    "chart.usd": "USD",
    "chart.year": "Summit year",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN}


def language() -> str:
    lang = os.environ.get(LANGUAGE_ENV, "en")
    return lang if lang in LANGUAGES else "en"


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, falling back to English."""
    table = LANGUAGES[language()]
    template = table.get(key) or EN[key]
    return template.format(**values) if values else template
