"""The annual report as DOCX (python-docx): editable, for the committee's case
file. Real headings, tables with a repeated header row, and per contract area
the outcome chart (a PNG with its text alternative) beside the same figures as a
table. Renders a ``annual_render.ReportView``; no database here.
"""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Length

from foljsam.findings.report_render import (
    DOCX_CONTENT_TYPE,
    TEXT_WIDTH,
    data_table,
    facts_table,
    fmt_date,
    new_document,
    save,
)
from foljsam.reporting.annual import percent
from foljsam.reporting.annual_render import AreaView, ReportView, law_name, pct

__all__ = ["DOCX_CONTENT_TYPE", "annual_docx"]

CHART_WIDTH = Cm(15)


def _page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _picture(document: DocxDocument, png: bytes, alt: str) -> None:
    """The chart, with its text alternative where screen readers find it."""
    shape = document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    properties = shape._inline.docPr
    properties.set("descr", alt)
    properties.set("title", alt[:100])


def _summary(document: DocxDocument, view: ReportView) -> None:
    report = view.report
    total = report.total
    document.add_heading(_("Summary"), level=1)
    text = _(
        "In %(year)d, %(performed)d of %(planned)d planned follow-ups were performed."
    ) % {"year": report.year, "performed": total.performed, "planned": total.planned}
    if total.in_progress:
        text += " " + _("%(n)d are still in progress.") % {"n": total.in_progress}
    document.add_paragraph(text)
    if view.reasons:
        data_table(
            document,
            [_("Planned follow-ups not performed, by reason"), _("Follow-ups")],
            [Length(TEXT_WIDTH - Cm(3)), Cm(3)],
            [(name, str(count)) for name, count in view.reasons],
        )
    document.add_paragraph()
    rows: list[list[str | tuple[str, bool]]] = [
        [
            (area.report.area.name, True),
            str(area.report.units),
            str(area.report.tally.planned),
            str(area.report.tally.performed),
            *(row.share for row in area.outcomes),
        ]
        for area in view.areas
    ]
    rows.append(
        [
            (_("Total"), True),
            str(report.units),
            str(total.planned),
            str(total.performed),
            *(pct(share) for _o, _n, share in total.outcome_rows()),
        ]
    )
    data_table(
        document,
        [
            _("Contract area"),
            _("Units"),
            _("Planned"),
            _("Performed"),
            _("Complies"),
            _("After complement"),
            _("Minor deficiencies remain"),
            _("Does not comply"),
        ],
        [Cm(4.6), *[Cm(1.6)] * 3, *[Cm(1.9)] * 4],
        rows,
    )
    document.add_paragraph(
        _(
            "Shares are percent of the performed follow-ups. A follow-up counts in "
            "the year it was planned for."
        ),
        style="Small",
    )
    if report.not_followed_up:
        document.add_paragraph(
            _("Contract areas with units but no follow-up planned this year:")
            + " "
            + ", ".join(area.name for area in report.not_followed_up)
            + "."
        )
    document.add_heading(_("Own and private operation side by side"), level=2)
    data_table(
        document,
        [_("Outcome"), *(r.name for r in view.regimes)],
        [Cm(8), *[Cm(4.5)] * len(view.regimes)],
        [((name, True), *cells) for name, cells in view.regime_rows],
    )
    document.add_heading(_("The most common deficiencies"), level=2)
    if view.deficiencies:
        data_table(
            document,
            [_("Category"), _("Follow-ups with deficiencies in it")],
            [Length(TEXT_WIDTH - Cm(4)), Cm(4)],
            [(name, str(count)) for name, count in view.deficiencies],
        )
    else:
        document.add_paragraph(_("No deficiencies were recorded."))
    document.add_heading(_("Escalations"), level=2)
    facts_table(
        document,
        [
            (_("Correction requests"), str(report.correction_requests)),
            (_("Penalties"), str(report.penalties)),
            (_("Terminations"), str(report.terminations)),
        ],
    )


def _screening(document: DocxDocument, view: ReportView) -> None:
    """The year's screening campaigns (issue 9), after the summary: each
    campaign's figures as a facts table (seven counts side by side would not fit
    a portrait page in Swedish words), then the flags across them."""
    screening = view.screening
    document.add_heading(_("Digital screening"), level=1)
    document.add_paragraph(screening.text)
    if not screening.campaigns:
        return
    for campaign in screening.campaigns:
        c = campaign.line
        document.add_heading(c.name, level=2)
        facts_table(
            document,
            [
                (_("Template"), campaign.template),
                (_("Contract areas"), campaign.areas),
                (_("Status"), campaign.status),
                (_("Sent on"), fmt_date(c.sent_on)),
                (_("Answer by"), fmt_date(c.deadline)),
                (_("Providers asked"), str(c.asked)),
                (
                    _("Answered"),
                    "%d (%s)" % (c.answered, pct(percent(c.answered, c.asked))),  # noqa: UP031
                ),
                (_("Answered with flags"), str(c.flagged)),
                (_("Not answered"), str(c.not_answered)),
                (_("Site visits made"), str(c.visits_created)),
                (_("Follow-ups linked"), str(c.visits_linked)),
            ],
        )
    if screening.flags:
        document.add_heading(_("What the screenings flagged"), level=2)
        data_table(
            document,
            [_("Flag"), _("Providers")],
            [Length(TEXT_WIDTH - Cm(3)), Cm(3)],
            [(name, str(count)) for name, count in screening.flags],
        )
    document.add_paragraph(
        _(
            "Asked: providers sent a personal link. With flags: answered with at "
            "least one flag of the triage list (a requirement not met, a document "
            "missing, or a flag of the provider's latest financial check). Site "
            "visits: follow-ups chosen from the answers, made by the campaign or, "
            "where the unit already had its follow-up that year, linked to it. A "
            "campaign counts in the report of its year."
        ),
        style="Small",
    )


def _area(document: DocxDocument, view: ReportView, area: AreaView) -> None:
    a = area.report
    document.add_heading(a.area.name, level=2)
    facts_table(
        document,
        [
            (_("Law"), law_name(a)),
            (_("Units in the area"), str(a.units)),
            (_("Planned"), str(a.tally.planned)),
            (_("Performed"), str(a.tally.performed)),
            (
                _("Not performed"),
                "; ".join(f"{name}: {count}" for name, count in area.reasons),
            ),
            (_("Methods"), area.methods),
            *([(_("Digital screening"), area.screening)] if area.screening else []),
            (
                _("Within the cycle"),
                _("%(covered)d of %(total)d units (%(share)s)")
                % {
                    "covered": a.coverage.covered,
                    "total": a.coverage.total,
                    "share": pct(a.coverage.share),
                },
            ),
            (_("Correction requests"), str(a.correction_requests)),
            (_("Financial checks"), area.financial),
        ],
    )
    if area.chart is not None:
        _picture(document, area.chart.png(), area.chart.alt)
    data_table(
        document,
        [_("Outcome"), _("Follow-ups"), _("Share")],
        [Length(TEXT_WIDTH - Cm(6)), Cm(3), Cm(3)],
        [(row.name, str(row.count), row.share) for row in area.outcomes],
    )
    if area.deficiencies:
        document.add_paragraph()
        data_table(
            document,
            [_("The most common deficiencies"), _("Follow-ups")],
            [Length(TEXT_WIDTH - Cm(3)), Cm(3)],
            [(name, str(count)) for name, count in area.deficiencies],
        )


def _coverage(document: DocxDocument, view: ReportView) -> None:
    report = view.report
    document.add_heading(_("Coverage within the cycle"), level=1)
    data_table(
        document,
        [
            _("Contract area"),
            _("Cycle (years)"),
            _("Units"),
            _("Followed up within the cycle"),
            _("Share"),
        ],
        [Cm(6), Cm(2.5), Cm(2.5), Cm(3.5), Cm(2.5)],
        [
            (
                row.area.name,
                str(row.area.cycle_years),
                str(row.coverage.total),
                str(row.coverage.covered),
                pct(row.coverage.share),
            )
            for row in report.coverage_rows
        ],
    )
    document.add_paragraph(
        _("Coverage at the end of the year: %(share)s of %(total)d units.")
        % {"share": pct(report.coverage.share), "total": report.coverage.total},
        style="Small",
    )


def _plan(document: DocxDocument, view: ReportView) -> None:
    years = view.report.plan_years
    document.add_heading(
        _("The plan for %(first)d–%(last)d")  # noqa: RUF001 - a dash
        % {"first": years.start, "last": years.stop - 1},
        level=1,
    )
    for plan_year in view.plan:
        document.add_heading(str(plan_year.year), level=2)
        if not plan_year.lines:
            document.add_paragraph(
                _("No contract area is prioritised in a plan for this year yet.")
            )
            continue
        data_table(
            document,
            [_("Contract area"), _("Method"), _("Which units"), _("Why")],
            [Cm(4), Cm(4), Cm(3), Length(TEXT_WIDTH - Cm(11))],
            [
                (
                    (line.contract_area_name, True),
                    method,
                    scope + (f" ({line.target_count})" if line.target_count else ""),
                    line.rationale,
                )
                for line, method, scope, _lead in plan_year.lines
            ],
        )


def annual_docx(view: ReportView) -> bytes:
    document = new_document(title=view.title, footer=view.title)
    document.add_heading(view.title, level=0)
    document.add_paragraph(
        _("Compiled from Följsam on %(day)s.")
        % {"day": date_format(view.report.made_on, "j F Y")},
        style="Small",
    )
    _summary(document, view)
    _screening(document, view)
    _page_break(document)
    document.add_heading(_("Per contract area"), level=1)
    for index, area in enumerate(view.areas):
        if index:
            _page_break(document)
        _area(document, view, area)
    _page_break(document)
    _coverage(document, view)
    _plan(document, view)
    return save(document)
