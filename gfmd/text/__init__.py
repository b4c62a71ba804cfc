"""Words and how values are written, in English, French and Arabic: the message catalogue
(`messages`, with the gettext catalogues in `locales/`), names and articles (`glossary`),
years, dates, money and places (`formatting`), and the one Markdown escaper (`markdown`).
Imports nothing else of gfmd."""
