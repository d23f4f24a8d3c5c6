"""The demo city's requirement catalogue (issue 4): the requirements behind what
seed 004 found missing most often in the 2023 follow-ups, for the demo templates'
questions to check.

Swedish, since it is the city's own data. Statutes are cited as seed 004 cites
them (the Social Services Act of 2001, SoL). The tender documents, the general
contract terms and the mission description are the city's; their section numbers
are made up for the demo.
"""

from __future__ import annotations

from typing import NamedTuple

from foljsam.requirements.choices import SourceKind

# The demo city's contract areas (``data.CONTRACT_AREAS``).
DV = "daglig-verksamhet"
KTT = "korttidstillsyn"
FR = "familjeradgivning"
AVH = "avhopparverksamhet"
HVB = "hvb-socialpsykiatri"
MB = "missbruk-vuxna"
BSS = "bostad-sarskild-service"
KV = "korttidsvistelse"
LA = "ledsagar-avlosarservice"
BS = "boendestod"
SYS = "sysselsattning"
SB = "stodboende"

# The LOV areas the central office and the districts follow up together (seed 002).
LOV_SHARED = (DV, BSS, KV, LA, BS, SYS, SB)
LOV = (*LOV_SHARED, FR)
# Every area the city has agreements in: all but the schools' KTT, which only has
# a mission description (seed 004).
WITH_AGREEMENTS = (*LOV, AVH, HVB, MB)

TENDER = SourceKind.TENDER_DOCUMENT
MISSION = SourceKind.MISSION_DESCRIPTION
STATUTE = SourceKind.STATUTE
POLICY = SourceKind.CITY_POLICY

TERMS = "Stadens allmänna avtalsvillkor för socialtjänst och LSS, avsnitt "
FU_DV = "Förfrågningsunderlag LOV daglig verksamhet, avsnitt "
FU_FR = "Förfrågningsunderlag LOV familjerådgivning, avsnitt "
FU_AVH = "Förfrågningsunderlag avhopparverksamhet (LOU), avsnitt "
FU_HVB_MB = (
    "Förfrågningsunderlag HVB socialpsykiatri och missbruk vuxna (LOU), avsnitt "
)
UB_KTT = "Uppdragsbeskrivning korttidstillsyn för skolungdom över 12 år, avsnitt "


class Req(NamedTuple):
    code: str
    title: str
    text: str
    guidance: str
    source_kind: str
    source_reference: str
    category: str  # a code from migration 0002_default_categories
    areas: tuple[str, ...] = ()  # empty: every contract area


REQUIREMENTS: tuple[Req, ...] = (
    # Skriftliga rutiner --------------------------------------------------------
    Req(
        "rutin-hot-vald",
        "Rutin för att förebygga och hantera hot och våld",
        "Utföraren ska ha en skriftlig rutin för hur hot och våld mot brukare och "
        "personal förebyggs, hur personalen agerar i en hotfull eller våldsam "
        "situation och hur händelsen dokumenteras, rapporteras och följs upp.",
        "Begär in rutinen före besöket. Den ska säga vad personalen gör i stunden, "
        "vem som kontaktas, hur händelsen rapporteras som avvikelse och vilket stöd "
        "personalen får efteråt. Fråga personal på plats om de känner till den.",
        TENDER,
        TERMS + "6.3",
        "rutiner",
        WITH_AGREEMENTS,
    ),
    Req(
        "rutin-avvikelser",
        "Rutin för avvikelsehantering",
        "Utföraren ska ha en skriftlig rutin för hur avvikelser rapporteras, "
        "dokumenteras, utreds och används i förbättringsarbetet. Av rutinen ska "
        "framgå att beställaren kontaktas omgående vid en allvarlig avvikelse.",
        "Kontrollera att rutinen säger vem som gör vad och att beställaren "
        "informeras omgående vid en allvarlig avvikelse; det saknades ofta 2023.",
        TENDER,
        TERMS + "6.4",
        "rutiner",
        WITH_AGREEMENTS,
    ),
    Req(
        "anmalningsskyldighet-barn",
        "Anmälningsskyldighet vid oro för att barn far illa",
        "Utföraren ska ha en skriftlig rutin som säkerställer att personalen genast "
        "anmäler till socialnämnden när de i verksamheten får kännedom om eller "
        "misstänker att ett barn far illa.",
        "Rutinen ska gälla även verksamheter för vuxna, när brukaren har barn eller "
        "barn finns i brukarens närhet. Den ska ange vart anmälan görs och att "
        "skyldigheten gäller var och en i personalen.",
        STATUTE,
        "14 kap. 1 § SoL",
        "rutiner",
    ),
    Req(
        "rutin-lex-sarah",
        "Rutin för lex Sarah",
        "Utföraren ska ha en skriftlig rutin för att rapportera, dokumentera, "
        "utreda, avhjälpa och anmäla missförhållanden och påtagliga risker för "
        "missförhållanden enligt lex Sarah.",
        "Rutinen ska säga vem som tar emot rapporter, vem som utreder och hur jäv "
        "undviks när den som ska utreda själv är inblandad, vad en anmälan till IVO "
        "ska innehålla och att beställaren informeras.",
        STATUTE,
        "14 kap. 2\u20137 §§ SoL, 24 a\u201324 g §§ LSS, SOSFS 2011:5 (lex Sarah)",
        "rutiner",
    ),
    Req(
        "rutin-brandskydd",
        "Rutin för brandskydd",
        "Utföraren ska bedriva ett systematiskt brandskyddsarbete med skriftliga "
        "rutiner, utbildad personal och regelbundna brandövningar.",
        "Fråga när den senaste brandövningen hölls. Se vid besöket att "
        "utrymningsvägarna är fria och att brandvarnare och släckutrustning finns.",
        STATUTE,
        "2 kap. 2 § lagen (2003:778) om skydd mot olyckor",
        "rutiner",
    ),
    Req(
        "rutin-skyddsatgarder",
        "Rutin för begränsning av skyddsåtgärder",
        "Utföraren ska ha en skriftlig rutin som anger att tvång och begränsningar "
        "inte får användas, hur personalen arbetar förebyggande för att undvika dem "
        "och hur en nödsituation där en skyddsåtgärd ändå vidtagits dokumenteras, "
        "rapporteras och följs upp.",
        "Insatser enligt LSS ger inget stöd för tvång. Rutinen ska handla om det "
        "förebyggande arbetet och om hur en händelse rapporteras som avvikelse och "
        "till beställaren.",
        TENDER,
        FU_DV + "6.2 (motsvarande avsnitt för bostad med särskild service och "
        "korttidsvistelse)",
        "rutiner",
        (DV, BSS, KV),
    ),
    Req(
        "rutin-barnperspektiv",
        "Rutin för att beakta barnperspektivet",
        "Utföraren ska ha en skriftlig rutin för hur barnets bästa beaktas när "
        "insatsen rör barn, och hur barn i brukarens närhet uppmärksammas.",
        "Gäller även verksamheter för vuxna. Rutinen ska hänga ihop med rutinen för "
        "anmälningsskyldigheten.",
        STATUTE,
        "1 kap. 2 § SoL, 6 a § LSS",
        "rutiner",
    ),
    Req(
        "rutin-dokumentation",
        "Rutin för dokumentation",
        "Utföraren ska ha en skriftlig rutin för hur genomförandet av insatsen "
        "dokumenteras: vad, av vem, hur ofta, och hur den enskilde får ta del av "
        "det som skrivits.",
        "Jämför rutinen med hur dokumentationen förs i praktiken. Rutinen ska också "
        "beskriva hur dokumentationen förvaras och gallras.",
        STATUTE,
        "11 kap. 5 § SoL, 21 a § LSS, SOSFS 2014:5",
        "rutiner",
    ),
    Req(
        "rutin-kontinuitet",
        "Rutin för personalkontinuitet",
        "Utföraren ska ha en skriftlig rutin för hur kontinuiteten i "
        "personalgruppen säkras, så att den enskilde möter så få olika personer som "
        "möjligt, även vid semester och sjukdom.",
        "Fråga om andelen timanställda och hur vikarier introduceras. Jämför "
        "personalförteckningen med schemat.",
        TENDER,
        FU_HVB_MB + "7.3",
        "rutiner",
        (HVB, MB),
    ),
    Req(
        "rutin-sakerhet-polis",
        "Rutin för säkerhetsarbetet och kontakten med polisen",
        "Utföraren ska ha en skriftlig rutin för säkerhetsarbetet kring den "
        "placerade: hur kontakten med Polismyndigheten hålls under insatsen, hur "
        "hot mot den enskilde bedöms och hanteras och hur önskemål om ledighet och "
        "resor hanteras.",
        "Många utförare kunde 2023 muntligen beskriva ett kompetent säkerhetsarbete "
        "men saknade skriftlig rutin; kräv den skriftligt. Fråga vem som är "
        "kontaktperson hos polisen och hur ofta säkerhetsbedömningen uppdateras.",
        TENDER,
        FU_AVH + "5.4",
        "rutiner",
        (AVH,),
    ),
    Req(
        "rutin-sociala-medier",
        "Rutin för skyddad identitet och sociala medier",
        "Utföraren ska ha en skriftlig rutin för hur den placerades ort och "
        "identitet skyddas, bland annat hur sociala medier, mobiltelefon och andra "
        "digitala spår hanteras under insatsen.",
        "Fråga hur personalen går igenom sociala medier med den enskilde vid "
        "inskrivningen och hur personalens egen användning av sociala medier "
        "regleras.",
        TENDER,
        FU_AVH + "5.5",
        "rutiner",
        (AVH,),
    ),
    Req(
        "rutin-personal-missbruk-brott",
        "Rutin vid missbruk eller brottslighet hos personal",
        "Utföraren ska ha en skriftlig rutin för hur lämplighet prövas vid "
        "rekrytering och hur verksamheten agerar om aktivt missbruk eller "
        "kriminalitet upptäcks hos en anställd.",
        "Fråga om utdrag ur belastningsregistret begärs vid anställning och vad "
        "rutinen säger om avstängning, omplacering och information till beställaren.",
        TENDER,
        FU_AVH + "6.2",
        "rutiner",
        (AVH,),
    ),
    Req(
        "ktt-rutiner",
        "Skriftliga rutiner för korttidstillsynen",
        "Verksamheten ska ha skriftliga rutiner för hot och våld och för avvikelser "
        "som uttryckligen omfattar korttidstillsynen, och personalen ska känna till "
        "dem.",
        "Skolans egna rutiner räcker om de omfattar korttidstillsynen och dess "
        "personal. Uppföljningen görs mot uppdragsbeskrivningen: brister leder till "
        "iakttagelser och rekommendationer, inte till begäran om rättelse.",
        MISSION,
        UB_KTT + "5",
        "rutiner",
        (KTT,),
    ),
    # Ledningssystem och systematiskt kvalitetsarbete ------------------------------
    Req(
        "ska-ledningssystem",
        "Ledningssystem för systematiskt kvalitetsarbete",
        "Utföraren ska ha ett ledningssystem för systematiskt kvalitetsarbete med "
        "processer, rutiner, riskanalys och egenkontroll, så att verksamhetens "
        "kvalitet fortlöpande utvecklas och säkras.",
        "Be om en beskrivning av ledningssystemet och ett exempel på en förbättring "
        "det senaste året. Fråga hur egenkontrollen går till och hur avvikelser "
        "används som underlag.",
        STATUTE,
        "3 kap. 3 § SoL, 6 § LSS, SOSFS 2011:9",
        "ledningssystem",
    ),
    Req(
        "ska-klagomal",
        "Hantering av klagomål och synpunkter",
        "Utföraren ska ta emot och utreda klagomål och synpunkter, informera "
        "brukare och närstående om hur de lämnar dem, och minst en gång om året "
        "sammanställa och analysera dem för att förbättra verksamheten.",
        "Be om sammanställningen för föregående år. En vanlig brist 2023 var att "
        "klagomål togs emot men aldrig sammanställdes eller analyserades.",
        STATUTE,
        "SOSFS 2011:9, 5 kap. (klagomål och synpunkter)",
        "ledningssystem",
    ),
    # Personal, kompetens och handledning --------------------------------------
    Req(
        "personal-kompetens",
        "Personalens utbildning och kompetens",
        "Verksamhetsansvarig och personal ska ha den utbildning och erfarenhet som "
        "avtalet kräver för insatsen.",
        "Begär in personalförteckning med utbildning, anställningsform och "
        "anställningsdatum, och jämför med kraven för avtalsområdet.",
        TENDER,
        TERMS + "5.1",
        "personal-kompetens",
        WITH_AGREEMENTS,
    ),
    Req(
        "kompetens-sexologi",
        "Kompetens inom sexologi",
        "Familjerådgivningen ska ha tillgång till familjerådgivare med "
        "vidareutbildning i sexologi.",
        "Fråga vem som har kompetensen och vad som gäller vid frånvaro. 2023 "
        "saknades den tillfälligt hos några utförare, på grund av vakanser som "
        "förvaltningen inte hade informerats om.",
        TENDER,
        FU_FR + "5.2",
        "personal-kompetens",
        (FR,),
    ),
    Req(
        "ktt-kompetens",
        "Personalens kunskap om LSS och målgruppen",
        "Personalen i korttidstillsynen ska ha kunskap om LSS, om målen för "
        "insatsen och om målgruppens behov, och erbjudas utbildning inom området.",
        "För många skolor är korttidstillsynen en liten del av verksamheten; fråga "
        "särskilt om kunskapen om de mål som gäller för korttidstillsyn.",
        MISSION,
        UB_KTT + "4",
        "personal-kompetens",
        (KTT,),
    ),
    Req(
        "kompetensutvecklingsplan",
        "Plan för kompetensutveckling",
        "Utföraren ska ha en plan för personalens kompetensutveckling som utgår "
        "från verksamhetens behov och följs upp årligen.",
        "Be om planen och fråga vilka utbildningar personalen gått det senaste året.",
        TENDER,
        TERMS + "5.2",
        "kompetensutveckling",
        WITH_AGREEMENTS,
    ),
    Req(
        "extern-handledning",
        "Extern handledning för personalen",
        "Utföraren ska erbjuda personalen regelbunden extern handledning av en "
        "handledare med relevant utbildning som inte ingår i verksamhetens ledning.",
        "Fråga vem som är handledare, hur ofta handledningen ges och om all "
        "personal deltar. Avsaknad av extern handledning var en brist 2023.",
        TENDER,
        TERMS + "5.3",
        "handledning",
        (DV, FR, AVH, HVB, MB, BSS, SB),
    ),
    # Utförande av insatsen ----------------------------------------------------
    Req(
        "dv-insats",
        "Daglig verksamhet efter den enskildes förutsättningar",
        "Den dagliga verksamheten ska utformas efter den enskildes önskemål, "
        "förutsättningar och behov, främja den enskildes utveckling och, där det "
        "är möjligt, leda till arbete.",
        "Fråga hur aktiviteterna planeras utifrån genomförandeplanerna och hur "
        "verksamheten arbetar mot praktik och arbete.",
        TENDER,
        FU_DV + "4.1",
        "utforande",
        (DV,),
    ),
    Req(
        "vald-nara-relationer",
        "Arbete mot våld i nära relationer",
        "Utföraren ska känna till och arbeta enligt stadens program mot våld i nära "
        "relationer: personalen ska kunna upptäcka våld, fråga om våld och veta "
        "vart den enskilde kan hänvisas.",
        "Kännedom om kravet saknades hos några dagliga verksamheter 2023. Be om en "
        "beskrivning av det förebyggande arbetet eller en handlingsplan.",
        POLICY,
        "Stockholms stads program mot våld i nära relationer",
        "utforande",
    ),
    Req(
        "avhopp-stodkop",
        "Inköp utöver ekonomiskt bistånd",
        "Inköp till den placerade som inte görs med den enskildes egna medel ska "
        "alltid stämmas av med socialtjänsten i förväg.",
        "2023 fick placerade i två verksamheter pengar till så kallade stödköp utan "
        "socialtjänstens vetskap, vilket ledde till begäran om rättelse.",
        TENDER,
        FU_AVH + "4.6",
        "utforande",
        (AVH,),
    ),
    Req(
        "ktt-mal",
        "Korttidstillsynens mål och innehåll",
        "Korttidstillsynen ska erbjuda en meningsfull tillsyn före och efter "
        "skoldagen och under lov, utformad efter varje ungdoms behov, med mål som "
        "personalen känner till.",
        "Fråga hur målen för korttidstillsyn skiljer sig från skolans och hur de "
        "följs upp.",
        MISSION,
        UB_KTT + "3",
        "utforande",
        (KTT,),
    ),
    Req(
        "ivo-tillstand",
        "Tillstånd från IVO",
        "Tillståndspliktig verksamhet ska ha tillstånd från Inspektionen för vård "
        "och omsorg (IVO) för den verksamhet som bedrivs, med rätt målgrupp och "
        "antal platser.",
        "Begär in tillståndsbeviset. Stödboenden och omvårdnadsboenden är vanligen "
        "inte tillståndspliktiga, om de inte tar emot personer mellan 18 och 21 år.",
        STATUTE,
        "7 kap. 1 § SoL",
        "utforande",
        (HVB, MB),
    ),
    Req(
        "hvb-metoder",
        "Metoder, bemötande och delaktighet",
        "Utföraren ska arbeta med kända och beprövade metoder som passar "
        "målgruppen, säkerställa ett gott bemötande och göra den enskilde delaktig "
        "i hur insatsen utformas.",
        "Fråga vilka metoder som används och hur personalen utbildats i dem. Fråga "
        "personal i tjänst hur de arbetar med de boendes delaktighet.",
        TENDER,
        FU_HVB_MB + "4.2",
        "utforande",
        (HVB, MB),
    ),
    # Dokumentation ------------------------------------------------------------
    Req(
        "dokumentation-genomforandeplan",
        "Genomförandeplan och löpande dokumentation",
        "För varje enskild ska det finnas en aktuell genomförandeplan som "
        "upprättats tillsammans med den enskilde, och genomförandet ska "
        "dokumenteras löpande.",
        "Fråga hur planerna tas fram med den enskilde, hur ofta de följs upp och "
        "hur personalen vet vad som står i dem. Anteckna inga uppgifter om enskilda.",
        STATUTE,
        "11 kap. 5 § SoL, 21 a § LSS, SOSFS 2014:5",
        "dokumentation",
    ),
    Req(
        "ktt-dokumentation",
        "Dokumentation och beställningar i stadens system",
        "Verksamheten ska ta emot beställningar, föra genomförandeplan och löpande "
        "dokumentation och rapportera närvaro i stadens system för socialtjänsten.",
        "Skolornas personal saknar ofta praktisk kunskap om socialtjänstens system. "
        "Fråga vem som dokumenterar och om de fått utbildning i systemet.",
        MISSION,
        UB_KTT + "6",
        "dokumentation",
        (KTT,),
    ),
    # Lokaler och säker förvaring ----------------------------------------------
    Req(
        "forvaring-personakter",
        "Säker förvaring av personakter",
        "Personakter och annan dokumentation i pappersform ska förvaras i ett låst, "
        "brandsäkert skåp som bara behörig personal har tillgång till; digital "
        "dokumentation ska förvaras med begränsad behörighet.",
        "Be att få se skåpet (vid digitalt besök: med kameran). Saknas det, begär en "
        "plan med datum för att skaffa ett brandsäkert skåp.",
        TENDER,
        TERMS + "7.2",
        "lokaler-forvaring",
        WITH_AGREEMENTS,
    ),
    Req(
        "lokaler-tillganglighet",
        "Tillgängliga lokaler",
        "Lokalerna ska vara tillgängliga för klienter med funktionsnedsättning: "
        "entré, samtalsrum och toalett.",
        "Inspektera entré, hiss eller ramp, samtalsrum och toalett. Fråga hur "
        "verksamheten gör när en klient inte kan ta sig till lokalen.",
        TENDER,
        FU_FR + "6.1",
        "lokaler-forvaring",
        (FR,),
    ),
    Req(
        "lokaler-boendemiljo",
        "Boendemiljö i gott skick",
        "Boendemiljön och de enskildas rum ska vara trygga, hemlika och i gott "
        "skick; slitage ska åtgärdas enligt en plan.",
        "Inspektera gemensamma utrymmen och, med samtycke, något rum. Anteckna "
        "slitage och institutionsliknande miljö och be om underhållsplanen.",
        TENDER,
        FU_HVB_MB + "8.1",
        "lokaler-forvaring",
        (HVB, MB),
    ),
    Req(
        "avhopp-boende",
        "Boende vid placering",
        "Utföraren ska kunna erbjuda ett boende som motsvarar den enskildes skydds- "
        "och stödbehov och kunna redovisa vilka bostäder som används.",
        "Be om hyreskontrakt, lägenhetsförteckning och bilder på de lägenheter som "
        "erbjuds vid placering.",
        TENDER,
        FU_AVH + "4.3",
        "lokaler-forvaring",
        (AVH,),
    ),
    # Information till förvaltningen ---------------------------------------------
    Req(
        "info-andringar",
        "Information om ändringar i verksamheten",
        "Utföraren ska utan dröjsmål informera förvaltningen om väsentliga "
        "ändringar: ny verksamhetsansvarig eller kontaktperson, vakanser i "
        "kravställda tjänster, ny adress eller ändrat ägande.",
        "En vanlig brist 2023. Jämför förvaltningens uppgifter med vad som gäller "
        "på plats.",
        TENDER,
        TERMS + "9.1",
        "informationsplikt",
        WITH_AGREEMENTS,
    ),
    Req(
        "info-underleverantor",
        "Underleverantörer",
        "Underleverantör får anlitas endast efter förvaltningens skriftliga "
        "godkännande; utföraren svarar för underleverantörens arbete som för sitt "
        "eget.",
        "Fråga om någon del av insatsen, till exempel samtal, lokaler eller "
        "bemanning, köps av någon annan.",
        TENDER,
        TERMS + "9.2",
        "informationsplikt",
        WITH_AGREEMENTS,
    ),
    Req(
        "info-hemsida",
        "Information på stadens webbplats",
        "Utföraren ska hålla sin presentation på stadens webbplats aktuell, så att "
        "medborgare kan jämföra och välja utförare.",
        "Öppna utförarens sida före besöket och jämför kontaktuppgifter, inriktning "
        "och språk med vad som gäller. Informationen var inaktuell hos många "
        "familjerådgivare 2023.",
        TENDER,
        "Förfrågningsunderlagen inom LOV, avsnitt 8.4",
        "informationsplikt",
        LOV,
    ),
    Req(
        "arsredovisning",
        "Årsredovisning till förvaltningen",
        "Utföraren ska skicka in sin senaste fastställda årsredovisning till "
        "förvaltningen, senast den 31 juli året efter räkenskapsåret.",
        "Jämför med uppgifterna i den ekonomiska kontrollen. Årsredovisningar hade "
        "inte skickats in i tid hos flera utförare 2023.",
        TENDER,
        TERMS + "9.4",
        "informationsplikt",
        WITH_AGREEMENTS,
    ),
    # Brukarinflytande ---------------------------------------------------------
    Req(
        "brukare-bemotande",
        "Gott bemötande och trygghet",
        "Den enskilde ska bemötas med respekt för sitt självbestämmande och sin "
        "integritet och ska kunna känna sig trygg i verksamheten.",
        "Frågas till brukarna som grupp, med samtycke. Anteckna inget om vem som "
        "svarat.",
        STATUTE,
        "1 kap. 1 § SoL, 6 § LSS",
        "brukarinflytande",
    ),
    Req(
        "brukare-delaktighet",
        "Delaktighet och inflytande",
        "Insatsen ska utformas och genomföras tillsammans med den enskilde, som ska "
        "ha inflytande över hur och när stödet ges.",
        "Frågas till brukarna som grupp, med samtycke. Anteckna inget om vem som "
        "svarat.",
        STATUTE,
        "3 kap. 5 § SoL, 6 § LSS",
        "brukarinflytande",
    ),
    Req(
        "ska-brukarundersokning",
        "Brukarundersökning",
        "Utföraren ska minst en gång om året fråga brukarna om deras upplevelse av "
        "insatsen och använda resultatet i förbättringsarbetet.",
        "Be om resultatet av den senaste undersökningen och vad verksamheten ändrat "
        "efter den.",
        TENDER,
        TERMS + "6.6",
        "brukarinflytande",
        WITH_AGREEMENTS,
    ),
)
