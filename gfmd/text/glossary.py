"""The one glossary of GFMD terms that the dashboard and the briefing share, in English,
French and Arabic as written in Morocco.

Keyed by the English term; each entry gives the term as the `en`, `fr` and `ar`
catalogues (`gfmd.text.messages`, `gfmd.text.locales`) use it. Where a term has a noun for
the person or country and one for the office, both are given, separated by " / ". Names of the Forum
and its bodies follow the reference note `gfmd-2019-2025.md`, section 4.
"""

from __future__ import annotations

GLOSSARY: dict[str, dict[str, str]] = {
    "Global Forum on Migration and Development": {
        "en": "Global Forum on Migration and Development (GFMD)",
        "fr": "Forum mondial sur la migration et le développement (FMMD)",
        "ar": "المنتدى العالمي للهجرة والتنمية",
    },
    "GFMD": {
        "en": "GFMD",
        "fr": "FMMD",
        "ar": "المنتدى العالمي",
    },
    "Global Compact for Safe, Orderly and Regular Migration": {
        "en": "Global Compact for Safe, Orderly and Regular Migration",
        "fr": "Pacte mondial pour des migrations sûres, ordonnées et régulières",
        "ar": "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية",
    },
    "roundtable": {
        "en": "roundtable",
        "fr": "table ronde",
        "ar": "مائدة مستديرة",
    },
    "co-chair": {
        "en": "co-chair / co-chairmanship",
        "fr": "coprésident·e / coprésidence",
        "ar": "رئيس مشارك / رئاسة مشتركة",
    },
    "summit": {
        "en": "summit",
        "fr": "sommet",
        "ar": "قمة",
    },
    "thematic meeting": {
        "en": "thematic meeting",
        "fr": "réunion thématique",
        "ar": "اجتماع موضوعاتي",
    },
    "thematic workshop": {
        "en": "thematic workshop",
        "fr": "atelier thématique",
        "ar": "ورشة موضوعاتية",
    },
    "Platform for Partnerships": {
        "en": "Platform for Partnerships",
        "fr": "Plateforme de partenariats",
        "ar": "منصة الشراكات",
    },
    "Troika": {
        "en": "Troika",
        "fr": "Troïka",
        "ar": "الترويكا",
    },
    "Steering Group": {
        "en": "Steering Group",
        "fr": "Groupe de pilotage",
        "ar": "الفريق التوجيهي",
    },
    "Friends of the Forum": {
        "en": "Friends of the Forum",
        "fr": "Amis du Forum",
        "ar": "أصدقاء المنتدى",
    },
    "Moroccans living abroad": {
        "en": "Moroccans living abroad",
        "fr": "Marocains résidant à l'étranger (MRE)",
        "ar": "المغاربة المقيمون بالخارج",
    },
    "carry-over": {
        "en": "carry-over",
        "fr": "report",
        "ar": "مبالغ مرحّلة",
    },
    "new money": {
        "en": "new money",
        "fr": "fonds nouveaux",
        "ar": "أموال جديدة",
    },
    "delegation": {
        "en": "delegation",
        "fr": "délégation",
        "ar": "وفد",
    },
    "head of delegation": {
        "en": "head of delegation",
        "fr": "chef de délégation",
        "ar": "رئيس الوفد",
    },
    "side event": {
        "en": "side event",
        "fr": "manifestation parallèle",
        "ar": "نشاط موازٍ / الأنشطة الموازية",
    },
    "dashboard": {
        "en": "dashboard",
        "fr": "tableau de bord",
        "ar": "لوحة القيادة",
    },
    "the record (the data)": {
        "en": "the record",
        "fr": "les données",
        "ar": "السجل",
    },
    "data version": {
        "en": "data version",
        "fr": "version des données",
        "ar": "إصدار البيانات",
    },
    "filters": {
        "en": "filters",
        "fr": "filtres",
        "ar": "عوامل التصفية",
    },
    "review (of proposals)": {
        "en": "review / reviewer",
        "fr": "examen / examinateur",
        "ar": "المراجعة / المراجِع",
    },
    "proposal": {
        "en": "proposal",
        "fr": "proposition",
        "ar": "المقترح",
    },
    "coordinator": {
        "en": "coordinator",
        "fr": "coordonnateur",
        "ar": "منسق",
    },
    "US dollar": {
        "en": "US dollar (USD)",
        "fr": "dollar des États-Unis (USD)",
        "ar": "الدولار الأمريكي",
    },
    "public (open to all)": {
        "en": "public",
        "fr": "public",
        "ar": "متاح للعموم / العام",
    },
    "partner": {
        "en": "partner",
        "fr": "partenaire",
        "ar": "شريك",
    },
    "briefing note": {
        "en": "briefing note",
        "fr": "note d'information",
        "ar": "مذكرة إحاطة",
    },
    "key messages": {
        "en": "key messages",
        "fr": "messages clés",
        "ar": "الرسائل الرئيسية",
    },
    "team member": {
        "en": "team member",
        "fr": "membre de l'équipe",
        "ar": "عضو في الفريق",
    },
    "co-convener": {
        "en": "co-convener",
        "fr": "coorganisateur",
        "ar": "منظم مشارك",
    },
    "co-sponsor": {
        "en": "co-sponsor",
        "fr": "coparrain",
        "ar": "راعٍ مشارك",
    },
    "country profile": {
        "en": "country profile",
        "fr": "profil de pays",
        "ar": "الملف القُطري",
    },
    "preparatory meeting": {
        "en": "preparatory meeting",
        "fr": "réunion préparatoire",
        "ar": "اجتماع تحضيري",
    },
    "earmarked": {
        "en": "earmarked / non-earmarked",
        "fr": "préaffectée / non préaffectée",
        "ar": "مخصصة / غير مخصصة",
    },
}

# For each glossary term, the variants the catalogues once used for it and must not use
# again (language review 2026-12, P-F5–P-F24, P-A5–P-A25): one term per concept in each
# language. tests/test_glossary.py checks every catalogue entry against them (a regular
# expression each, matched ignoring case).
VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "side event": {"fr": (r"événements? parallèles?",), "ar": ("حدث جانبي", "أحداث جانبية",
                                                             "الأحداث الجانبية", "حدثين جانبيين")},
    "dashboard": {"ar": ("لوحة المتابعة",)},
    "the record (the data)": {"fr": (r"\b(?:le|du|au|ce|un) relevé\b", r"\bregistre\b(?! des)")},
    "data version": {"ar": ("نسخة البيانات", r"\(النسخة ", "نسخة أحدث", "أحدث نسخة")},
    "filters": {"ar": ("المرشِّحات", "المرشحات")},
    "review (of proposals)": {"fr": (r"\brevue\b", r"\bréviseurs?\b", r"\btranchée?s?\b")},
    "proposal": {"ar": ("الاقتراح",)},
    "coordinator": {"fr": (r"\bcoordinateur",)},
    "team member": {"fr": (r"membre d'équipe",)},
    "public (open to all)": {"ar": (r"العمومي",)},
    "GFMD": {"fr": (r"dernier (?-i:forum)\b",)},  # the Forum, capitalised (P-F15)
    "US dollar": {"ar": (r"\(USD\)",)},
}

# Places where the Forum met, as French and Arabic write them; the data keeps the English.
PLACE_NAMES: dict[str, dict[str, str]] = {
    "Agadir": {"fr": "Agadir", "ar": "أكادير"},
    "Athens": {"fr": "Athènes", "ar": "أثينا"},
    "Bangkok": {"fr": "Bangkok", "ar": "بانكوك"},
    "Berlin": {"fr": "Berlin", "ar": "برلين"},
    "Brussels": {"fr": "Bruxelles", "ar": "بروكسل"},
    "Dhaka": {"fr": "Dacca", "ar": "دكا"},
    "Geneva": {"fr": "Genève", "ar": "جنيف"},
    "Istanbul": {"fr": "Istanbul", "ar": "إسطنبول"},
    "Manila": {"fr": "Manille", "ar": "مانيلا"},
    "Marrakesh": {"fr": "Marrakech", "ar": "مراكش"},
    "Marseille": {"fr": "Marseille", "ar": "مرسيليا"},
    "Port Louis": {"fr": "Port-Louis", "ar": "بورت لويس"},
    "Puerto Vallarta": {"fr": "Puerto Vallarta", "ar": "بويرتو فالارتا"},
    "Quito": {"fr": "Quito", "ar": "كيتو"},
    "Rabat": {"fr": "Rabat", "ar": "الرباط"},
    "Riohacha": {"fr": "Riohacha", "ar": "ريوهاتشا"},
    "Skhirat": {"fr": "Skhirat", "ar": "الصخيرات"},
    "Stockholm": {"fr": "Stockholm", "ar": "ستوكهولم"},
    "Taliouine": {"fr": "Taliouine", "ar": "تالوين"},
    "Taroudant": {"fr": "Taroudant", "ar": "تارودانت"},
    "La Guajira": {"fr": "La Guajira", "ar": "لا غواخيرا"},
}

# The article a sentence puts before a country's name (ISO 3166 code, as CLDR names the
# country through Babel), where the language writes one: "with the Netherlands", « avec
# l'Allemagne », « la France », « les Pays-Bas », « le Kenya »; "" where French writes none
# (« Maurice », « Singapour »). English lists only the countries with "the";
# tests/test_grammar.py checks that every country in the data is listed for French.
# Arabic names carry their own definite article where Arabic writes one
# (المغرب، السويد، الإمارات العربية المتحدة), so Arabic needs none.
COUNTRY_ARTICLES: dict[str, dict[str, str]] = {
    "en": {code: "the " for code in ("BS", "DO", "GB", "GM", "KM", "NL", "PH", "AE", "US")},
    "fr": {
        **{code: "le " for code in (
            "BD", "BF", "BR", "CA", "CL", "DK", "GH", "JP", "KE", "LB", "LK", "LU", "MA",
            "ML", "MX", "NE", "NG", "NP", "PE", "PK", "PT", "QA", "SN", "GB")},
        **{code: "la " for code in (
            "BE", "CH", "CI", "CN", "CO", "CZ", "DO", "FI", "FR", "GM", "GR", "HU", "JO",
            "KR", "LY", "MR", "MY", "NO", "PL", "SE", "TH", "TN", "TR")},
        **{code: "l'" for code in (
            "AR", "AT", "AU", "DE", "DZ", "EC", "EG", "ES", "ET", "ID", "IE", "IN", "IT",
            "SA")},
        **{code: "les " for code in ("AE", "BS", "KM", "NL", "PH", "US")},
        **{code: "" for code in ("CY", "IL", "MC", "MT", "MU", "SG")},
    },
}
# Languages whose article is part of the country's name even in a table cell or a label.
NAME_ARTICLES = frozenset({"en"})

# Official names with an official French and Arabic form (the bodies' own translations),
# used where the data names the body in English: a source's publisher, for instance.
OFFICIAL_NAMES: dict[str, dict[str, str]] = {
    "Global Forum on Migration and Development": {
        "fr": "Forum mondial sur la migration et le développement",
        "ar": "المنتدى العالمي للهجرة والتنمية",
    },
    "United Nations": {"fr": "Nations Unies", "ar": "الأمم المتحدة"},
    "United Nations General Assembly": {
        "fr": "Assemblée générale des Nations Unies",
        "ar": "الجمعية العامة للأمم المتحدة",
    },
    "International Organization for Migration": {
        "fr": "Organisation internationale pour les migrations",
        "ar": "المنظمة الدولية للهجرة",
    },
}
