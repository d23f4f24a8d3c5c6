"""Swedish translations of the import of earlier years' follow-ups (issue 7),
merged into ``translate_sv.SV``.

Terms: follow-up = uppföljning, earlier years = tidigare år, performed =
genomförd, outcome = utfall, deficiency = brist, correction request = begäran om
rättelse, agreement = avtal, contract area = avtalsområde, responsibility rules =
ansvarsreglerna, recorded afterwards = registrerad i efterhand. Column names and
coded values (``performed_by``, ``complies_after_complement``) stay as they are
written in the file.
"""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # The rows' checks.
    "Give the outcome of a performed follow-up.": "Ange utfallet av en genomförd uppföljning.",
    "Leave the outcome empty: the follow-up was not performed.": "Lämna utfallet tomt: uppföljningen genomfördes inte.",
    "Give the reason the follow-up was not performed.": "Ange skälet till att uppföljningen inte genomfördes.",
    "Leave the reason empty: the follow-up was performed.": "Lämna skälet tomt: uppföljningen genomfördes.",
    "Nobody is known to have performed the follow-up: the responsibility rules name no organisation and performed_by is empty.": "Det går inte att veta vem som genomförde uppföljningen: ansvarsreglerna anger ingen organisation och performed_by är tom.",
    "Leave the date empty: the follow-up was not performed.": "Lämna datumet tomt: uppföljningen genomfördes inte.",
    "Leave empty: a follow-up that was not performed found no deficiencies.": "Lämna tomt: en uppföljning som inte genomfördes hittade inga brister.",
    "A follow-up that complies found no deficiencies. If deficiencies were found and put right, the outcome is complies_after_complement.": "En uppföljning där verksamheten följer avtalet hittade inga brister. Om brister hittades och åtgärdades är utfallet complies_after_complement (följer avtalet efter komplettering).",
    "Only a performed follow-up can have led to a correction request.": "Bara en genomförd uppföljning kan ha lett till en begäran om rättelse.",
    "A follow-up that complies found nothing to correct: a correction request follows deficiencies (complies_after_complement or a later outcome).": "En uppföljning där verksamheten följer avtalet hittade inget att rätta: en begäran om rättelse följer på brister (complies_after_complement eller ett senare utfall).",
    "No agreement covering the unit in this contract area was in force during %(year)d: the follow-up is recorded without an agreement, and the responsibility rules cannot say who answered for it.": "Inget avtal som omfattar verksamheten inom det här avtalsområdet gällde under %(year)d: uppföljningen registreras utan avtal, och ansvarsreglerna kan inte säga vem som ansvarade för den.",
    "The year must be %(first)d or later.": "Året måste vara %(first)d eller senare.",
    "Follow-ups of %(year)d, the current year, go through the year's selection in Följsam: the import takes earlier years only.": "Uppföljningar för %(year)d, innevarande år, görs genom årets urval i Följsam: importen tar bara emot tidigare år.",
    "%(year)d is in the future: the import takes earlier years only.": "%(year)d ligger i framtiden: importen tar bara emot tidigare år.",
    "The same follow-up (%(unit)s, %(area)s, %(year)d) is already on row %(row)d.": "Samma uppföljning (%(unit)s, %(area)s, %(year)d) finns redan på rad %(row)d.",
    "A follow-up of %(unit)s in %(area)s for %(year)d is already recorded (%(source)s). The import never changes a recorded follow-up: remove the row.": "En uppföljning av %(unit)s inom %(area)s för %(year)d är redan registrerad (%(source)s). Importen ändrar aldrig en registrerad uppföljning: ta bort raden.",
    "The unit opened on %(opened)s, after %(year)d.": "Verksamheten öppnade %(opened)s, efter %(year)d.",
    "The unit closed on %(closed)s, before %(year)d.": "Verksamheten stängde %(closed)s, före %(year)d.",
    "The date %(date)s is in the future.": "Datumet %(date)s ligger i framtiden.",
    "The date %(date)s is not in %(year)d.": "Datumet %(date)s ligger inte under %(year)d.",
    "The unit opened on %(opened)s, after this date.": "Verksamheten öppnade %(opened)s, efter det här datumet.",
    "The unit closed on %(closed)s, on or before this date.": "Verksamheten stängde %(closed)s, samma dag eller före det här datumet.",
    "Unknown deficiency category %(values)s. Allowed values: %(allowed)s.": "Okänd bristkategori %(values)s. Tillåtna värden: %(allowed)s.",
    "The unit had several agreements in this contract area during %(year)d (%(references)s): say which in agreement_reference.": "Verksamheten hade flera avtal inom det här avtalsområdet under %(year)d (%(references)s): ange vilket i agreement_reference.",
    "No agreement in the registry has the reference '%(value)s'.": "Inget avtal i registret har diarienumret '%(value)s'.",
    "The agreement %(reference)s is with %(provider)s, not with the unit's provider %(unit_provider)s.": "Avtalet %(reference)s är tecknat med %(provider)s, inte med verksamhetens utförare %(unit_provider)s.",
    "The agreement %(reference)s is in the contract area %(area)s, not %(given)s.": "Avtalet %(reference)s gäller avtalsområdet %(area)s, inte %(given)s.",
    "The agreement %(reference)s was not in force during %(year)d.": "Avtalet %(reference)s gällde inte under %(year)d.",
    # What is written.
    "Recorded afterwards from the records of %(year)d: a correction request was made after the follow-up. The decision, its grounds and its deadline are in the city's own files.": "Registrerad i efterhand utifrån handlingarna från %(year)d: efter uppföljningen begärdes rättelse. Beslutet, skälen och tidsfristen finns i stadens egna handlingar.",
    "Earlier years' follow-ups imported": "Tidigare års uppföljningar importerade",
    "earlier years' follow-ups": "tidigare års uppföljningar",
    "Some of these follow-ups were recorded by someone else while the file was being imported. Nothing was written: check the file again.": "Några av uppföljningarna registrerades av någon annan medan filen importerades. Ingenting sparades: kontrollera filen igen.",
    "The import is done: %(created)d follow-ups of earlier years recorded, with %(deficiencies)d deficiencies and %(corrections)d correction requests.": "Importen är klar: %(created)d uppföljningar från tidigare år registrerade, med %(deficiencies)d brister och %(corrections)d begäranden om rättelse.",
    # The command.
    "%(sheet)s: %(created)d to record (%(performed)d performed, %(not_performed)d not performed), %(deficiencies)d deficiencies, %(corrections)d correction requests": "%(sheet)s: %(created)d att registrera (%(performed)d genomförda, %(not_performed)d ej genomförda), %(deficiencies)d brister, %(corrections)d begäranden om rättelse",
    "Note: %(notice)s": "Obs: %(notice)s",
    "Imported: %(created)d follow-ups recorded.": "Importerat: %(created)d uppföljningar registrerade.",
    # The upload page.
    "One CSV file, or an XLSX workbook with a sheet named followups (or uppföljningar).": "En CSV-fil, eller en XLSX-arbetsbok med ett blad som heter followups (eller uppföljningar).",
    "Import earlier years' follow-ups": "Importera tidigare års uppföljningar",
    'Record the follow-ups of earlier years that were done before Följsam, one row per follow-up: performed with its outcome, or planned and not performed with the reason. They count as "last followed up", in the selection of the year and in the annual reports. You will see what would be recorded before anything is saved, and if any row is wrong nothing is saved at all.': "Registrera tidigare års uppföljningar som gjordes före Följsam, en rad per uppföljning: genomförd med sitt utfall, eller planerad men inte genomförd med skälet. De räknas som ”senast uppföljd”, i årets urval och i årsrapporterna. Du ser vad som skulle registreras innan något sparas, och om någon rad är fel sparas ingenting alls.",
    "The import takes the years from %(first_year)s up to last year: this year's follow-ups go through the year's selection. A follow-up that is already recorded is never changed, so a file cannot be imported twice.": "Importen tar emot åren från %(first_year)s till och med förra året: årets uppföljningar görs genom årets urval. En uppföljning som redan är registrerad ändras aldrig, så en fil kan inte importeras två gånger.",
    "The file has a header row. English column names work, and so do the Swedish ones (for example År, Verksamhets-id, Avtalsområde, Status, Utfall, Skäl, Avtal, Metoder, Genomförd, Utförd av, Brister, Begäran om rättelse). Dates are written YYYY-MM-DD; several values in one cell are separated by semicolons. The full description is in the document formats.md that comes with Följsam.": "Filen har en rubrikrad. Engelska kolumnnamn fungerar, och de svenska också (till exempel År, Verksamhets-id, Avtalsområde, Status, Utfall, Skäl, Avtal, Metoder, Genomförd, Utförd av, Brister, Begäran om rättelse). Datum skrivs ÅÅÅÅ-MM-DD; flera värden i en cell skiljs åt med semikolon. Hela beskrivningen finns i dokumentet formats.md som följer med Följsam.",
    "The year the follow-up was planned for; an earlier year.": "Året uppföljningen var planerad för; ett tidigare år.",
    "The unit's id in the registry.": "Verksamhetens id i registret.",
    "A contract-area code.": "Ett avtalsområdes kod.",
    "performed": "genomförd",
    "not performed": "ej genomförd",
    "When performed": "När den genomfördes",
    "When not performed": "När den inte genomfördes",
    "The agreement's reference; empty means the unit's agreement in the contract area that was in force during the year.": "Avtalets diarienummer; tomt betyder verksamhetens avtal inom avtalsområdet som gällde under året.",
    "The day of the visit, in the year; only when performed.": "Dagen för besöket, under året; bara när den genomfördes.",
    "The code of the organisation that performed it; empty means the one the responsibility rules name.": "Koden för organisationen som genomförde den; tomt betyder den som ansvarsreglerna anger.",
    "yes or no: whether the central office requested correction. Never for the city's own units.": "yes eller no (ja eller nej): om socialförvaltningen begärde rättelse. Aldrig för stadens egna verksamheter.",
    # The preview.
    "The file is valid. Importing it would record %(created)s follow-ups of earlier years (%(performed)s performed, %(not_performed)s not performed), with %(deficiencies)s deficiencies and %(corrections)s correction requests. Nothing has been saved yet.": "Filen är korrekt. En import skulle registrera %(created)s uppföljningar från tidigare år (%(performed)s genomförda, %(not_performed)s ej genomförda), med %(deficiencies)s brister och %(corrections)s begäranden om rättelse. Ingenting har sparats än.",
    "Follow-ups to record, by year": "Uppföljningar att registrera, per år",
    "The file holds no follow-ups: there is nothing to import.": "Filen innehåller inga uppföljningar: det finns inget att importera.",
    "Worth knowing": "Bra att veta",
    "These rows can be imported as they are, but check that this is what you mean.": "De här raderna kan importeras som de är, men kontrollera att det är vad du menar.",
    "Notes on the rows": "Anmärkningar om raderna",
    "The follow-ups": "Uppföljningarna",
    "Follow-ups to record": "Uppföljningar att registrera",
    "Not performed:": "Ej genomförd:",
    "The sheet %(sheet)s is not a sheet of follow-ups and was ignored.": "Bladet %(sheet)s innehåller inte uppföljningar och hoppades över.",
}
