"""The demo city's visit protocols (issue 4) for the LOU framework agreements
seed 004 reports on: defector programmes, and HVB places in social psychiatry
together with care for adults with substance abuse (one visit when a provider
holds both). Swedish: the city's own data.
"""

from __future__ import annotations

from foljsam.demo.requirements_content import AVH, HVB, MB
from foljsam.demo.template_types import (
    STAFF,
    S,
    T,
    any_of,
    document,
    free_text,
    number,
    one_of,
    yes_no,
)
from foljsam.demo.templates_content import (
    BEFORE,
    INFO_INTRO,
    ROUTINES_INTRO,
    VISIT,
)

AVHOPPARVERKSAMHET = T(
    "besok-avhopparverksamhet",
    "Uppföljningsprotokoll avhopparverksamhet",
    VISIT,
    "Stöd till personer som vill lämna kriminella eller våldsbejakande "
    "extremistiska miljöer. Socialförvaltningen granskar rutiner och tillstånd och "
    "intervjuar föreståndaren, på plats eller digitalt. Vid ett digitalt besök "
    "visar utföraren med kameran hur dokumentationen förvaras.",
    (AVH,),
    (
        S(
            "Boende och individuellt stöd",
            "",
            (
                any_of(
                    "avhopp-boende",
                    "Vilka boenden kan verksamheten erbjuda vid placering?",
                    (
                        "Egen lägenhet",
                        "Stödboende kopplat till verksamheten",
                        "Familjehem",
                        "Annat boende",
                        "Inget boende kan erbjudas",
                    ),
                    ("Inget boende kan erbjudas",),
                ),
                document(
                    "avhopp-boende",
                    "Hyreskontrakt, lägenhetsförteckning och bilder på de lägenheter "
                    "som erbjuds.",
                ),
                yes_no(
                    "avhopp-stodkop",
                    "Stäms alla inköp som inte görs med den enskildes egna medel av "
                    "med socialtjänsten i förväg?",
                ),
            ),
        ),
        S(
            "Säkerhetsarbete",
            "",
            (
                document(
                    "rutin-sakerhet-polis",
                    "Rutin för säkerhetsarbetet och kontakten med Polismyndigheten.",
                ),
                yes_no(
                    "rutin-sakerhet-polis",
                    "Har verksamheten en utsedd kontakt hos polisen under insatsen, "
                    "och framgår det av rutinen hur kontakten hålls?",
                ),
                yes_no(
                    "rutin-sakerhet-polis",
                    "Framgår det av rutinen hur den placerades önskemål om ledighet "
                    "och resor hanteras?",
                ),
                document(
                    "rutin-sociala-medier",
                    "Rutin för skyddad identitet och sociala medier.",
                ),
                yes_no(
                    "rutin-sociala-medier",
                    "Vet du hur du ska agera om en placerad person röjer sin ort "
                    "eller identitet i sociala medier?",
                    who=STAFF,
                ),
                document(
                    "rutin-personal-missbruk-brott",
                    "Rutin vid missbruk eller brottslighet hos personal.",
                ),
                yes_no(
                    "rutin-personal-missbruk-brott",
                    "Begärs utdrag ur belastningsregistret vid anställning?",
                ),
            ),
        ),
        S(
            "Rutiner och systematiskt kvalitetsarbete",
            ROUTINES_INTRO,
            (
                document(
                    "rutin-avvikelser",
                    "Rutin för avvikelsehantering.",
                    "Kontrollera att beställaren kontaktas omgående vid en allvarlig "
                    "avvikelse och hur personalen ska agera rent praktiskt.",
                ),
                document(
                    "rutin-lex-sarah",
                    "Rutin för lex Sarah.",
                    "Kontrollera vem som ansvarar för vad, vad en anmälan ska "
                    "innehålla och hur utredningen görs vid risk för jäv.",
                ),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa "
                    "(14 kap. 1 § SoL).",
                ),
                yes_no(
                    "ska-ledningssystem",
                    "Har verksamheten ett strukturerat ledningssystem för "
                    "systematiskt kvalitetsarbete?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Sammanställs och analyseras klagomål och synpunkter minst en "
                    "gång om året?",
                ),
            ),
        ),
        S(
            "Dokumentation och förvaring",
            "",
            (
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Finns en aktuell genomförandeplan för varje placerad, "
                    "upprättad tillsammans med den enskilde?",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter och dokumentation i ett låst, brandsäkert "
                    "skåp?",
                    "Vid digitalt besök: be utföraren visa skåpet med kameran.",
                ),
            ),
        ),
        S(
            "Personal och kompetensutveckling",
            "",
            (
                document(
                    "personal-kompetens",
                    "Personalförteckning med utbildning och anställningsform.",
                    BEFORE,
                ),
                yes_no(
                    "kompetensutvecklingsplan",
                    "Finns en plan för personalens kompetensutveckling?",
                ),
                yes_no(
                    "extern-handledning",
                    "Erbjuds personalen regelbunden extern handledning?",
                ),
            ),
        ),
    ),
    note="Första versionen, efter den första uppföljningen av avtalet 2023.",
)

HVB_MISSBRUK = T(
    "besok-hvb",
    "Uppföljningsprotokoll HVB socialpsykiatri och missbruk vuxna",
    VISIT,
    "Verksamhetsbesök hos utförare av enstaka platser på HVB för vuxna inom "
    "socialpsykiatrin och av insatser för vuxna med missbruk. Har utföraren avtal "
    "inom båda områdena följs båda upp vid samma besök. Intervju med "
    "verksamhetsansvarig, några frågor till personal i tjänst och inspektion av "
    "lokaler och boendemiljö.",
    (HVB, MB),
    (
        S(
            "Inför besöket",
            BEFORE,
            (
                yes_no(
                    "ivo-tillstand",
                    "Har verksamheten det tillstånd från IVO som krävs, för rätt "
                    "målgrupp och antal platser?",
                    "Begär in tillståndsbeviset. Svara ”ej tillämpligt” för "
                    "stödboende och omvårdnadsboende som inte är tillståndspliktiga.",
                ),
                document(
                    "personal-kompetens",
                    "Personalförteckning med utbildning och anställningsform.",
                ),
            ),
        ),
        S(
            "Metoder, bemötande och delaktighet",
            "",
            (
                free_text(
                    "hvb-metoder",
                    "Vilka metoder och arbetssätt används, och hur har personalen "
                    "utbildats i dem?",
                ),
                yes_no(
                    "hvb-metoder",
                    "Är de boende delaktiga i sina genomförandeplaner och i vardagen?",
                ),
                free_text(
                    "hvb-metoder",
                    "Hur arbetar du för att de boende ska vara delaktiga i sin vardag?",
                    who=STAFF,
                ),
                yes_no(
                    "vald-nara-relationer",
                    "Frågar personalen om våld i nära relationer, och vet de vart "
                    "den enskilde kan hänvisas?",
                ),
            ),
        ),
        S(
            "Skriftliga rutiner",
            ROUTINES_INTRO,
            (
                document("rutin-hot-vald", "Rutin för hot och våld."),
                document("rutin-avvikelser", "Rutin för avvikelsehantering."),
                document("rutin-lex-sarah", "Rutin för lex Sarah."),
                yes_no(
                    "rutin-lex-sarah",
                    "Framgår det av rutinen hur en lex Sarah-utredning görs när det "
                    "finns risk för jäv?",
                ),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa "
                    "(14 kap. 1 § SoL).",
                ),
                document("rutin-kontinuitet", "Rutin för personalkontinuitet."),
                number(
                    "rutin-kontinuitet",
                    "Hur stor andel av de arbetade timmarna förra månaden gjordes "
                    "av timanställda (procent)?",
                ),
                document("rutin-brandskydd", "Rutin för brandskydd."),
            ),
        ),
        S(
            "Kvalitetsarbete och handledning",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Används avvikelser och egenkontroll som underlag för "
                    "förbättringsarbetet?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Sammanställs och analyseras klagomål och synpunkter minst en "
                    "gång om året?",
                ),
                one_of(
                    "extern-handledning",
                    "Hur ofta får personalen extern handledning?",
                    (
                        "Minst en gång i månaden",
                        "Varannan månad",
                        "Mer sällan",
                        "Ingen extern handledning",
                    ),
                    ("Mer sällan", "Ingen extern handledning"),
                ),
            ),
        ),
        S(
            "Lokaler och förvaring",
            "",
            (
                yes_no(
                    "lokaler-boendemiljo",
                    "Är gemensamma utrymmen och de boendes rum hemlika och i gott "
                    "skick?",
                ),
                free_text(
                    "lokaler-boendemiljo",
                    "Beskriv slitage eller brister som behöver åtgärdas, och "
                    "utförarens plan för det.",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter i pappersform i ett låst, brandsäkert skåp?",
                    "Saknas skåpet: begär en plan med datum för att skaffa ett.",
                ),
            ),
        ),
        S(
            "Information till förvaltningen",
            INFO_INTRO,
            (
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om ny kontaktperson eller "
                    "verksamhetsansvarig och andra ändringar?",
                ),
                yes_no(
                    "info-underleverantor",
                    "Är alla underleverantörer som utföraren anlitar godkända av "
                    "förvaltningen?",
                    "Svara ”ej tillämpligt” om inga underleverantörer anlitas.",
                ),
            ),
        ),
    ),
    note="Första versionen, efter 2023 års uppföljning av båda avtalsområdena.",
)

VISIT_PROTOCOLS_LOU = (AVHOPPARVERKSAMHET, HVB_MISSBRUK)
