"""Swedish translations of the office's screening pages (issue 9): the list of
campaigns, a campaign with its progress, the draft's form, the triage list, a
provider's page and the note on a follow-up chosen by a screening; merged into
``translate_sv.SV``.

Terms as in translate_sv_screening_core.py: campaign = utskick, screening =
screening, link = länk, answer by = sista svarsdag, flag = flagga, triage =
sortering, site visit = verksamhetsbesök, withdraw = dra tillbaka.
"""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # the menu and the list
    "Screening": "Screening",
    "A screening campaign sends a screening template's questions to many providers at once, each through a personal link. Their answers are flagged where they deviate, and the triage list turns the flagged ones into site visits.": "Ett screeningutskick skickar en screeningmalls frågor till många utförare på en gång, var och en via en personlig länk. Svar som avviker flaggas, och sorteringslistan gör de flaggade till verksamhetsbesök.",
    "New campaign": "Nytt utskick",
    "No screening campaigns match the filter.": "Inga screeningutskick matchar filtret.",
    "Campaign name": "Utskickets namn",
    # the form
    "New screening campaign": "Nytt screeningutskick",
    "Change the campaign %(name)s": "Ändra utskicket %(name)s",
    "Shown to the providers, e.g. “Screening of substance abuse 2026”.": "Visas för utförarna, till exempel ”Screening missbruk 2026”.",
    "Screening template": "Screeningmall",
    "A published template whose purpose is screening.": "En publicerad mall med syftet screening.",
    "Choose a template": "Välj en mall",
    "Whom the campaign asks": "Vilka utskicket går till",
    "Every agreement in force in these areas, when the campaign asks by contract area.": "Alla gällande avtal i de här områdena, när utskicket går till avtalsområden.",
    "Hand-picked agreements": "Handplockade avtal",
    "The agreements' references, one per line, when the campaign asks a hand-picked list.": "Avtalens diarienummer, ett per rad, när utskicket går till en handplockad lista.",
    "Message to the providers": "Meddelande till utförarna",
    "A draft asks nobody yet. Saving it works out whom it asks: one respondent per provider, for all of its agreements in the population. Check the list on the campaign's page, then send it.": "Ett utkast skickas inte till någon än. När det sparas räknas det ut vilka det går till: en svarande per utförare, för alla dess avtal i urvalet. Kontrollera listan på utskickets sida och skicka det sedan.",
    "There is no published screening template yet. Publish a template whose purpose is screening first.": "Det finns ingen publicerad screeningmall än. Publicera först en mall med syftet screening.",
    "The message goes to every provider in the e-mail with the link. Write about the screening only: never names or other personal data about care users.": "Meddelandet går till alla utförare i e-postmeddelandet med länken. Skriv bara om screeningen: aldrig namn eller andra personuppgifter om brukare.",
    "Save the draft": "Spara utkastet",
    "The campaign is no longer a draft (status: %(status)s). Its questions, population and date stay as they were sent.": "Utskicket är inte längre ett utkast (status: %(status)s). Frågorna, urvalet och datumet ligger kvar som de skickades.",
    "Back to the campaign": "Tillbaka till utskicket",
    "The draft is saved. Check whom it asks, then send it.": "Utkastet är sparat. Kontrollera vilka det går till och skicka det sedan.",
    "The draft is saved.": "Utkastet är sparat.",
    "The draft %(name)s is deleted.": "Utkastet %(name)s är borttaget.",
    # the campaign's page
    "Whom it asks": "Går till",
    "All agreements in force in:": "Alla gällande avtal i:",
    "%(counter)s hand-picked agreement": [
        "%(counter)s handplockat avtal",
        "%(counter)s handplockade avtal",
    ],
    "passed": "passerad",
    "Created by": "Skapat av",
    "Sent": "Skickat",
    "%(counter)s provider has no e-mail address": [
        "%(counter)s utförare saknar e-postadress",
        "%(counter)s utförare saknar e-postadress",
    ],
    "They get no link when the campaign is sent. Add each one's address on its page before sending.": "De får ingen länk när utskicket skickas. Lägg till varje utförares adress på dess sida innan ni skickar.",
    "Progress": "Hur långt det har kommit",
    "The triage list: flagged providers and site visits": "Sorteringslistan: flaggade utförare och verksamhetsbesök",
    "The campaign's providers and where their answers stand": "Utskickets utförare och hur det går med deras svar",
    "State": "Läge",
    "Provider, organisation number or e-mail": "Utförare, organisationsnummer eller e-post",
    "Overdue: not answered by the date": "Försenade: inte svarat i tid",
    "Links sent": "Skickade länkar",
    "Links withdrawn": "Tillbakadragna länkar",
    "Answered with flags": "Besvarat med flaggor",
    "Site visits chosen": "Valda verksamhetsbesök",
    "%(done)d of %(total)d link sent.": [
        "%(done)d av %(total)d länk skickad.",
        "%(done)d av %(total)d länkar skickade.",
    ],
    "All links are sent; reload the page for what comes next.": "Alla länkar är skickade; ladda om sidan för nästa steg.",
    # what to do next
    "What to do next": "Nästa steg",
    "Sending e-mails a personal link to %(counter)s provider.": [
        "När utskicket skickas får %(counter)s utförare en personlig länk via e-post.",
        "När utskicket skickas får %(counter)s utförare en personlig länk via e-post.",
    ],
    "%(counter)s provider has no e-mail address and gets no link.": [
        "%(counter)s utförare saknar e-postadress och får ingen länk.",
        "%(counter)s utförare saknar e-postadress och får ingen länk.",
    ],
    "The links go out through the background worker; this page shows how far it has come.": "Länkarna skickas i bakgrunden; den här sidan visar hur långt det har kommit.",
    "Send the campaign to %(counter)s provider": [
        "Skicka utskicket till %(counter)s utförare",
        "Skicka utskicket till %(counter)s utförare",
    ],
    "Change the draft": "Ändra utkastet",
    "If the sending has stopped (for instance because the mail server was down), send the rest again: only those who have not had a link get one.": "Om utskicket har stannat (till exempel för att e-postservern låg nere), skicka resten igen: bara de som inte har fått en länk får en.",
    "Send the rest again": "Skicka resten igen",
    "%(counter)s provider has a link and has not answered.": [
        "%(counter)s utförare har en länk och har inte svarat.",
        "%(counter)s utförare har en länk och har inte svarat.",
    ],
    "Closing the campaign stops its links from taking answers; those sent in stay.": "När utskicket avslutas tar länkarna inte emot fler svar; de inskickade svaren finns kvar.",
    "Send reminders": "Skicka påminnelser",
    "Close the campaign": "Avsluta utskicket",
    "The campaign is closed: its links take no more answers. Site visits can still be chosen from the triage list.": "Utskicket är avslutat: länkarna tar inte emot fler svar. Verksamhetsbesök kan fortfarande väljas i sorteringslistan.",
    "%(count)d personal link is being sent. This page shows how far the sending has come.": [
        "%(count)d personlig länk skickas. Den här sidan visar hur långt det har kommit.",
        "%(count)d personliga länkar skickas. Den här sidan visar hur långt det har kommit.",
    ],
    "A reminder is being sent to %(count)d provider who has not answered.": [
        "En påminnelse skickas till %(count)d utförare som inte har svarat.",
        "Påminnelser skickas till %(count)d utförare som inte har svarat.",
    ],
    "The campaign is closed: its links take no more answers.": "Utskicket är avslutat: länkarna tar inte emot fler svar.",
    # deleting
    "Delete %(name)s": "Ta bort %(name)s",
    "The draft and its list of %(counter)s provider are deleted. Nobody has been sent anything yet.": [
        "Utkastet och dess lista med %(counter)s utförare tas bort. Ingen har fått något än.",
        "Utkastet och dess lista med %(counter)s utförare tas bort. Ingen har fått något än.",
    ],
    "Only a draft campaign can be deleted: this one has been sent, and its answers are kept.": "Bara ett utkast kan tas bort: det här utskicket är skickat, och svaren sparas.",
    # triage
    "Triage": "Sortering",
    "Triage: %(name)s": "Sortering: %(name)s",
    "The providers who have answered, those with the most flags first. Once the date to answer by has passed, those who never answered are here too, with a flag of their own. A flag is a reason to look closer; whether it calls for a site visit is your decision.": "Utförarna som har svarat, de med flest flaggor först. När sista svarsdag har passerat finns även de som aldrig svarade här, med en egen flagga. En flagga är ett skäl att titta närmare; om den ska leda till ett verksamhetsbesök avgör ni.",
    "%(flagged)s of %(counter)s provider has flags.": [
        "%(flagged)s av %(counter)s utförare har flaggor.",
        "%(flagged)s av %(counter)s utförare har flaggor.",
    ],
    "Tick the providers who get a site visit. Each of their units in the campaign's agreements gets a site-visit follow-up this year, performed by the organisation the usual rules name; a unit that already has its follow-up this year gets that one linked instead.": "Kryssa för de utförare som ska få ett verksamhetsbesök. Var och en av deras verksamheter i utskickets avtal får en uppföljning med verksamhetsbesök i år, utförd av den förvaltning som de vanliga reglerna anger; en verksamhet som redan har sin uppföljning i år får den kopplad i stället.",
    "Providers chosen for a site visit": "Utförare som väljs till verksamhetsbesök",
    "Providers by number of flags": "Utförare efter antal flaggor",
    "No flags": "Inga flaggor",
    "No financial check in the last year": "Ingen ekonomisk kontroll det senaste året",
    "already planned": "redan planerad",
    "Organisation for units the rules cannot place": "Förvaltning för verksamheter som reglerna inte kan fördela",
    "None: tell me instead": "Ingen: säg till i stället",
    "Used only for a unit whose responsibility rules name no performer, or whose performer has no room left this year.": "Används bara för en verksamhet där ansvarsreglerna inte anger någon utförande förvaltning, eller där den förvaltningen inte har utrymme kvar i år.",
    "Create site visits for the chosen providers": "Skapa verksamhetsbesök för de valda utförarna",
    "The campaign is not sent yet.": "Utskicket är inte skickat än.",
    "No provider has answered yet.": "Ingen utförare har svarat än.",
    "%(created)d site visit created": [
        "%(created)d verksamhetsbesök skapat",
        "%(created)d verksamhetsbesök skapade",
    ],
    "%(linked)d follow-up that already existed linked.": [
        "%(linked)d befintlig uppföljning kopplad.",
        "%(linked)d befintliga uppföljningar kopplade.",
    ],
    "Per organisation: %(list)s.": "Per förvaltning: %(list)s.",
    # a provider's page
    "%(provider)s in %(name)s": "%(provider)s i %(name)s",
    "None: no link can be sent": "Saknas: ingen länk kan skickas",
    "Link sent": "Länk skickad",
    "Link valid until": "Länken gäller till",
    "expired": "har gått ut",
    "First opened": "Först öppnad",
    "last %(at)s": "senast %(at)s",
    "Last saved": "Senast sparat",
    "Link withdrawn": "Länken tillbakadragen",
    "No flags: every answer meets the requirements and every document asked for is attached.": "Inga flaggor: alla svar uppfyller kraven och alla dokument som begärdes är bifogade.",
    "Flags are found when the answers are sent in.": "Flaggorna tas fram när svaren skickas in.",
    "Not sent in yet: what the provider has saved so far.": "Inte inskickat än: det utföraren har sparat hittills.",
    "The template asks the provider nothing.": "Mallen ställer inga frågor till utföraren.",
    "None chosen.": "Inga valda.",
    "The triage list": "Sorteringslistan",
    "The personal link": "Den personliga länken",
    "Copy the personal link": "Kopiera den personliga länken",
    "The link is personal: whoever has it can answer for the provider, without logging in. Give it only to the provider's contact, for instance when the e-mail did not arrive.": "Länken är personlig: den som har den kan svara för utföraren utan att logga in. Ge den bara till utförarens kontaktperson, till exempel när e-postmeddelandet inte kom fram.",
    "The campaign is out: a new link goes to the new address at once, and the link sent before stops working.": "Utskicket är skickat: en ny länk går genast till den nya adressen, och länken som skickades tidigare slutar fungera.",
    "Save the address": "Spara adressen",
    "The answers are sent in: the link can no longer change them.": "Svaren är inskickade: de kan inte längre ändras via länken.",
    "Nothing can be changed about the link now.": "Inget kan ändras på länken nu.",
    "The address is changed. A new link is on its way to it; the link sent before no longer works.": "Adressen är ändrad. En ny länk är på väg dit; länken som skickades tidigare fungerar inte längre.",
    "The address is changed.": "Adressen är ändrad.",
    "The link is withdrawn: it opens nothing any more.": "Länken är tillbakadragen: den öppnar ingenting längre.",
    "A new link is on its way to %(email)s; the one sent before no longer works.": "En ny länk är på väg till %(email)s; den som skickades tidigare fungerar inte längre.",
    # the follow-up's page
    'Chosen for a site visit by the screening campaign <a href="%(url)s">%(name)s</a>.': 'Utvald till verksamhetsbesök genom screeningutskicket <a href="%(url)s">%(name)s</a>.',
    "Chosen for a site visit by the screening campaign %(name)s.": "Utvald till verksamhetsbesök genom screeningutskicket %(name)s.",
}
