"""Swedish translations of the provider's screening answer pages (issue 9:
answering through the personal link without an account), and of the messages
of ``screening.answering`` they show, merged into ``translate_sv.SV``.

Terms: screening = screening, campaign (to the provider) = screeningen, link =
länk, send in = skicka in, requested document = begärt dokument, follow-up
officer = uppföljare.
"""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # The page (screening/answer.html and its partials).
    "%(campaign)s: answers from %(provider)s": "%(campaign)s: svar från %(provider)s",
    "Asked by": "Frågorna ställs av",
    "Answer by": "Svara senast",
    "Sent in": "Inskickat",
    "attached": "bifogat",
    "optional": "frivillig",
    "Your answers were sent in on %(at)s. You can read them here until the link expires, but no longer change them. Contact the city's follow-up officer if you need to add something.": "Era svar skickades in %(at)s. Ni kan läsa dem här tills länken slutar gälla, men inte längre ändra dem. Kontakta stadens uppföljare om ni behöver lägga till något.",
    "The screening is closed and no longer takes answers. The answers saved before it closed are shown below.": "Screeningen är avslutad och tar inte emot fler svar. Svaren som sparades innan den avslutades visas nedan.",
    "%(attached)s of %(counter)s requested document attached.": [
        "%(attached)s av %(counter)s begärt dokument bifogat.",
        "%(attached)s av %(counter)s begärda dokument bifogade.",
    ],
    "Your answers are saved as you go, and you can come back to them through the same link. When you are done, send them in: after that they can be read through the link but no longer changed.": "Era svar sparas medan ni fyller i, och ni kan komma tillbaka till dem genom samma länk. Skicka in dem när ni är klara: därefter kan de läsas genom länken men inte längre ändras.",
    "The message from the city": "Meddelande från staden",
    "Your changes are not saved yet. They are still in the form below. Save again to keep your answers, or open the link anew to see what was saved.": "Era ändringar är inte sparade än. De finns kvar i formuläret nedan. Spara igen för att behålla era svar, eller öppna länken på nytt för att se vad som sparades.",
    "The files you chose were not attached: choose them again.": "Filerna ni valde bifogades inte: välj dem igen.",
    "The screening has no questions for you.": "Screeningen har inga frågor till er.",
    "Attach the document asked for. If none is attached when you send in, it is recorded as missing.": "Bifoga det begärda dokumentet. Om inget är bifogat när ni skickar in registreras det som saknat.",
    "No document attached.": "Inget dokument bifogat.",
    "Other documents": "Övriga dokument",
    "Other documents you want to send with your answers, for example routines or permits.": "Andra dokument som ni vill skicka med era svar, till exempel rutiner eller tillstånd.",
    "No other documents.": "Inga övriga dokument.",
    "Send in when you are done: after that the answers can be read through the link but no longer changed. Required questions must be answered; a requested document not attached is recorded as missing.": "Skicka in när ni är klara: därefter kan svaren läsas genom länken men inte längre ändras. Obligatoriska frågor måste besvaras; ett begärt dokument som inte är bifogat registreras som saknat.",
    # The views' messages.
    "Thank you. Your answers are sent in. You can read them through this link until it expires, but no longer change them.": "Tack. Era svar är inskickade. Ni kan läsa dem genom den här länken tills den slutar gälla, men inte längre ändra dem.",
    "%(name)s is removed.": "%(name)s är borttagen.",
    # screening.answering.
    "Your answers are already sent in and can no longer be changed.": "Era svar är redan inskickade och kan inte längre ändras.",
    "The screening is closed and takes no more answers.": "Screeningen är avslutad och tar inte emot fler svar.",
    "The document is not among yours.": "Dokumentet finns inte bland era.",
    "Answer the question before sending in.": "Besvara frågan innan ni skickar in.",
    # The page for a link that opens nothing (screening/link_invalid.html).
    "The link has expired: the screening no longer takes answers through it.": "Länken har slutat gälla: screeningen tar inte längre emot svar genom den.",
    "The link has been withdrawn. A newer link may have been sent to you by e-mail; use that one.": "Länken har dragits tillbaka. En nyare länk kan ha skickats till er med e-post; använd den.",
    "The link is not known. Check that you copied the whole link from the e-mail.": "Länken är okänd. Kontrollera att ni kopierade hela länken från e-postmeddelandet.",
    "If you still need to answer or to read your answers, contact the city's follow-up officer who sent you the questions and ask for a new link.": "Om ni fortfarande behöver svara eller läsa era svar, kontakta stadens uppföljare som skickade frågorna och be om en ny länk.",
}
