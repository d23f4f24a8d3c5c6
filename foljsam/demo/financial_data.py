"""The demo city's financial checks (issue 6): a few of the year's follow-ups get
a check before their visit, as seed 004 describes ("Inför varje verksamhetsbesök
har förvaltningen ... genomfört ekonomisk kontroll där kreditbetyg, F-skatt,
arbetsgivaravgifter, skulder och registrering av utförarens företag har ingått"),
each with the UC report as evidence. Most items are OK; one tax debt is flagged
and so becomes a risk signal. Written through the services, as an officer would.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from foljsam.accounts.models import User
from foljsam.demo import city
from foljsam.financial.choices import SUGGESTED_SOURCE, Item, Result
from foljsam.financial.lookup import ManualLookup
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.financial.services import check_item_record, financial_check_start
from foljsam.followups.choices import OPEN_STATUSES, Status
from foljsam.followups.models import FollowUp
from foljsam.registry.choices import ProviderKind

# Whose follow-ups get a check, and which demo login does it.
CHECKERS = [
    ("sdf-sodermalm", "uppfoljare.sodermalm"),
    ("sdf-bromma", "uppfoljare.bromma"),
    (city.CENTRAL, "samordnare"),
]
FLAG_NOTE = (
    "Skatteskuld hos Kronofogden. Utföraren har lämnat en avbetalningsplan; "
    "följs upp vid besöket."
)


def demo_pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (ASCII): the demo's stand-in for a UC
    report."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _followups(today: dt.date) -> list[tuple[FollowUp, User | None]]:
    """One follow-up of the year per checking organisation, of a private
    provider: one still under way if there is one (the check comes before the
    visit), else one already done."""
    chosen = []
    for code, username in CHECKERS:
        rows = (
            FollowUp.objects.filter(year=today.year, organisation__code=code)
            .exclude(status=Status.CANCELLED)
            .exclude(provider__kind=ProviderKind.MUNICIPAL)
            .select_related("provider", "unit", "contract_area")
            .order_by("pk")
        )
        followup = rows.filter(status__in=sorted(OPEN_STATUSES)).first() or rows.first()
        if followup is not None:
            chosen.append((followup, User.objects.filter(username=username).first()))
    return chosen


def _day(followup: FollowUp, today: dt.date) -> dt.date:
    """Two weeks before the visit (or before today), within the year."""
    before = min(followup.performed_on or today, today) - dt.timedelta(days=14)
    return max(before, dt.date(followup.year, 1, 15))


def load_financial_checks(*, today: dt.date) -> int:
    """Give a few of the year's follow-ups a financial check; once only.
    Returns how many checks were made."""
    if FinancialCheck.objects.exists():
        return 0
    made = 0
    for index, (followup, actor) in enumerate(_followups(today)):
        day = min(_day(followup, today), today)
        check = financial_check_start(
            actor=actor,
            provider=followup.provider,
            on=day,
            followup=followup,
            organisation=followup.organisation,  # type: ignore[arg-type]
            lookup=ManualLookup(),
        )
        items = {
            item.item: item for item in CheckItem.objects.filter(financial_check=check)
        }
        for value in Item.values:
            flagged = index == 0 and value == Item.TAX_DEBTS
            evidence = None
            if value == Item.CREDIT_RATING:
                evidence = SimpleUploadedFile(
                    "UC-kreditupplysning.pdf",
                    demo_pdf(
                        f"Kreditupplysning UC, org.nr {followup.provider.org_number}"
                    ),
                )
            check_item_record(
                actor=actor,
                item=items[value],
                result=Result.FLAGGED if flagged else Result.OK,
                source=SUGGESTED_SOURCE[value],
                checked_on=day,
                note=FLAG_NOTE if flagged else "",
                evidence_upload=evidence,
            )
        made += 1
    return made
