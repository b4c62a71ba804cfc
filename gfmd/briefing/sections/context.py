"""The context sections: the Forum's structure and a line on money, the contributions table
(only when asked for), national figures and practices (only those on the themes)."""

from __future__ import annotations

from gfmd.briefing.facts import Facts
from gfmd.briefing.model import (
    Block,
    Bullets,
    Paragraph,
    Row,
    Sentence,
    Span,
    Spans,
    Subheading,
    Table,
)
from gfmd.briefing.sections.phrases import money_line
from gfmd.briefing.text import fill, make_sentence, plain, usd
from gfmd.record.reference import PfpPractice
from gfmd.record.vocab import ContributionStatus, HeldStatus, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


def context(f: Facts) -> tuple[Block, ...]:
    items = []
    for role in f.structural:
        if role.status != HeldStatus.HELD:
            continue
        name = label(role.role)
        spans = fill("briefing.context.role", label=name, years=fmt.year_span(role.years),
                     description=role.tr("description", language())) if role.years else \
            fill("briefing.context.role_no_years", label=name,
                 description=role.tr("description", language()))
        items.append(Paragraph((make_sentence(spans, [role.source]),)))
    blocks: list[Block] = [Subheading(t("briefing.context.structure"))]
    if items:
        blocks.append(Bullets(tuple(items)))
    blocks.append(Subheading(plain(fill("briefing.context.money",
                                        years=fmt.year_range(*f.sel.years)))))
    blocks.append(Paragraph((money_line(f),)))
    return tuple(blocks)


def contributions(f: Facts) -> tuple[Block, ...]:
    """The year-by-year table, for a reader who asks for it."""
    return (_money_table(f),
            Bullets(tuple(Paragraph((s,)) for s in _money_lines(f))))


def _money_table(f: Facts) -> Table:
    rows = []
    for rec in f.sel.records:
        c = rec.contributions
        year = (Span(str(rec.year)),)
        if not c.items:
            counted = "none" if c.status is ContributionStatus.NONE else "unknown"
            amount = "—" if counted == "none" else t("briefing.money.unknown")
            rows.append(Row((year, _as_written(c.as_written), (Span(amount),),
                             (Span(t(f"briefing.money.{counted}")),)), (c.source,)))
        for item in c.items:
            amount = fmt.number(item.amount_usd) if item.amount_usd is not None \
                else t("briefing.money.unknown")
            counted = "new" if item.counts_as_new_money else "carry"
            rows.append(Row((year, _as_written(item.as_written), (Span(amount),),
                             (Span(t(f"briefing.money.{counted}")),)), (item.source,)))
    columns = (t("briefing.col.year"), t("briefing.col.as_written"),
               t("briefing.col.amount"), t("briefing.col.counted"))
    return Table(columns, tuple(rows))


def _as_written(text: str | None) -> Spans:
    return (Span(text, data=True),) if text else fill("briefing.money.not_stated")


def _money_lines(f: Facts) -> list[Sentence]:
    money = f.sel.money
    sources = f.money_sources
    lines = [make_sentence(fill("briefing.money.total_new",
                                years=fmt.year_range(*f.sel.years),
                                amount=usd(money.new_money_usd)), sources)]
    carried = [(r.year, i.amount_usd) for r in f.sel.records
               for i in r.contributions.items if not i.counts_as_new_money]
    known = [year for year, amount in carried if amount is not None]
    if known:
        lines.append(make_sentence(fill("briefing.money.total_carry",
                                    amount=usd(money.carry_over_usd),
                                    years=fmt.year_span(known)), sources))
    if len(known) < len(carried):
        lines.append(make_sentence(fill("briefing.money.carry_unknown", years=fmt.year_span(
            year for year, amount in carried if amount is None)), sources))
    if money.years_none:
        lines.append(make_sentence(fill("briefing.money.years_none",
                                    years=fmt.year_span(money.years_none)), sources))
    if money.years_unknown:
        lines.append(make_sentence(fill("briefing.money.years_unknown",
                                    years=fmt.year_span(money.years_unknown)), sources))
    return lines


def _practice(p: PfpPractice) -> Spans:
    """A practice by its title: the profile's English title, said to be English, or the
    name the data gives in the reader's language (a Moroccan ministry's own French and
    Arabic name), as a name, without quotes."""
    lang = language()
    summary = p.tr("summary", lang)
    if p.translations.get(lang, {}).get("title"):
        return fill("briefing.national.practice.own", title=p.tr("title", lang),
                    summary=summary)
    return fill("briefing.national.practice", title=p.title, summary=summary)


def national(f: Facts) -> tuple[Block, ...]:
    figures = []
    for fig in f.sel.figures:
        value = fill(f"briefing.qualifier.{fig.qualifier.replace(' ', '-')}",
                     value=fmt.number(fig.value),
                     unit=fig.tr("unit", language()))
        year = (Span(fig.reference_year.replace("-", "–"), data=True),) if fig.reference_year \
            else fill("briefing.national.no_year")
        sentences = [make_sentence(fill("briefing.national.figure",
                                        label=fig.tr("label", language()), value=value,
                                        year=year), [fig.source])]
        sentences.extend(make_sentence((Span(n.shown(language()), data=True),), [n.source])
                         for n in fig.notes)
        figures.append(Paragraph(tuple(sentences)))
    practices = [Paragraph((make_sentence(_practice(p), [p.source]),))
                 for p in f.sel.practices]
    if not figures and not practices:
        return (Paragraph((make_sentence(fill("briefing.national.none",
                                              themes=f.themes_phrase)),)),)
    blocks: list[Block] = []
    for key, items in (("figures", figures), ("practices", practices)):
        blocks.append(Subheading(t(f"briefing.national.{key}")))
        blocks.append(Bullets(tuple(items)) if items else Paragraph((make_sentence(
            fill(f"briefing.national.{key}.none", themes=f.themes_phrase)),)))
    return tuple(blocks)
