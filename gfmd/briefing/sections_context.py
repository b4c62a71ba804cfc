"""The context sections: the Forum's structure and a line on money, the contributions table
(only when asked for), national figures and practices (only those on the themes)."""

from __future__ import annotations

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
from gfmd.briefing.sections_base import SectionWriter
from gfmd.briefing.text import fill, make_sentence, plain
from gfmd.record.vocab import ContributionStatus, HeldStatus, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


class ContextSections(SectionWriter):
    def context(self) -> tuple[Block, ...]:
        items = []
        for role in self.structural:
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
                                            years=fmt.year_range(*self.sel.years)))))
        blocks.append(Paragraph((self.money_line(),)))
        return tuple(blocks)

    def contributions(self) -> tuple[Block, ...]:
        """The year-by-year table, for a reader who asks for it."""
        return (self._money_table(),
                Bullets(tuple(Paragraph((s,)) for s in self._money_lines())))

    def _money_table(self) -> Table:
        rows = []
        for rec in self.sel.records:
            c = rec.contributions
            year = (Span(str(rec.year)),)
            if not c.items:
                counted = "none" if c.status is ContributionStatus.NONE else "unknown"
                amount = "—" if counted == "none" else t("briefing.money.unknown")
                rows.append(Row((year, self._as_written(c.as_written), (Span(amount),),
                                 (Span(t(f"briefing.money.{counted}")),)), (c.source,)))
            for item in c.items:
                amount = fmt.number(item.amount_usd) if item.amount_usd is not None \
                    else t("briefing.money.unknown")
                counted = "new" if item.counts_as_new_money else "carry"
                rows.append(Row((year, self._as_written(item.as_written), (Span(amount),),
                                 (Span(t(f"briefing.money.{counted}")),)), (item.source,)))
        columns = (t("briefing.col.year"), t("briefing.col.as_written"),
                   t("briefing.col.amount"), t("briefing.col.counted"))
        return Table(columns, tuple(rows))

    def _as_written(self, text: str | None) -> Spans:
        return (Span(text, data=True),) if text else fill("briefing.money.not_stated")

    def _money_lines(self) -> list[Sentence]:
        money = self.sel.money
        sources = self._money_sources()
        lines = [make_sentence(fill("briefing.money.total_new",
                                    years=fmt.year_range(*self.sel.years),
                                    amount=fmt.number(money.new_money_usd)), sources)]
        carried = [(r.year, i.amount_usd) for r in self.sel.records
                   for i in r.contributions.items if not i.counts_as_new_money]
        known = [year for year, amount in carried if amount is not None]
        if known:
            lines.append(make_sentence(fill("briefing.money.total_carry",
                                        amount=fmt.number(money.carry_over_usd),
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

    def national(self) -> tuple[Block, ...]:
        figures = []
        for f in self.sel.figures:
            value = fill(f"briefing.qualifier.{f.qualifier.replace(' ', '-')}",
                         value=fmt.number(f.value),
                         unit=f.tr("unit", language()))
            year = (Span(f.reference_year.replace("-", "–"), data=True),) if f.reference_year \
                else fill("briefing.national.no_year")
            sentences = [make_sentence(fill("briefing.national.figure",
                                            label=f.tr("label", language()), value=value,
                                            year=year), [f.source])]
            sentences.extend(make_sentence((Span(n.shown(language()), data=True),), [n.source])
                             for n in f.notes)
            figures.append(Paragraph(tuple(sentences)))
        practices = [
            Paragraph((make_sentence(fill("briefing.national.practice", title=p.title,
                                      summary=p.tr("summary", language())), [p.source]),))
            for p in self.sel.practices
        ]
        if not figures and not practices:
            return (Paragraph((make_sentence(fill("briefing.national.none",
                                                  themes=self.themes_phrase)),)),)
        blocks: list[Block] = []
        for key, items in (("figures", figures), ("practices", practices)):
            blocks.append(Subheading(t(f"briefing.national.{key}")))
            blocks.append(Bullets(tuple(items)) if items else Paragraph((make_sentence(
                fill(f"briefing.national.{key}.none", themes=self.themes_phrase)),)))
        return tuple(blocks)

