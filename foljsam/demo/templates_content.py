"""The demo city's visit protocols (issue 4) for the areas seed 004 reports on
under LOV and the mission description (daily activity, the schools' KTT, family
counselling), built on the deficiencies it lists. Swedish: the city's own data.

Each question checks one requirement of ``requirements_content``. Document
requests stand for "send in the routine before the visit"; questions to staff
and users are marked so. The LOU areas' protocols are in
``templates_lou_content``; the screening, user-quality and financial templates in
``screening_content``.
"""

from __future__ import annotations

from foljsam.demo.requirements_content import DV, FR, KTT
from foljsam.demo.template_types import (
    STAFF,
    S,
    T,
    any_of,
    date,
    document,
    free_text,
    number,
    one_of,
    yes_no,
)
from foljsam.requirements.choices import Purpose

VISIT = Purpose.VISIT_PROTOCOL
BEFORE = "Begärs in från utföraren före besöket."

ROUTINES_INTRO = (
    "Rutinerna begärs in före besöket och granskas. Fråga vid besöket hur de "
    "används i praktiken. En rutin som saknas eller är ofullständig kompletteras "
    "inom den tid förvaltningen anger."
)
INFO_INTRO = "Jämför med förvaltningens uppgifter om utföraren."

# Version 2 of the daily-activity protocol (a draft in the demo) rewords this
# question, adds one on violence in close relationships and moves the routine for
# documentation to the documentation section.
DV_RESTRAINT = "Finns en skriftlig rutin för begränsning av skyddsåtgärder?"
DV_RESTRAINT_V2 = (
    "Finns en skriftlig rutin för hur personalen förebygger situationer som kan "
    "leda till tvång och begränsningar, och för hur en sådan händelse "
    "dokumenteras och rapporteras till beställaren?"
)
DV_RESTRAINT_V2_HELP = (
    "Insatsen ger inget stöd för tvång. Rutinen ska handla om det förebyggande "
    "arbetet och om rapporteringen, inte om hur åtgärder ska genomföras."
)
DV_DOCUMENTATION = "Finns en skriftlig rutin för dokumentation?"
DV_DOCUMENTATION_TO = "Dokumentation och förvaring"
DV_VIOLENCE_TO = "Utförande av insatsen"
DV_VIOLENCE = yes_no(
    "vald-nara-relationer",
    "Känner verksamheten till stadens program mot våld i nära relationer, och vet "
    "personalen hur de upptäcker våld, frågar om våld och vart de kan hänvisa?",
    "Saknas kännedom om programmet: begär en handlingsplan för det förebyggande "
    "arbetet.",
)
DV_V2_NOTE = (
    "Efter 2023 års uppföljning: ny fråga om våld i nära relationer enligt stadens "
    "program, tydligare fråga om skydds- och begränsningsåtgärder, och rutinen för "
    "dokumentation flyttad till avsnittet om dokumentation."
)

DAGLIG_VERKSAMHET = T(
    "besok-daglig-verksamhet",
    "Uppföljningsprotokoll daglig verksamhet (LSS)",
    VISIT,
    "Verksamhetsbesök hos utförare av daglig verksamhet enligt 9 § 10 LSS inom "
    "LOV. Socialförvaltningen gör urvalet och den ekonomiska kontrollen; "
    "stadsdelsförvaltningen granskar rutinerna, besöker verksamheten och "
    "intervjuar verksamhetsansvarig.",
    (DV,),
    (
        S(
            "Personal och kompetens",
            "",
            (
                document(
                    "personal-kompetens",
                    "Personalförteckning med utbildning, anställningsform och "
                    "anställningsdatum.",
                    BEFORE,
                ),
                number(
                    "personal-kompetens",
                    "Hur många årsarbetare arbetar i verksamheten?",
                ),
                yes_no(
                    "personal-kompetens",
                    "Har verksamhetsansvarig och personal den utbildning som "
                    "förfrågningsunderlaget kräver?",
                ),
                yes_no(
                    "kompetensutvecklingsplan",
                    "Finns en plan för personalens kompetensutveckling som följts "
                    "upp det senaste året?",
                ),
                yes_no(
                    "extern-handledning",
                    "Erbjuds personalen regelbunden extern handledning?",
                ),
                yes_no(
                    "extern-handledning",
                    "Har du fått handledning av en extern handledare under det "
                    "senaste halvåret?",
                    who=STAFF,
                ),
            ),
        ),
        S(
            "Utförande av insatsen",
            "",
            (
                free_text(
                    "dv-insats",
                    "Beskriv hur aktiviteterna planeras utifrån deltagarnas "
                    "önskemål och förutsättningar.",
                ),
                yes_no(
                    "dv-insats",
                    "Arbetar verksamheten aktivt mot praktik och arbete för de "
                    "deltagare som kan och vill?",
                ),
            ),
        ),
        S(
            "Skriftliga rutiner",
            ROUTINES_INTRO,
            (
                document("rutin-hot-vald", "Rutin för hot och våld."),
                document("rutin-avvikelser", "Rutin för avvikelsehantering."),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa "
                    "(14 kap. 1 § SoL).",
                ),
                document("rutin-lex-sarah", "Rutin för lex Sarah."),
                date(
                    "rutin-lex-sarah",
                    "När reviderades rutinen för lex Sarah senast?",
                ),
                document("rutin-brandskydd", "Rutin för brandskydd."),
                yes_no("rutin-skyddsatgarder", DV_RESTRAINT),
                yes_no(
                    "rutin-barnperspektiv",
                    "Finns en skriftlig rutin för hur barnperspektivet beaktas?",
                ),
                yes_no("rutin-dokumentation", DV_DOCUMENTATION),
                yes_no(
                    "rutin-hot-vald",
                    "Vet du var rutinen för hot och våld finns och vad du ska göra "
                    "i en hotfull situation?",
                    who=STAFF,
                ),
            ),
        ),
        S(
            "Systematiskt kvalitetsarbete",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Har verksamheten ett ledningssystem för systematiskt "
                    "kvalitetsarbete, med egenkontroll?",
                ),
                number(
                    "ska-klagomal",
                    "Hur många klagomål och synpunkter tog verksamheten emot under "
                    "föregående år?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Sammanställs och analyseras klagomål och synpunkter minst en "
                    "gång om året?",
                    "Be om den senaste sammanställningen.",
                ),
                yes_no(
                    "ska-brukarundersokning",
                    "Har verksamheten gjort en brukarundersökning under det senaste "
                    "året och använt resultatet?",
                ),
            ),
        ),
        S(
            DV_DOCUMENTATION_TO,
            "",
            (
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Finns en aktuell genomförandeplan för varje deltagare, "
                    "upprättad tillsammans med deltagaren?",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter i pappersform i ett låst, brandsäkert skåp?",
                    "Be att få se skåpet.",
                ),
            ),
        ),
        S(
            "Information till förvaltningen",
            INFO_INTRO,
            (
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om alla ändringar under "
                    "avtalstiden (verksamhetsansvarig, kontaktperson, adress)?",
                ),
                yes_no(
                    "info-underleverantor",
                    "Är alla underleverantörer som utföraren anlitar godkända av "
                    "förvaltningen?",
                    "Svara ”ej tillämpligt” om inga underleverantörer anlitas.",
                ),
                yes_no(
                    "info-hemsida",
                    "Är utförarens information på stadens webbplats aktuell?",
                ),
                document("arsredovisning", "Senaste fastställda årsredovisning."),
            ),
        ),
    ),
    note="Första versionen, efter 2023 års uppföljning av daglig verksamhet.",
)

KORTTIDSTILLSYN = T(
    "besok-ktt",
    "Uppföljningsprotokoll korttidstillsyn (KTT)",
    VISIT,
    "Verksamhetsbesök i korttidstillsynen vid stadens skolor, som "
    "utbildningsförvaltningen driver i egen regi. Uppföljningen görs mot "
    "uppdragsbeskrivningen: det finns inget avtal, så brister leder till "
    "iakttagelser och rekommendationer, inte till begäran om rättelse.",
    (KTT,),
    (
        S(
            "Insatsens mål och innehåll",
            "",
            (
                yes_no(
                    "ktt-mal",
                    "Känner personalen till målen för korttidstillsyn och hur de "
                    "skiljer sig från skolans mål?",
                ),
                free_text(
                    "ktt-mal",
                    "Beskriv en vanlig eftermiddag och hur aktiviteterna anpassas "
                    "efter varje ungdoms behov.",
                ),
                yes_no(
                    "ktt-mal",
                    "Erbjuds korttidstillsyn under skolans lov, enligt "
                    "uppdragsbeskrivningen?",
                ),
            ),
        ),
        S(
            "Personal och kompetens",
            "",
            (
                number("ktt-kompetens", "Hur många arbetar i korttidstillsynen?"),
                yes_no(
                    "ktt-kompetens",
                    "Har personalen fått utbildning om LSS och om målgruppens behov?",
                ),
                yes_no(
                    "ktt-kompetens",
                    "Har du fått en introduktion i vad som gäller för "
                    "korttidstillsyn enligt LSS?",
                    who=STAFF,
                ),
            ),
        ),
        S(
            "Rutiner",
            "Skolans rutiner räcker om de uttryckligen omfattar korttidstillsynen.",
            (
                yes_no(
                    "ktt-rutiner",
                    "Finns skriftliga rutiner för hot och våld och för avvikelser "
                    "som omfattar korttidstillsynen?",
                ),
                yes_no(
                    "rutin-lex-sarah",
                    "Finns en rutin för lex Sarah som omfattar korttidstillsynen?",
                ),
                yes_no(
                    "anmalningsskyldighet-barn",
                    "Finns en rutin för anmälan vid oro för att barn far illa?",
                ),
                yes_no(
                    "rutin-barnperspektiv",
                    "Finns en rutin för hur barnets bästa beaktas i insatsen?",
                ),
                yes_no(
                    "rutin-brandskydd",
                    "Omfattar skolans brandskyddsrutin korttidstillsynens lokaler "
                    "och tider?",
                ),
                date(
                    "rutin-brandskydd",
                    "När hölls den senaste brandövningen under korttidstillsynens tid?",
                ),
            ),
        ),
        S(
            "Systematiskt kvalitetsarbete",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Omfattar skolans systematiska kvalitetsarbete korttidstillsynen, "
                    "med mål och uppföljning enligt LSS?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Kan ungdomar och vårdnadshavare lämna klagomål och synpunkter "
                    "på korttidstillsynen, och tas de om hand?",
                ),
            ),
        ),
        S(
            "Dokumentation och beställningar",
            "",
            (
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Finns en genomförandeplan för varje ungdom, upprättad "
                    "tillsammans med ungdomen och vårdnadshavaren?",
                ),
                yes_no(
                    "ktt-dokumentation",
                    "Tas beställningar emot och rapporteras närvaro i stadens "
                    "system enligt uppdragsbeskrivningen?",
                ),
                yes_no(
                    "ktt-dokumentation",
                    "Har den som dokumenterar fått utbildning i stadens system för "
                    "socialtjänsten?",
                ),
            ),
        ),
    ),
    note="Första versionen, efter uppföljningen av samtliga 20 skolor 2023.",
)

FAMILJERADGIVNING = T(
    "besok-familjeradgivning",
    "Uppföljningsprotokoll familjerådgivning",
    VISIT,
    "Rutiner och skriftliga svar begärs in före besöket. Vid besöket diskuteras "
    "materialet med verksamhetschefen och lokalerna inspekteras, framför allt "
    "tillgängligheten för klienter med funktionsnedsättning. Socialförvaltningen "
    "följer själv upp familjerådgivningen.",
    (FR,),
    (
        S(
            "Inför besöket",
            BEFORE,
            (
                document(
                    "personal-kompetens",
                    "Personalförteckning med utbildning och anställningsform.",
                ),
                document(
                    "rutin-hot-vald",
                    "Rutin för att uppmärksamma och hantera hot och våld.",
                ),
                document("rutin-lex-sarah", "Rutin för lex Sarah."),
                document(
                    "ska-klagomal",
                    "Rutin för klagomål och synpunkter, med sammanställningen för "
                    "föregående år.",
                ),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa.",
                ),
            ),
        ),
        S(
            "Personalens kompetens",
            "",
            (
                yes_no(
                    "personal-kompetens",
                    "Har samtliga familjerådgivare den utbildning som "
                    "förfrågningsunderlaget kräver?",
                ),
                yes_no(
                    "kompetens-sexologi",
                    "Finns kompetens inom sexologi i verksamheten i dag?",
                ),
                free_text(
                    "kompetens-sexologi",
                    "Vem har kompetensen inom sexologi, och vad gäller när den "
                    "personen är frånvarande?",
                ),
                yes_no(
                    "kompetensutvecklingsplan",
                    "Finns individuella planer för kompetensutveckling?",
                ),
                yes_no(
                    "extern-handledning",
                    "Får familjerådgivarna regelbunden extern handledning?",
                ),
            ),
        ),
        S(
            "Systematiskt kvalitetsarbete",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Har verksamheten ett ledningssystem för systematiskt "
                    "kvalitetsarbete?",
                ),
                number(
                    "ska-klagomal",
                    "Hur många klagomål tog verksamheten emot under föregående år?",
                ),
                any_of(
                    "ska-klagomal",
                    "Hur får klienterna veta hur de lämnar klagomål och synpunkter?",
                    (
                        "Muntligt vid första samtalet",
                        "Skriftlig information",
                        "På utförarens webbplats",
                        "Anslag i väntrummet",
                        "Klienterna får ingen information",
                    ),
                    ("Klienterna får ingen information",),
                ),
                yes_no(
                    "ska-brukarundersokning",
                    "Har verksamheten gjort en brukarundersökning under det senaste "
                    "året och använt resultatet?",
                ),
            ),
        ),
        S(
            "Lokaler",
            "",
            (
                yes_no(
                    "lokaler-tillganglighet",
                    "Är entrén tillgänglig för klienter med rörelsenedsättning "
                    "(ramp, hiss eller entré i markplan)?",
                ),
                yes_no(
                    "lokaler-tillganglighet",
                    "Är samtalsrum och toalett tillgängliga för klienter med "
                    "funktionsnedsättning?",
                ),
            ),
        ),
        S(
            "Information till förvaltningen och allmänheten",
            INFO_INTRO,
            (
                yes_no(
                    "info-hemsida",
                    "Är informationen om familjerådgivningen på stadens webbplats "
                    "aktuell (kontaktuppgifter, språk, inriktning)?",
                ),
                one_of(
                    "info-underleverantor",
                    "Anlitar utföraren underleverantörer?",
                    (
                        "Nej",
                        "Ja, godkända av förvaltningen",
                        "Ja, utan förvaltningens godkännande",
                    ),
                    ("Ja, utan förvaltningens godkännande",),
                ),
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om nyanställda, vakanser och "
                    "byte av verksamhetschef?",
                ),
                one_of(
                    "arsredovisning",
                    "Har den senaste årsredovisningen skickats in till förvaltningen?",
                    ("Ja, i tid", "Ja, men för sent", "Nej"),
                    ("Ja, men för sent", "Nej"),
                ),
            ),
        ),
    ),
    note="Första versionen, efter 2023 års uppföljning av familjerådgivning.",
)

VISIT_PROTOCOLS_LOV = (DAGLIG_VERKSAMHET, KORTTIDSTILLSYN, FAMILJERADGIVNING)
