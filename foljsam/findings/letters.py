"""The correction-request letter (begäran om rättelse, issue 6): what the central
office sends a provider under its agreement after an escalation, with the
deficiencies concerned, the grounds and the deadline, as DOCX and PDF.

Seed 004: suspected breaches go to the central office, which alone deals with the
provider on a correction request, a penalty or termination; a unit under a
mission description has no agreement, so none of these can be issued (KTT). The
services refuse creating such actions, and the letter refuses too.

``correction_letter`` reads the action for a user; ``build_letter`` turns it into
a ``CorrectionLetter`` without touching the database; ``letter_docx`` and
``letter_pdf`` render that (the PDF from findings/letter_print.html).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt

from foljsam.accounts.access import Viewer
from foljsam.core.access import visible_or_404
from foljsam.findings.choices import ActionKind
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.findings.report import city_and_office, label, unit_address
from foljsam.findings.report_render import (
    TEXT_WIDTH,
    facts_table,
    html_to_pdf,
    new_document,
    page_counter_css,
    save,
)
from foljsam.registry.choices import AgreementKind, Regime


@dataclass(frozen=True)
class LetterDeficiency:
    requirement: str  # "code: title", or the category if no requirement is named
    description: str


@dataclass(frozen=True)
class CorrectionLetter:
    pk: int | None
    title: str
    city: str
    central_office: str
    date: dt.date
    provider_name: str
    provider_org_number: str
    agreement: str  # reference and kind
    contract_area: str
    unit_name: str
    unit_address: str
    year: int
    intro: str
    deficiencies: tuple[LetterDeficiency, ...]
    grounds: str
    due_on: dt.date
    request: str  # what the city asks for, with the deadline
    consequence: str  # what may follow under the agreement
    sender: tuple[str, ...]  # the signature block


def refused_for_mission_description() -> ValidationError:
    return ValidationError(
        _(
            "The unit is run by the city under a mission description "
            "(uppdragsbeskrivning) and has no agreement, so no correction request "
            "can be issued. Record the findings and recommendations instead."
        ),
        code="mission_description",
    )


def long_date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def build_letter(
    action: ContractAction,
    *,
    deficiencies: Iterable[Deficiency] | None = None,
    city: str = "",
    central_office: str = "",
) -> CorrectionLetter:
    """The letter of a correction request: ``action`` with its follow-up's unit,
    provider, contract area and agreement; the deficiencies concerned (by default
    the action's own, prefetched, each with its requirement and category).
    Touches no database. Refused for the city's own units."""
    if action.kind != ActionKind.CORRECTION_REQUEST:
        raise ValidationError(
            _("Only a correction request has a letter."), code="not_a_request"
        )
    followup = action.followup
    agreement = action.agreement or followup.agreement
    if followup.provider.regime == Regime.OWN or (
        agreement is not None and agreement.kind == AgreementKind.MISSION
    ):
        raise refused_for_mission_description()
    if action.due_on is None:
        raise ValidationError(
            _("A correction request needs a date to put things right by."),
            code="no_deadline",
        )
    if deficiencies is None:
        deficiencies = action.deficiencies.all()
    office = central_office or _("The central office")
    provider = followup.provider.name
    area = followup.contract_area.name
    agreement_text = (
        f"{agreement.reference} ({label(AgreementKind, agreement.kind)})"
        if agreement is not None
        else ""
    )
    return CorrectionLetter(
        pk=action.pk,
        title=_("Correction request"),
        city=city,
        central_office=office,
        date=action.decided_on,
        provider_name=provider,
        provider_org_number=followup.provider.org_number_display,
        agreement=agreement_text,
        contract_area=area,
        unit_name=followup.unit.name,
        unit_address=unit_address(followup),
        year=followup.year,
        intro=_(
            "At the follow-up of %(unit)s in the contract area %(area)s in %(year)s, "
            "the city found that %(provider)s does not meet the following "
            "requirements of the agreement."
        )
        % {
            "unit": followup.unit.name,
            "area": area,
            "year": followup.year,
            "provider": provider,
        },
        deficiencies=tuple(
            LetterDeficiency(
                requirement=(
                    f"{d.requirement.code}: {d.requirement.title}"
                    if d.requirement
                    else d.category.name
                ),
                description=d.description,
            )
            for d in deficiencies
        ),
        grounds=action.reasons,
        due_on=action.due_on,
        request=_(
            "The city therefore requests that %(provider)s puts the deficiencies "
            "right by %(date)s at the latest, and reports in writing to %(office)s "
            "what has been done."
        )
        % {"provider": provider, "date": long_date(action.due_on), "office": office},
        consequence=_(
            "If the deficiencies are not put right by then, the city may impose a "
            "penalty or terminate the agreement, as the agreement provides."
        ),
        sender=tuple(p for p in (office, city) if p),
    )


def correction_action(*, user: Viewer, pk: int) -> ContractAction:
    """A correction request the user may see, with what its letter reads (four
    queries); another kind of decision, or one outside their reach, is a 404."""
    return visible_or_404(
        ContractAction.objects.visible_to(user)
        .filter(kind=ActionKind.CORRECTION_REQUEST)
        .select_related(
            "agreement",
            "followup__unit",
            "followup__provider",
            "followup__contract_area",
            "followup__agreement",
        )
        .prefetch_related(
            Prefetch(
                "deficiencies",
                queryset=Deficiency.objects.select_related(
                    "requirement", "category"
                ).order_by("pk"),
            )
        ),
        pk=pk,
    )


def correction_letter(*, user: Viewer, pk: int) -> CorrectionLetter:
    """The letter of a correction request the user may see; a ValidationError if
    the unit is the city's own (it has a mission description, not an agreement)."""
    action = correction_action(user=user, pk=pk)
    city, office = city_and_office()
    return build_letter(action, city=city, central_office=office)


# Rendering ----------------------------------------------------------------------


def letter_docx(letter: CorrectionLetter) -> bytes:
    """The letter as a Word document, to sign and send or to edit first."""
    document = new_document(
        title=letter.title,
        footer=" · ".join(p for p in (letter.central_office, letter.city) if p),
    )
    head = document.add_paragraph()
    head.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    head.add_run(letter.central_office).bold = True
    head.add_run(f"\t{long_date(letter.date)}")
    if letter.city:
        document.add_paragraph(letter.city)
    recipient = document.add_paragraph()
    recipient.paragraph_format.space_before = Pt(18)
    recipient.paragraph_format.space_after = Pt(12)
    recipient.add_run(letter.provider_name).bold = True
    recipient.add_run(
        "\n"
        + _("Organisation number %(number)s") % {"number": letter.provider_org_number}
    )

    document.add_heading(letter.title, level=1)
    facts_table(
        document,
        [
            (_("Agreement"), letter.agreement),
            (_("Contract area"), letter.contract_area),
            (
                _("Unit"),
                ", ".join(p for p in (letter.unit_name, letter.unit_address) if p),
            ),
            (_("To be put right by"), long_date(letter.due_on)),
        ],
    )
    document.add_paragraph(letter.intro).paragraph_format.space_before = Pt(10)

    document.add_heading(_("Deficiencies concerned"), level=2)
    for deficiency in letter.deficiencies:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(deficiency.requirement).bold = True
        if deficiency.description:
            item.add_run(f"\n{deficiency.description}")
    if not letter.deficiencies:
        document.add_paragraph(_("See the grounds below."))

    document.add_heading(_("Grounds"), level=2)
    for paragraph in letter.grounds.splitlines() or [""]:
        if paragraph.strip():
            document.add_paragraph(paragraph)

    document.add_heading(_("What the city requests"), level=2)
    document.add_paragraph(letter.request)
    document.add_paragraph(letter.consequence)

    closing = document.add_paragraph(_("Kind regards"))
    closing.paragraph_format.space_before = Pt(18)
    for index, line in enumerate(letter.sender):
        document.add_paragraph().add_run(line).bold = index == 0
    return save(document)


def letter_html(letter: CorrectionLetter) -> str:
    return render_to_string(
        "findings/letter_print.html",
        {"letter": letter, "page_counter": page_counter_css()},
    )


def letter_pdf(letter: CorrectionLetter) -> bytes:
    css = render_to_string(
        "findings/letter_print.css", {"page_counter": page_counter_css()}
    )
    return html_to_pdf(letter_html(letter), css)
