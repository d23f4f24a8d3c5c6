"""Swedish translations of the public comparison pages (issue 8): finding a unit
and a unit's published results, merged into ``translate_sv.SV``."""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # Find a unit.
    "The results of the city's follow-ups of the units that provide social care and LSS services, in the city's own operation or on its behalf. Search by the name of the unit or of its provider, or choose a contract area, a district or a provider.": "Resultaten av stadens uppföljningar av de verksamheter som ger stöd och omsorg enligt socialtjänstlagen och LSS, i stadens egen regi eller på stadens uppdrag. Sök på verksamhetens eller utförarens namn, eller välj ett avtalsområde, en stadsdel eller en utförare.",
    "Unit or provider name": "Verksamhetens eller utförarens namn",
    "Show every unit": "Visa alla verksamheter",
    "No unit with a published result matches the search.": "Ingen verksamhet med ett publicerat resultat matchar sökningen.",
    "No results have been published yet.": "Inga resultat har publicerats ännu.",
    "Units with published results": "Verksamheter med publicerade resultat",
    "A unit's page shows its latest result in each contract area, what the city found in plain words, and its earlier results.": "På verksamhetens sida finns dess senaste resultat inom varje avtalsområde, vad staden kom fram till i klartext, och dess tidigare resultat.",
    # A unit's page.
    "No published results for this unit.": "Verksamheten har inga publicerade resultat.",
    "The unit closed on %(date)s.": "Verksamheten lades ned %(date)s.",
    "the city's own unit": "stadens egen verksamhet",
    "Not published: where the unit lies is protected.": "Publiceras inte: var verksamheten ligger är skyddat.",
    "Not published": "Publiceras inte",
    "Latest results": "Senaste resultat",
    "Earlier results": "Tidigare resultat",
    "No earlier results have been published.": "Inga tidigare resultat har publicerats.",
    "Provider at the time": "Utförare vid uppföljningen",
    "the follow-up of %(year)s": "uppföljningen %(year)s",
    "Find another unit": "Hitta en annan verksamhet",
    # What the results mean.
    "About the results": "Om resultaten",
    "The results are the city's own follow-ups: officers of the city check, at one point in time, whether the unit meets the requirements of its agreement with the city. For the city's own units the requirements are those of the unit's mission description. A follow-up looks at a selection of the requirements; it is not a complete review of the unit.": "Resultaten kommer från stadens egna uppföljningar: stadens tjänstepersoner kontrollerar vid ett tillfälle om verksamheten uppfyller kraven i sitt avtal med staden. För stadens egna verksamheter är det kraven i verksamhetens uppdragsbeskrivning. En uppföljning granskar ett urval av kraven; den är ingen fullständig granskning av verksamheten.",
    "A result is published once the provider has seen it and, if deficiencies remain, has sent the city an action plan.": "Ett resultat publiceras när utföraren har tagit del av det och, om brister kvarstår, har skickat en åtgärdsplan till staden.",
    "The unit met the requirements the city followed up.": "Verksamheten uppfyllde de krav som staden följde upp.",
    "The follow-up found deficiencies; the provider has put them right or sent what was missing, and the city has accepted it.": "Uppföljningen visade brister; utföraren har åtgärdat dem eller skickat in det som saknades, och staden har godkänt det.",
    "The unit meets the requirements on the whole, but minor deficiencies remain. The provider has an action plan, and the city follows it up.": "Verksamheten uppfyller i stort sett kraven, men mindre brister kvarstår. Utföraren har en åtgärdsplan som staden följer upp.",
    "The unit did not meet the requirements. The city takes measures, such as demanding correction, and follows the unit up again.": "Verksamheten uppfyllde inte kraven. Staden vidtar åtgärder, till exempel krav på rättelse, och följer upp verksamheten igen.",
}
