"""Swedish translations of digital screening in the annual report (issue 9),
merged into ``translate_sv.SV``.

Terms as in ``translate_sv_screening_core``: campaign = utskick, screening =
screening, flag = flagga, site visit = verksamhetsbesök. Words the campaign pages
already translate ("Campaign", "Answered", "Not answered", "Providers",
"Template", "Status", "Answer by", "Contract areas") are not repeated here.
"""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    "No screening campaign was sent for %(year)d.": "Inget screeningutskick skickades ut för %(year)d.",
    "In %(year)d, %(campaigns)d screening campaign asked %(asked)d providers; %(answered)d answered (%(share)s), %(flagged)d of them with flags, and %(visits)d site visits were chosen from the answers.": [
        "För %(year)d frågade %(campaigns)d screeningutskick %(asked)d utförare; %(answered)d svarade (%(share)s), %(flagged)d av dem med flaggor, och %(visits)d verksamhetsbesök valdes ut efter svaren.",
        "För %(year)d frågade %(campaigns)d screeningutskick %(asked)d utförare; %(answered)d svarade (%(share)s), %(flagged)d av dem med flaggor, och %(visits)d verksamhetsbesök valdes ut efter svaren.",
    ],
    "%(answered)d of %(asked)d providers answered, %(flagged)d with flags; %(visits)d site visits chosen.": "%(answered)d av %(asked)d utförare svarade, %(flagged)d med flaggor; %(visits)d verksamhetsbesök utvalda.",
    "%(method)s: %(count)d provider answered": [
        "%(method)s: %(count)d utförare svarade",
        "%(method)s: %(count)d utförare svarade",
    ],
    "Screening campaigns %(year)s": "Screeningutskick %(year)s",
    "Providers asked": "Tillfrågade utförare",
    "Answered with flags": "Besvarat med flaggor",
    "Site visits made": "Nya verksamhetsbesök",
    "Follow-ups linked": "Kopplade uppföljningar",
    "What the screenings flagged": "Vad screeningarna flaggade",
    "Flag": "Flagga",
    "Sent on": "Skickat den",
    "Screening flags": "Screeningflaggor",
    "Asked: providers sent a personal link. With flags: answered with at least one flag of the triage list (a requirement not met, a document missing, or a flag of the provider's latest financial check). Site visits: follow-ups chosen from the answers, made by the campaign or, where the unit already had its follow-up that year, linked to it. A campaign counts in the report of its year.": "Tillfrågade: utförare som fått en personlig länk. Med flaggor: besvarat med minst en flagga i sorteringen (ett krav som inte uppfylls, ett dokument som saknas eller en avvikelse i utförarens senaste ekonomiska kontroll). Verksamhetsbesök: uppföljningar som valts ut efter svaren, nya från utskicket eller, där verksamheten redan hade sin uppföljning det året, kopplade till det. Ett utskick räknas i årsrapporten för sitt år.",
    "Providers asked in screenings": "Utförare tillfrågade i screening",
    "Providers who answered a screening": "Utförare som svarat i screening",
    "Site visits chosen from screenings": "Verksamhetsbesök utvalda genom screening",
}
