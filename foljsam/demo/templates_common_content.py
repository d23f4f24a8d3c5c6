"""The demo city's common visit protocols for the LOV areas of disability and of
social psychiatry that the districts visit (seed 002: "En arbetsgrupp ... har
arbetat fram en mall för uppföljning av verksamheter inom
funktionsnedsättningsområdet. Mallen har stämts av mot socialpsykiatrins mall").
The city's own units in these areas are followed up with the same protocols (seed
001). Swedish: the city's own data.
"""

from __future__ import annotations

from foljsam.demo.requirements_content import BS, BSS, KV, LA, SB, SYS
from foljsam.demo.template_types import STAFF, S, T, document, yes_no
from foljsam.demo.templates_content import BEFORE, INFO_INTRO, ROUTINES_INTRO, VISIT


def _common(*, focus: S) -> tuple[S, ...]:
    return (
        S(
            "Personal och kompetens",
            "",
            (
                document(
                    "personal-kompetens",
                    "Personalförteckning med utbildning och anställningsform.",
                    BEFORE,
                ),
                yes_no(
                    "personal-kompetens",
                    "Har verksamhetsansvarig och personal den utbildning som "
                    "förfrågningsunderlaget eller uppdragsbeskrivningen kräver?",
                ),
                yes_no(
                    "kompetensutvecklingsplan",
                    "Finns en plan för personalens kompetensutveckling?",
                ),
                yes_no(
                    "extern-handledning",
                    "Har du fått extern handledning det senaste halvåret?",
                    who=STAFF,
                ),
            ),
        ),
        focus,
        S(
            "Rutiner",
            ROUTINES_INTRO,
            (
                yes_no("rutin-hot-vald", "Finns en skriftlig rutin för hot och våld?"),
                yes_no("rutin-avvikelser", "Finns en skriftlig rutin för avvikelser?"),
                yes_no("rutin-lex-sarah", "Finns en skriftlig rutin för lex Sarah?"),
                yes_no(
                    "anmalningsskyldighet-barn",
                    "Finns en rutin för anmälningsskyldigheten enligt 14 kap. 1 § SoL?",
                ),
                yes_no(
                    "rutin-brandskydd", "Finns skriftliga rutiner för brandskyddet?"
                ),
            ),
        ),
        S(
            "Systematiskt kvalitetsarbete och dokumentation",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Finns ett ledningssystem för systematiskt kvalitetsarbete som "
                    "följs upp?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Sammanställs och analyseras klagomål och synpunkter?",
                ),
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Finns en aktuell genomförandeplan för varje enskild?",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter i låst, brandsäkert skåp?",
                ),
            ),
        ),
        S(
            "Information till förvaltningen",
            INFO_INTRO,
            (
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om byte av verksamhetsansvarig "
                    "och andra väsentliga förändringar?",
                ),
                yes_no(
                    "info-hemsida",
                    "Är verksamhetens presentation på stadens webbplats aktuell?",
                ),
            ),
        ),
    )


FUNKTIONSNEDSATTNING = T(
    "besok-lov-funktionsnedsattning",
    "Uppföljningsprotokoll funktionsnedsättning (LSS)",
    VISIT,
    "Gemensam mall för verksamhetsbesök i bostad med särskild service, "
    "korttidsvistelse och ledsagar- och avlösarservice, i enskild och egen regi. "
    "Stadsdelsförvaltningen besöker verksamheten och intervjuar verksamhetsansvarig.",
    (BSS, KV, LA),
    _common(
        focus=S(
            "Bemötande och inflytande",
            "",
            (
                yes_no(
                    "brukare-bemotande",
                    "Beskriver personalen hur de bemöter de enskilda med respekt "
                    "för självbestämmande och integritet?",
                ),
                yes_no(
                    "rutin-skyddsatgarder",
                    "Finns en skriftlig rutin för begränsning av skyddsåtgärder?",
                ),
            ),
        )
    ),
    note="Första versionen, samordnad med socialpsykiatrins mall.",
)

SOCIALPSYKIATRI = T(
    "besok-lov-socialpsykiatri",
    "Uppföljningsprotokoll socialpsykiatri (SoL)",
    VISIT,
    "Gemensam mall för verksamhetsbesök i boendestöd, sysselsättning och "
    "stödboende inom socialpsykiatrin, i enskild och egen regi.",
    (BS, SYS, SB),
    _common(
        focus=S(
            "Delaktighet",
            "",
            (
                yes_no(
                    "brukare-delaktighet",
                    "Görs de enskilda delaktiga i hur insatsen planeras och utförs?",
                ),
                yes_no(
                    "ska-brukarundersokning",
                    "Har en brukarundersökning gjorts det senaste året?",
                ),
            ),
        )
    ),
    note="Första versionen, samordnad med mallen för funktionsnedsättning.",
)

VISIT_PROTOCOLS_COMMON = (FUNKTIONSNEDSATTNING, SOCIALPSYKIATRI)
