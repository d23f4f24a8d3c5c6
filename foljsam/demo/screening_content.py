"""The demo city's screening, user-quality and financial templates (issue 4), and
the requirements of the financial and seriousness check.

The financial check asks one question per item seed 004 lists: credit rating
(UC), F-tax, employer registration and contributions, debts, company
registration, the board ("ekonomi och styrelse"), and exclusion grounds checked in
the tool "Kapitel 13". VAT registration is added as part of the registration
check at the Tax Agency; seed 004 does not name it.
"""

from __future__ import annotations

from foljsam.demo.requirements_content import (
    LOV_SHARED,
    MB,
    STATUTE,
    TENDER,
    WITH_AGREEMENTS,
    Req,
)
from foljsam.demo.template_types import (
    USERS,
    S,
    T,
    date,
    document,
    free_text,
    number,
    one_of,
    yes_no,
)
from foljsam.requirements.choices import Purpose

QUALIFICATION = "Förfrågningsunderlagen, kvalificeringskrav avsnitt "

FINANCIAL_REQUIREMENTS: tuple[Req, ...] = (
    Req(
        "ek-kreditbetyg",
        "Kreditbetyg och ekonomisk stabilitet",
        "Utföraren ska ha en ekonomisk stabilitet som gör att avtalet kan fullgöras "
        "under hela avtalstiden.",
        "Ta en kreditupplysning från UC. Vid riskklass 1 eller 2 eller "
        "betalningsanmärkningar: begär en förklaring och underlag som visar att "
        "bolaget kan fullgöra avtalet. Ett nystartat bolag saknar ofta riskklass.",
        TENDER,
        QUALIFICATION + "3.2",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-f-skatt",
        "Godkänd för F-skatt",
        "Utföraren ska vara godkänd för F-skatt under hela avtalstiden.",
        "Kontrollera i kreditupplysningen eller hos Skatteverket.",
        TENDER,
        QUALIFICATION + "3.1",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-moms",
        "Registrering för mervärdesskatt",
        "Utföraren ska vara registrerad för mervärdesskatt om bolaget bedriver "
        "momspliktig verksamhet.",
        "Social omsorg är i regel undantagen från moms, så en saknad "
        "momsregistrering är ingen brist i sig; svara då ”ej tillämpligt”.",
        TENDER,
        QUALIFICATION + "3.1",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-arbetsgivare",
        "Registrerad arbetsgivare med betalda arbetsgivaravgifter",
        "Utföraren ska vara registrerad som arbetsgivare hos Skatteverket och "
        "redovisa och betala arbetsgivaravgifter för sina anställda.",
        "Jämför personalförteckningen med de redovisade arbetsgivaravgifterna. "
        "Anställd personal utan arbetsgivarregistrering är en signal om välfärdsbrott.",
        TENDER,
        QUALIFICATION + "3.1",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-skatteskulder",
        "Inga skatteskulder eller skulder hos Kronofogden",
        "Utföraren ska ha betalat förfallna skatter och avgifter och får inte ha "
        "skulder hos Kronofogden.",
        "Kontrollera skulder hos Kronofogden (allmänna och enskilda mål) och "
        "betalningsanmärkningar i kreditupplysningen.",
        TENDER,
        QUALIFICATION + "3.1",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-bolagsregistrering",
        "Registrering hos Bolagsverket",
        "Utföraren ska vara registrerad hos Bolagsverket och får inte vara i "
        "likvidation, konkurs eller under företagsrekonstruktion.",
        "Kontrollera organisationsnummer, firma, säte och verksamhetsbeskrivning "
        "mot avtalet.",
        TENDER,
        QUALIFICATION + "3.3",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-styrelse",
        "Styrelse, firmatecknare och verklig huvudman",
        "Styrelse, firmatecknare och verklig huvudman ska vara registrerade och "
        "kända för förvaltningen, och ändringar ska ha anmälts.",
        "Jämför Bolagsverkets uppgifter med förvaltningens. Täta byten av styrelse "
        "eller ägare och företrädare med näringsförbud eller tidigare konkurser är "
        "signaler om oseriositet.",
        TENDER,
        QUALIFICATION + "3.3",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
    Req(
        "ek-uteslutningsgrunder",
        "Inga uteslutningsgrunder",
        "Det får inte finnas grund för att utesluta utföraren enligt "
        "upphandlingslagstiftningen, till exempel brott av företrädare, obetalda "
        "skatter eller allvarliga fel i yrkesutövningen.",
        "Kontrollera bolaget och dess företrädare i det webbaserade verktyget "
        "Kapitel 13.",
        STATUTE,
        "13 kap. lagen (2016:1145) om offentlig upphandling, 7 kap. 1 § LOV",
        "ekonomisk-kontroll",
        WITH_AGREEMENTS,
    ),
)

# The seed-004 items, in the order the check takes them, with the requirement
# each question checks.
FINANCIAL_ITEMS = (
    ("kreditbetyg (UC)", "ek-kreditbetyg"),
    ("skulder", "ek-skatteskulder"),
    ("F-skatt", "ek-f-skatt"),
    ("moms", "ek-moms"),
    ("arbetsgivarregistrering och arbetsgivaravgifter", "ek-arbetsgivare"),
    ("registrering av företaget", "ek-bolagsregistrering"),
    ("styrelse", "ek-styrelse"),
    ("uteslutningsgrunder (Kapitel 13)", "ek-uteslutningsgrunder"),
)

RISK_CLASSES = (
    "Riskklass 5: mycket låg risk",
    "Riskklass 4: låg risk",
    "Riskklass 3: normal risk",
    "Riskklass 2: hög risk",
    "Riskklass 1: mycket hög risk",
    "Riskklass saknas (till exempel nystartat bolag)",
)

EKONOMISK_KONTROLL = T(
    "ekonomisk-kontroll",
    "Ekonomisk kontroll och seriositetskontroll",
    Purpose.FINANCIAL_CHECK,
    "Görs före varje uppföljning, med kreditupplysning från UC, Skatteverkets och "
    "Bolagsverkets uppgifter och verktyget Kapitel 13. Socialförvaltningen kan "
    "stödja stadsdelsförvaltningarna i frågor om kontrollen.",
    (),
    (
        S(
            "Kreditupplysning (UC)",
            "Ta en kreditupplysning på bolaget.",
            (
                one_of(
                    "ek-kreditbetyg",
                    "Vilken riskklass har bolaget enligt UC?",
                    RISK_CLASSES,
                    RISK_CLASSES[3:5],
                ),
                yes_no(
                    "ek-skatteskulder",
                    "Har bolaget obetalda förfallna skatter eller skulder hos "
                    "Kronofogden?",
                    "Observera: här betyder ”ja” att kravet inte är uppfyllt.",
                    not_met=("yes",),
                ),
            ),
        ),
        S(
            "Skatteverket",
            "",
            (
                yes_no("ek-f-skatt", "Är bolaget godkänt för F-skatt?"),
                yes_no(
                    "ek-moms",
                    "Är bolaget registrerat för mervärdesskatt?",
                    "Svara ”ej tillämpligt” om bolaget bara bedriver verksamhet som "
                    "är undantagen från moms.",
                ),
                yes_no(
                    "ek-arbetsgivare",
                    "Är bolaget registrerat som arbetsgivare, och stämmer de "
                    "redovisade arbetsgivaravgifterna med antalet anställda?",
                ),
            ),
        ),
        S(
            "Bolagsverket",
            "",
            (
                yes_no(
                    "ek-bolagsregistrering",
                    "Är bolaget registrerat och aktivt, utan likvidation, konkurs "
                    "eller företagsrekonstruktion?",
                ),
                yes_no(
                    "ek-styrelse",
                    "Stämmer styrelse, firmatecknare och verklig huvudman med vad "
                    "förvaltningen känner till?",
                ),
            ),
        ),
        S(
            "Uteslutningsgrunder (Kapitel 13)",
            "",
            (
                one_of(
                    "ek-uteslutningsgrunder",
                    "Vad visar kontrollen i verktyget Kapitel 13?",
                    (
                        "Ingen uteslutningsgrund",
                        "Uppgift som behöver utredas",
                        "Uteslutningsgrund föreligger",
                    ),
                    ("Uppgift som behöver utredas", "Uteslutningsgrund föreligger"),
                ),
            ),
        ),
    ),
    note="Första versionen, med de kontroller som gjordes i 2023 års uppföljningar.",
)

OFTEN = ("Ja, alltid", "Oftast", "Sällan", "Nej, aldrig", "Vill inte svara")
SELDOM = ("Sällan", "Nej, aldrig")
NO_NAMES = (
    "Skriv svaren som en sammanfattning för gruppen, utan namn eller detaljer som "
    "kan peka ut någon."
)

KVALITETSFRAGOR_BRUKARE = T(
    "kvalitetsfragor-brukare",
    "Kvalitetsfrågor till brukare",
    Purpose.USER_QUALITY,
    "Frågor som handläggaren eller uppföljaren ställer till brukare när insatsen "
    "följs upp, med samtycke och till dem som vill svara. Svaren redovisas för "
    "gruppen; inga namn eller andra uppgifter som kan identifiera den som svarat "
    "antecknas.",
    (),
    (
        S(
            "Bemötande och trygghet",
            "",
            (
                one_of(
                    "brukare-bemotande",
                    "Blir du bemött med respekt av personalen?",
                    OFTEN,
                    SELDOM,
                    who=USERS,
                ),
                one_of(
                    "brukare-bemotande",
                    "Känner du dig trygg med personalen?",
                    OFTEN,
                    SELDOM,
                    who=USERS,
                ),
                one_of(
                    "brukare-bemotande",
                    "Lyssnar personalen på dig?",
                    OFTEN,
                    SELDOM,
                    who=USERS,
                ),
            ),
        ),
        S(
            "Delaktighet och inflytande",
            "",
            (
                one_of(
                    "brukare-delaktighet",
                    "Får du vara med och bestämma hur ditt stöd ska se ut?",
                    OFTEN,
                    SELDOM,
                    who=USERS,
                ),
                one_of(
                    "brukare-delaktighet",
                    "Får du veta i god tid när något ändras?",
                    OFTEN,
                    SELDOM,
                    who=USERS,
                ),
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Har du varit med och gjort planen för ditt stöd?",
                    who=USERS,
                ),
            ),
        ),
        S(
            "Synpunkter och klagomål",
            "",
            (
                yes_no(
                    "ska-klagomal",
                    "Vet du hur du gör om du vill klaga eller lämna synpunkter?",
                    who=USERS,
                ),
                yes_no(
                    "ska-brukarundersokning",
                    "Har du fått svara på frågor om vad du tycker om verksamheten "
                    "det senaste året?",
                    who=USERS,
                ),
                free_text(
                    "brukare-delaktighet",
                    "Vad fungerar bäst, och vad skulle kunna bli bättre?",
                    NO_NAMES,
                    who=USERS,
                ),
            ),
        ),
    ),
    note="Första versionen, enligt uppdraget att ta fram kvalitetsfrågor till brukare.",
)

ATTACH = "Bifoga den rutin som gäller i dag."

SCREENING_MISSBRUK = T(
    "screening-missbruk",
    "Digital screening missbruk vuxna",
    Purpose.SCREENING,
    "Självskattning som samtliga utförare inom ramavtalet för vuxna med missbruk "
    "besvarar skriftligt, med en ekonomisk kontroll vid sidan av. Utförare vars "
    "svar visar avvikelser eller brister väljs ut för verksamhetsbesök.",
    (MB,),
    (
        S(
            "Om verksamheten",
            "",
            (
                yes_no(
                    "ivo-tillstand",
                    "Har verksamheten det tillstånd från IVO som krävs för den "
                    "verksamhet som bedrivs?",
                    "Svara ”ej tillämpligt” för stödboende eller omvårdnadsboende "
                    "som inte tar emot personer mellan 18 och 21 år.",
                ),
                number("ivo-tillstand", "Hur många platser har verksamheten?"),
                number(
                    "personal-kompetens",
                    "Hur många årsarbetare arbetar i verksamheten?",
                ),
            ),
        ),
        S(
            "Personal och handledning",
            "",
            (
                document(
                    "personal-kompetens",
                    "Aktuell personalförteckning med utbildning och anställningsform.",
                ),
                yes_no(
                    "extern-handledning",
                    "Erbjuds personalen regelbunden extern handledning?",
                ),
                yes_no(
                    "kompetensutvecklingsplan",
                    "Finns en plan för personalens kompetensutveckling?",
                ),
            ),
        ),
        S(
            "Rutiner",
            ATTACH,
            (
                document("rutin-hot-vald", "Rutin för hot och våld."),
                document("rutin-avvikelser", "Rutin för avvikelsehantering."),
                document("rutin-lex-sarah", "Rutin för lex Sarah."),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa.",
                ),
                document("rutin-brandskydd", "Rutin för brandskydd."),
                document("rutin-kontinuitet", "Rutin för personalkontinuitet."),
            ),
        ),
        S(
            "Systematiskt kvalitetsarbete och förvaring",
            "",
            (
                document(
                    "ska-ledningssystem",
                    "Beskrivning av ledningssystemet för systematiskt kvalitetsarbete.",
                ),
                number(
                    "ska-klagomal",
                    "Hur många klagomål tog verksamheten emot under föregående år?",
                ),
                yes_no(
                    "ska-klagomal",
                    "Har klagomålen från föregående år sammanställts och analyserats?",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter i pappersform i ett låst, brandsäkert skåp?",
                ),
            ),
        ),
        S(
            "Ändringar och underleverantörer",
            "",
            (
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om alla ändringar under "
                    "avtalstiden (verksamhetsansvarig, kontaktperson, adress)?",
                ),
                date(
                    "info-andringar",
                    "Från vilket datum har nuvarande verksamhetsansvarig haft sin "
                    "tjänst?",
                ),
                yes_no(
                    "info-underleverantor",
                    "Är alla underleverantörer som verksamheten anlitar godkända av "
                    "förvaltningen?",
                    "Svara ”ej tillämpligt” om inga underleverantörer anlitas.",
                ),
                document("arsredovisning", "Senaste fastställda årsredovisning."),
            ),
        ),
    ),
    note="Första versionen, för screeningen av samtliga avtal 2024.",
)

SCREENING_LOV = T(
    "screening-lov",
    "Digital screening LOV funktionsnedsättning och socialpsykiatri",
    Purpose.SCREENING,
    "Skriftliga frågor om kvalitet som samtliga utförare inom LOV för "
    "funktionsnedsättning och socialpsykiatri besvarar, med en ekonomisk kontroll "
    "vid sidan av. Vid avvikelser gör socialförvaltningen verksamhetsbesök.",
    LOV_SHARED,
    (
        S(
            "Personal",
            "",
            (
                document(
                    "personal-kompetens",
                    "Aktuell personalförteckning med utbildning och anställningsform.",
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
        S(
            "Rutiner",
            ATTACH,
            (
                document("rutin-hot-vald", "Rutin för hot och våld."),
                document("rutin-avvikelser", "Rutin för avvikelsehantering."),
                document("rutin-lex-sarah", "Rutin för lex Sarah."),
                document(
                    "anmalningsskyldighet-barn",
                    "Rutin för anmälan vid oro för att barn far illa.",
                ),
                document(
                    "rutin-skyddsatgarder",
                    "Rutin för begränsning av skyddsåtgärder.",
                    "Gäller daglig verksamhet, bostad med särskild service och "
                    "korttidsvistelse.",
                ),
                document("rutin-barnperspektiv", "Rutin för barnperspektivet."),
                document("rutin-brandskydd", "Rutin för brandskydd."),
            ),
        ),
        S(
            "Kvalitet och dokumentation",
            "",
            (
                yes_no(
                    "ska-ledningssystem",
                    "Har verksamheten ett ledningssystem för systematiskt "
                    "kvalitetsarbete, med egenkontroll?",
                ),
                number(
                    "ska-klagomal",
                    "Hur många klagomål tog verksamheten emot under föregående år?",
                ),
                yes_no(
                    "dokumentation-genomforandeplan",
                    "Finns en aktuell genomförandeplan för varje brukare?",
                ),
                yes_no(
                    "forvaring-personakter",
                    "Förvaras personakter i pappersform i ett låst, brandsäkert skåp?",
                ),
                yes_no(
                    "vald-nara-relationer",
                    "Arbetar verksamheten enligt stadens program mot våld i nära "
                    "relationer?",
                ),
            ),
        ),
        S(
            "Information till förvaltningen",
            "",
            (
                yes_no(
                    "info-andringar",
                    "Har förvaltningen informerats om alla ändringar under "
                    "avtalstiden?",
                ),
                yes_no(
                    "info-hemsida",
                    "Är verksamhetens information på stadens webbplats aktuell?",
                ),
                document("arsredovisning", "Senaste fastställda årsredovisning."),
            ),
        ),
    ),
    note="Första versionen, för screeningen av samtliga LOV-avtal 2024.",
)

OTHER_TEMPLATES = (
    SCREENING_MISSBRUK,
    SCREENING_LOV,
    KVALITETSFRAGOR_BRUKARE,
    EKONOMISK_KONTROLL,
)
