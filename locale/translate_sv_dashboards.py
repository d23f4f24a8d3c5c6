"""Swedish translations of the city's dashboards and a provider's results
(issue 7), merged into ``translate_sv.SV``."""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # The menu and the dashboard.
    "Reports": "Rapporter",
    "City overview": "Lägesbild för staden",
    "How the whole city's follow-up stands today: which units have been followed up within their cycle, which are overdue, the year's follow-ups by status, and the deficiencies whose deadline has passed.": "Hur uppföljningen står till i hela staden i dag: vilka verksamheter som följts upp inom sin cykel, vilka som är försenade, årets uppföljningar per status och de brister vars tidsfrist har passerat.",
    "Annual report": "Årsrapport",
    "Units overdue for follow-up": "Verksamheter som inte följts upp i tid",
    "Deficiencies past their deadline": "Brister med passerad tidsfrist",
    "of the units followed up within their cycle": "av verksamheterna uppföljda inom sin cykel",
    "units overdue for follow-up": "verksamheter som inte följts upp i tid",
    "follow-ups in %(year)s": "uppföljningar %(year)s",
    "deficiencies past their deadline": "brister med passerad tidsfrist",
    "Coverage per contract area": "Täckningsgrad per avtalsområde",
    "Units active on %(today)s with an agreement in force, once per contract area. A unit is followed up within its cycle when its last performed follow-up counts for one of the area's cycle years up to and including this one (the year of the visit, or the year it was planned for when the date is not known). It is overdue when it was due in an earlier year: the last follow-up plus the cycle, or, never followed up, the year the city began to answer for it plus the cycle.": "Verksamheter som är aktiva %(today)s och har ett gällande avtal, en gång per avtalsområde. En verksamhet är uppföljd inom sin cykel när dess senast genomförda uppföljning räknas till något av områdets cykelår till och med i år (året för besöket, eller året den planerades för när datumet inte är känt). Den är försenad när den skulle ha följts upp ett tidigare år: den senaste uppföljningen plus cykeln, eller, om den aldrig följts upp, året då staden började ansvara för den plus cykeln.",
    "Overdue units": "Försenade",
    "overdue in %(area)s": "försenade inom %(area)s",
    "overdue in the whole city": "försenade i hela staden",
    "The registry has no contract areas.": "Registret har inga avtalsområden.",
    "Follow-ups in %(year)s by status": "Uppföljningar %(year)s per status",
    "The follow-ups planned for the year, by the organisation that performs them. A figure leads to the follow-ups it counts.": "Årets planerade uppföljningar, per organisation som genomför dem. En siffra leder till de uppföljningar den räknar.",
    "Not yet given to an organisation": "Ännu inte fördelade till en organisation",
    "No follow-ups are planned for %(year)s.": "Inga uppföljningar är planerade för %(year)s.",
    "Open deficiencies whose deadline for a complement has passed without one being received, on follow-ups still being assessed: the districts' overdue complements, for the whole city.": "Öppna brister vars tidsfrist för komplettering har passerat utan att någon komplettering kommit in, i uppföljningar som fortfarande bedöms: stadsdelarnas försenade kompletteringar, för hela staden.",
    "See the %(n)s deficiency": [
        "Se bristen (%(n)s)",
        "Se alla %(n)s brister",
    ],
    "By performing organisation": "Per organisation som genomför",
    "No organisation": "Ingen organisation",
    "No deficiency is past its deadline.": "Ingen brist har passerat sin tidsfrist.",
    # The lists of overdue units and deficiencies.
    "Active units under an agreement in force whose follow-up was due before %(year)s: the last performed follow-up plus the contract area's cycle, or, never followed up, the year the city began to answer for the unit plus the cycle. Longest overdue first.": "Aktiva verksamheter med gällande avtal som skulle ha följts upp före %(year)s: den senast genomförda uppföljningen plus avtalsområdets cykel, eller, om den aldrig följts upp, året då staden började ansvara för verksamheten plus cykeln. De mest försenade först.",
    "Last followed up": "Senast uppföljd",
    "No unit is overdue for follow-up.": "Ingen verksamhet är försenad för uppföljning.",
    "Open deficiencies whose deadline for a complement has passed without one being received, on follow-ups still being assessed. Longest overdue first.": "Öppna brister vars tidsfrist för komplettering har passerat utan att någon komplettering kommit in, i uppföljningar som fortfarande bedöms. De mest försenade först.",
    # A provider's results.
    "See the results of the provider's follow-ups": "Se resultaten av utförarens uppföljningar",
    "The latest result of each of your units": "Det senaste resultatet för var och en av era verksamheter",
    "Results": "Resultat",
    "Results: %(provider)s": "Resultat: %(provider)s",
    "All follow-ups": "Alla uppföljningar",
    "All follow-ups: %(provider)s": "Alla uppföljningar: %(provider)s",
    "Views of the results": "Visningar av resultaten",
    "Latest result per unit": "Senaste resultat per verksamhet",
    "The outcome of every performed follow-up of the provider's units, the latest per unit and contract area first, and every follow-up with its year, methods and, for one not performed, why.": "Bedömningen i varje genomförd uppföljning av utförarens verksamheter: först den senaste per verksamhet och avtalsområde, sedan varje uppföljning med år, metoder och, för en som inte genomfördes, varför.",
    "The results of your units' follow-ups once the city has shared them with you: the latest per unit and contract area, and every shared follow-up.": "Resultaten av era verksamheters uppföljningar när staden har delat dem med er: det senaste per verksamhet och avtalsområde, och varje delad uppföljning.",
    "No result yet.": "Inget resultat ännu.",
    "No follow-ups yet.": "Inga uppföljningar ännu.",
}
