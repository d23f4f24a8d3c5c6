"""The fixed data of the demo city: Stockholm's districts, its contract areas as
seed 004 names them, and the word lists that invented names are made from."""

from __future__ import annotations

# code suffix, name, postal codes, postal town
DISTRICTS: list[tuple[str, str, tuple[str, ...], str]] = [
    ("rinkeby-kista", "Rinkeby-Kista", ("164 40", "164 51", "163 71"), "Kista"),
    ("spanga-tensta", "Spånga-Tensta", ("163 62", "163 68", "163 47"), "Spånga"),
    (
        "hasselby-vallingby",
        "Hässelby-Vällingby",
        ("162 65", "165 56", "162 43"),
        "Vällingby",
    ),
    ("bromma", "Bromma", ("168 67", "167 51", "161 39"), "Bromma"),
    ("kungsholmen", "Kungsholmen", ("112 21", "112 34", "112 47"), "Stockholm"),
    ("norrmalm", "Norrmalm", ("111 43", "113 29", "113 51"), "Stockholm"),
    ("ostermalm", "Östermalm", ("114 38", "115 27", "114 59"), "Stockholm"),
    ("sodermalm", "Södermalm", ("116 28", "117 43", "118 61"), "Stockholm"),
    (
        "enskede-arsta-vantor",
        "Enskede-Årsta-Vantör",
        ("120 55", "122 44", "124 33"),
        "Johanneshov",
    ),
    ("skarpnack", "Skarpnäck", ("128 31", "128 47", "121 52"), "Skarpnäck"),
    ("farsta", "Farsta", ("123 47", "123 52", "123 71"), "Farsta"),
    (
        "hagersten-alvsjo",
        "Hägersten-Älvsjö",
        ("125 30", "126 31", "129 38"),
        "Hägersten",
    ),
    ("skarholmen", "Skärholmen", ("127 48", "127 31", "127 42"), "Skärholmen"),
]

# The offices' own names take the genitive where Swedish does.
DISTRICT_OFFICE_NAMES = {
    "rinkeby-kista": "Rinkeby-Kista stadsdelsförvaltning",
    "spanga-tensta": "Spånga-Tensta stadsdelsförvaltning",
    "hasselby-vallingby": "Hässelby-Vällingby stadsdelsförvaltning",
    "bromma": "Bromma stadsdelsförvaltning",
    "kungsholmen": "Kungsholmens stadsdelsförvaltning",
    "norrmalm": "Norrmalms stadsdelsförvaltning",
    "ostermalm": "Östermalms stadsdelsförvaltning",
    "sodermalm": "Södermalms stadsdelsförvaltning",
    "enskede-arsta-vantor": "Enskede-Årsta-Vantörs stadsdelsförvaltning",
    "skarpnack": "Skarpnäcks stadsdelsförvaltning",
    "farsta": "Farsta stadsdelsförvaltning",
    "hagersten-alvsjo": "Hägersten-Älvsjö stadsdelsförvaltning",
    "skarholmen": "Skärholmens stadsdelsförvaltning",
}

OUTSIDE_TOWNS = [
    ("152 42", "Södertälje"),
    ("761 30", "Norrtälje"),
    ("753 20", "Uppsala"),
    ("633 42", "Eskilstuna"),
    ("722 11", "Västerås"),
    ("195 30", "Märsta"),
    ("141 45", "Huddinge"),
    ("183 30", "Täby"),
    ("411 05", "Göteborg"),
    ("211 20", "Malmö"),
]

# code, name, law, legal reference, operating area
# Where the units are is never published (issue 8): those who leave criminal
# networks are in danger.
PROTECTED = frozenset({"avhopparverksamhet"})

CONTRACT_AREAS = [
    (
        "daglig-verksamhet",
        "Daglig verksamhet",
        "LSS",
        "9 § 10 LSS",
        "funktionsnedsattning",
    ),
    (
        "korttidstillsyn",
        "Korttidstillsyn för skolungdom över 12 år",
        "LSS",
        "9 § 7 LSS",
        "funktionsnedsattning",
    ),
    (
        "familjeradgivning",
        "Familjerådgivning",
        "SoL",
        "5 kap. 3 § SoL",
        "individ-och-familj",
    ),
    (
        "avhopparverksamhet",
        "Avhopparverksamhet",
        "SoL",
        "4 kap. 1 § SoL",
        "individ-och-familj",
    ),
    (
        "hvb-socialpsykiatri",
        "Enstaka platser på HVB för vuxna inom socialpsykiatrin",
        "SoL",
        "4 kap. 1 § SoL",
        "socialpsykiatri",
    ),
    (
        "missbruk-vuxna",
        "Insatser för vuxna med missbruk",
        "SoL",
        "4 kap. 1 § SoL",
        "missbruk",
    ),
    (
        "bostad-sarskild-service",
        "Bostad med särskild service för vuxna",
        "LSS",
        "9 § 9 LSS",
        "funktionsnedsattning",
    ),
    (
        "korttidsvistelse",
        "Korttidsvistelse utanför det egna hemmet",
        "LSS",
        "9 § 6 LSS",
        "funktionsnedsattning",
    ),
    (
        "ledsagar-avlosarservice",
        "Ledsagar- och avlösarservice",
        "LSS",
        "9 § 3 och 5 LSS",
        "funktionsnedsattning",
    ),
    ("boendestod", "Boendestöd", "SoL", "4 kap. 1 § SoL", "socialpsykiatri"),
    ("sysselsattning", "Sysselsättning", "SoL", "4 kap. 1 § SoL", "socialpsykiatri"),
    ("stodboende", "Stödboende", "SoL", "4 kap. 1 § SoL", "socialpsykiatri"),
]

FIRST_WORDS = [
    "Ek",
    "Björk",
    "Sol",
    "Lind",
    "Fyr",
    "Havs",
    "Berg",
    "Ljung",
    "Rönn",
    "Vind",
    "Äng",
    "Sjö",
    "Ström",
    "Gran",
    "Lärk",
    "Hassel",
    "Al",
    "Lönn",
    "Asp",
    "Bok",
    "Tall",
    "Klöver",
    "Mås",
    "Tärn",
    "Lo",
    "Falk",
    "Svan",
    "Ros",
    "Vass",
    "Säv",
    "Kastanj",
    "Hägg",
    "Ljus",
    "Mo",
    "Kvarn",
    "Bäck",
    "Sten",
    "Dal",
    "Skogs",
    "Fors",
]
SECOND_WORDS = [
    "backen",
    "gläntan",
    "dalen",
    "viken",
    "udden",
    "hagen",
    "gården",
    "lunden",
    "holmen",
    "ängen",
    "stigen",
    "bryggan",
    "källan",
    "höjden",
    "näset",
]
STREET_WORDS = [
    "vägen",
    "gatan",
    "gränd",
    "backe",
    "stigen",
    "allén",
    "torget",
    "plan",
]
COMPANY_SUFFIXES = {
    "daglig-verksamhet": ("Daglig Verksamhet AB", "Aktivitet AB", "Arbete & Stöd AB"),
    "familjeradgivning": ("Familjeterapi AB", "Parsamtal AB", "Familjerådgivning AB"),
    "avhopparverksamhet": ("Stöd & Skydd AB", "Avhopparstöd AB", "Nystart AB"),
    "hvb-socialpsykiatri": ("Behandlingshem AB", "Vård AB", "Omsorg AB"),
    "missbruk-vuxna": ("Behandling AB", "Beroendevård AB", "Stödboende AB"),
    "bostad-sarskild-service": ("Omsorg AB", "Boende AB", "LSS-boenden AB"),
    "korttidsvistelse": ("Korttidshem AB", "Fritid & Vila AB", "Omsorg AB"),
    "ledsagar-avlosarservice": ("Ledsagning AB", "Avlösning AB", "Assistans AB"),
    "boendestod": ("Boendestöd AB", "Stöd i Vardagen AB", "Omsorg AB"),
    "sysselsattning": ("Sysselsättning AB", "Aktivitetshus AB", "Arbete & Stöd AB"),
    "stodboende": ("Stödboende AB", "Boende & Stöd AB", "Omsorg AB"),
}
NONPROFIT_FORMS = ("Stiftelsen {}", "Föreningen {}", "{} ideell förening")
UNIT_WORDS = {
    "daglig-verksamhet": ("Ateljé", "Verkstad", "Café", "Trädgård", "Aktivitetshus"),
    "familjeradgivning": ("Familjerådgivning", "Mottagning"),
    "avhopparverksamhet": ("Avhopparverksamhet",),
    "hvb-socialpsykiatri": ("HVB", "Behandlingshem"),
    "missbruk-vuxna": ("Behandlingshem", "Stödboende", "Omvårdnadsboende"),
    "bostad-sarskild-service": ("Gruppbostad", "Servicebostad"),
    "korttidsvistelse": ("Korttidshem",),
    "ledsagar-avlosarservice": ("Ledsagarservice", "Avlösarservice"),
    "boendestod": ("Boendestöd",),
    "sysselsattning": ("Träffpunkt", "Sysselsättning"),
    "stodboende": ("Stödboende",),
}
