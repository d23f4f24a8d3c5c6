"""Swedish translations of the complement reminders and the dashboard (issue 6),
merged into ``translate_sv.SV``."""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # The reminder model
    "Before the deadline": "Före sista dag",
    "Deadline passed": "Sista dag passerad",
    "reminder": "påminnelse",
    "reminders": "påminnelser",
    "deadline": "sista dag",
    "sent": "skickad",
    "deficiency": "brist",
    # The e-mail
    "Följsam: a complement is due soon": "Följsam: snart sista dag för en komplettering",
    "Följsam: a deadline for a complement has passed": "Följsam: sista dag för en komplettering har passerats",
    "Följsam: complement deadlines have passed": "Följsam: sista dag för kompletteringar har passerats",
    "Hello,\n\nThe city's follow-up of %(provider)s found deficiencies, and the city has asked you to complement: to send a new or revised routine, an action plan or another answer that puts each one right.": "Hej!\n\nStadens uppföljning av %(provider)s visade brister, och staden har bett er att komplettera: att skicka in en ny eller reviderad rutin, en åtgärdsplan eller ett annat svar som rättar till varje brist.",
    "The deadline has passed and no complement has been received:": "Sista dag har passerats och ingen komplettering har kommit in:",
    "Send the complement as soon as you can, or contact the follow-up officer.": "Skicka in kompletteringen så snart ni kan, eller kontakta uppföljaren.",
    "A complement is due soon:": "Snart sista dag för komplettering:",
    "Log in to Följsam to see the deficiencies and send your complements:": "Logga in i Följsam för att se bristerna och skicka in era kompletteringar:",
    "This message was sent by Följsam, the city's system for following up care providers.": "Meddelandet skickades av Följsam, stadens system för uppföljning av utförare.",
    "Deadline: %(day)s": "Sista dag: %(day)s",
    "followed up by %(organisation)s": "uppföljd av %(organisation)s",
    "A complement deadline in a follow-up that %(organisation)s performs has passed, and no complement has been received:": [
        "Sista dag för en komplettering i en uppföljning som %(organisation)s gör har passerats, och ingen komplettering har kommit in:",
        "Sista dag för %(count)s kompletteringar i uppföljningar som %(organisation)s gör har passerats, och inga kompletteringar har kommit in:",
    ],
    "The provider has been told as well. Contact the provider, set a new deadline, plan a revisit or escalate the deficiency to the central office.": "Utföraren har också fått besked. Kontakta utföraren, sätt en ny sista dag, planera ett återbesök eller lämna bristen vidare till socialförvaltningen.",
    "Follow-ups are about organisations: never record personal data about care users.": "Uppföljningar gäller organisationer: skriv aldrig in personuppgifter om brukare.",
    # foljsam remind
    "due today": "sista dag i dag",
    "due in %(days)d day": [
        "sista dag om %(days)d dag",
        "sista dag om %(days)d dagar",
    ],
    "passed %(days)d day ago": [
        "passerad för %(days)d dag sedan",
        "passerad för %(days)d dagar sedan",
    ],
    "Dry run for %(day)s: %(count)d reminder would be sent; providers: %(providers)d. Nothing was recorded or sent.": [
        "Provkörning för %(day)s: %(count)d påminnelse skulle skickas; utförare: %(providers)d. Ingenting registrerades eller skickades.",
        "Provkörning för %(day)s: %(count)d påminnelser skulle skickas; utförare: %(providers)d. Ingenting registrerades eller skickades.",
    ],
    "%(count)d reminder for %(day)s queued; providers: %(providers)d. The e-mail goes out when the worker runs (foljsam worker).": [
        "%(count)d påminnelse för %(day)s lagd i kö; utförare: %(providers)d. E-posten skickas när bakgrundsprocessen körs (foljsam worker).",
        "%(count)d påminnelser för %(day)s lagda i kö; utförare: %(providers)d. E-posten skickas när bakgrundsprocessen körs (foljsam worker).",
    ],
    # The dashboard ("Översikt" is already the registry's start page)
    "Dashboard": "Lägesbild",
    "The city's open follow-ups, the complements whose deadline has passed, and the visits coming up.": "Stadens pågående uppföljningar, kompletteringar vars sista dag har passerats och kommande besök.",
    "Your organisation's open follow-ups, the complements whose deadline has passed, and the visits coming up.": "Er organisations pågående uppföljningar, kompletteringar vars sista dag har passerats och kommande besök.",
    "open follow-ups": "pågående uppföljningar",
    "past their deadline": "försenade",
    "overdue complements": "försenade kompletteringar",
    "visits in the next %(days)s day": [
        "besök det närmaste %(days)s dygnet",
        "besök de närmaste %(days)s dagarna",
    ],
    "Open follow-ups": "Pågående uppföljningar",
    "No open follow-ups.": "Inga pågående uppföljningar.",
    "Overdue complements": "Försenade kompletteringar",
    "Deficiencies whose deadline for a complement has passed without one being received.": "Brister där sista dag för komplettering har passerats utan att någon komplettering har kommit in.",
    "Complement due": "Komplettering senast",
    "Days overdue": "Dagar försenad",
    "No complement is overdue.": "Ingen komplettering är försenad.",
    "Upcoming visits": "Kommande besök",
    "Visits planned from %(start)s to %(end)s that have not yet taken place.": "Besök planerade från %(start)s till %(end)s som ännu inte har ägt rum.",
    "No visits are planned in the next %(days)s day.": [
        "Inga besök är planerade det närmaste %(days)s dygnet.",
        "Inga besök är planerade de närmaste %(days)s dagarna.",
    ],
    # Reused from the follow-up pages, the same words here
    "Unit": "Verksamhet",
    "Contract area": "Avtalsområde",
    "Year": "År",
    "Status": "Status",
    "Performed by": "Utförs av",
    "To be done by": "Klar senast",
    "Next step": "Nästa steg",
    "late": "försenad",
    "Provider": "Utförare",
    "Deficiency": "Brist",
    "Visit planned for": "Besök planerat",
    "Start: request documents": "Starta: begär in dokument",
    "Record the visit": "Registrera besöket",
    "Start the assessment": "Påbörja bedömningen",
    "Deficiencies, complements and outcome": "Brister, kompletteringar och bedömning",
}
