"""The follow-up report as documents: DOCX (python-docx) and PDF (WeasyPrint,
from the very template the page includes: findings/_report_body.html).

Renderers only: the input is a ``report.ReportDoc``, the output bytes; no
database here. ``new_document`` and ``html_to_pdf`` are shared with the
correction-request letter (letters.py).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table

from foljsam.findings.report import DeficiencyRow, ReportDoc
from foljsam.requirements.documents import (
    DOCX_CONTENT_TYPE,
    FONT,
    WORD_LANGUAGES,
    _field,
    _font,
    _set_language,
    _shade,
)

__all__ = [
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "html_to_pdf",
    "new_document",
    "report_docx",
    "report_html",
    "report_pdf",
]

PDF_CONTENT_TYPE = "application/pdf"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)  # A4
MARGIN = Cm(2)
TEXT_WIDTH = Cm(17)
GREY = RGBColor(0x55, 0x55, 0x55)
LABEL_FILL = "EEF1F4"
NOTICE_FILL = "FFF4D6"


def fmt_date(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def fmt_amount(amount: Decimal | None) -> str:
    """Whole kronor with the language's grouping, as ``floatformat:"0g"`` does."""
    if amount is None:
        return ""
    return number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


# DOCX ---------------------------------------------------------------------------


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _font(styles[name].element, FONT)
    for name, size, before in (
        ("Title", 20, 0),
        ("Heading 1", 14, 16),
        ("Heading 2", 11.5, 10),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
    small = styles.add_style("Small", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8.5)
    small.font.color.rgb = GREY
    small.paragraph_format.space_after = Pt(0)
    cell = styles.add_style("Cell", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(9)
    cell.paragraph_format.space_after = Pt(0)


def _footer(document: DocxDocument, text: str) -> None:
    """The title on the left, "Page 2 of 5" on the right, the numbers as fields."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["Small"]
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{text}\t")
    marked = _("Page %(page)s of %(pages)s") % {
        "page": "\x00PAGE\x00",
        "pages": "\x00NUMPAGES\x00",
    }
    for index, part in enumerate(marked.split("\x00")):
        if index % 2:
            _field(footer, part)
        elif part:
            footer.add_run(part)


def new_document(*, title: str, footer: str) -> DocxDocument:
    """An A4 document in the current language with the house styles: Arial,
    real headings, a footer with page numbers."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    language = get_language() or "sv"
    word_language = WORD_LANGUAGES.get(language, language)
    _set_language(document, word_language)
    _styles(document)
    properties = document.core_properties
    properties.title = title
    properties.language = word_language
    properties.author = ""
    properties.comments = ""
    _footer(document, footer)
    return document


def save(document: DocxDocument) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _style_id(document: DocxDocument, name: str) -> str:
    """A paragraph style's id, found once: setting ``paragraph.style`` by object
    searches every style of the document again for each cell."""
    return str(document.styles[name].style_id)


def facts_table(document: DocxDocument, rows: Sequence[tuple[str, str]]) -> None:
    """Label and value, the labels bold on a shaded column."""
    cell_style = _style_id(document, "Cell")
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(5), Length(TEXT_WIDTH - Cm(5))])
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(5), TEXT_WIDTH - Cm(5)
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[0].paragraphs[0]._p.style = cell_style
        cells[1].paragraphs[0].add_run(value or "–")  # noqa: RUF001 - a dash
        cells[1].paragraphs[0]._p.style = cell_style
        _shade(cells[0]._tc, LABEL_FILL)


def _widths(table: Any, widths: Sequence[Length]) -> None:
    """Fixed column widths (Word reads the cells', LibreOffice the grid's), and
    a little air above and below the text of each cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 30), ("left", 100), ("bottom", 30), ("right", 100)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _repeat_header(table: Table) -> None:
    """The header row comes back at the top of every page the table runs onto."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def data_table(
    document: DocxDocument,
    headers: Sequence[str],
    widths: Sequence[Length],
    rows: Sequence[Sequence[str | tuple[str, bool]]],
) -> None:
    """A table with a shaded header row repeated on each page; a cell given as
    ``(text, True)`` is bold. Lines in a cell's text become paragraphs."""
    cell_style = _style_id(document, "Cell")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    _widths(table, widths)
    for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = cell_style
        paragraph.add_run(header).bold = True
        _shade(cell._tc, LABEL_FILL)
    _repeat_header(table)
    for values in rows:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            text, bold = value if isinstance(value, tuple) else (value, False)
            for index, line in enumerate(text.split("\n")):
                paragraph = (
                    cell.paragraphs[0] if index == 0 else cell.add_paragraph(line)
                )
                paragraph._p.style = cell_style
                if index == 0:
                    paragraph.add_run(line).bold = bold


def notice(document: DocxDocument, text: str) -> None:
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    cell.width = TEXT_WIDTH
    _shade(cell._tc, NOTICE_FILL)
    cell.paragraphs[0].add_run(text)
    document.add_paragraph()


def _facts(doc: ReportDoc) -> list[tuple[str, str]]:
    rows = [
        (_("Unit"), ", ".join(p for p in (doc.unit_name, doc.unit_address) if p)),
        (
            _("Provider"),
            f"{doc.provider_name} ({_('org. no.')} {doc.provider_org_number})",
        ),
        (_("Contract area"), doc.contract_area),
        (_("Regime"), doc.regime),
        (doc.agreement_label, doc.agreement),
        (_("Year"), str(doc.year)),
        (_("Follow-up performed by"), doc.performed_by),
    ]
    if doc.template:
        rows.append((_("Template"), doc.template))
    rows += [
        (_("Methods"), ", ".join(doc.methods)),
        (_("Visit date"), fmt_date(doc.visit_date)),
        (_("Who took part (roles)"), ", ".join(doc.participants)),
    ]
    return rows


def _deficiency_status(deficiency: DeficiencyRow) -> str:
    lines = [
        " ".join(p for p in (deficiency.status, fmt_date(deficiency.resolved_on)) if p)
    ]
    if deficiency.resolution:
        lines.append(deficiency.resolution)
    if deficiency.is_open and deficiency.due_on:
        lines.append(
            _("Complement due %(date)s") % {"date": fmt_date(deficiency.due_on)}
        )
    for measure in deficiency.measures:
        line = f"{fmt_date(measure.on)}: {measure.kind}"
        if measure.due_on:
            line += " (" + _("by %(date)s") % {"date": fmt_date(measure.due_on)} + ")"
        lines.append(line)
    return "\n".join(lines)


def report_docx(doc: ReportDoc) -> bytes:
    """The report as a Word document: the same parts, in the same order, as the
    page and the PDF."""
    document = new_document(title=doc.title, footer=doc.title)
    letterhead = " · ".join(p for p in (doc.city, doc.central_office) if p)
    if letterhead:
        document.add_paragraph(letterhead, style="Small")
    document.add_heading(doc.title, level=0)
    if not doc.is_final:
        notice(
            document,
            _(
                "Preliminary: the follow-up is not yet completed (status: "
                "%(status)s). The assessment may change."
            )
            % {"status": doc.status},
        )

    document.add_heading(_("What was followed up"), level=1)
    facts_table(document, _facts(doc))

    document.add_heading(_("Assessment"), level=1)
    outcome = document.add_paragraph()
    outcome.add_run(doc.outcome).bold = True
    if doc.completed_on:
        outcome.add_run(
            " (" + _("completed %(date)s") % {"date": fmt_date(doc.completed_on)} + ")"
        ).font.color.rgb = GREY
    if doc.outcome_reason:
        document.add_paragraph(doc.outcome_reason)
    if doc.own_regime:
        document.add_paragraph(
            _(
                "The unit is run by the city itself. It is followed up against its "
                "mission description, in the same way as units under an agreement."
            )
        ).runs[0].font.color.rgb = GREY

    document.add_heading(_("Answers"), level=1)
    if not doc.sections:
        document.add_paragraph(_("The follow-up has no protocol of questions."))
    for section in doc.sections:
        document.add_heading(f"{section.number}. {section.title}", level=2)
        if not section.rows:
            document.add_paragraph(_("No questions in this section."))
            continue
        data_table(
            document,
            [_("No."), _("Question"), _("Answer"), _("Comment")],
            [Cm(1.1), Cm(7), Cm(3.4), Cm(5.5)],
            [
                [
                    row.number,
                    row.question,
                    (row.answer or _("Not answered"), row.not_met),
                    row.comment,
                ]
                for row in section.rows
            ],
        )

    document.add_heading(_("Deficiencies"), level=1)
    if doc.deficiencies:
        data_table(
            document,
            [_("Requirement"), _("Deficiency"), _("Severity"), _("Status")],
            [Cm(4), Cm(6.5), Cm(2.5), Cm(4)],
            [
                [
                    "\n".join(
                        p
                        for p in (
                            d.requirement or "–",  # noqa: RUF001 - a dash
                            _("Question %(number)s") % {"number": d.question}
                            if d.question
                            else "",
                        )
                        if p
                    ),
                    "\n".join(p for p in (d.category, d.description) if p),
                    d.severity,
                    _deficiency_status(d),
                ]
                for d in doc.deficiencies
            ],
        )
    else:
        document.add_paragraph(_("No deficiencies were found."))

    if doc.actions:
        document.add_heading(_("Decisions under the agreement"), level=1)
        data_table(
            document,
            [
                _("Decision"),
                _("Decided on"),
                _("To be put right by"),
                _("Amount (SEK)"),
            ],
            [Cm(6), Cm(3.5), Cm(3.5), Cm(4)],
            [
                [
                    a.kind
                    + (
                        "\n"
                        + _("effective from %(date)s")
                        % {"date": fmt_date(a.effective_on)}
                        if a.effective_on
                        else ""
                    ),
                    fmt_date(a.decided_on),
                    fmt_date(a.due_on) or "–",  # noqa: RUF001 - a dash
                    fmt_amount(a.amount) or "–",  # noqa: RUF001 - a dash
                ]
                for a in doc.actions
            ],
        )
    return save(document)


# PDF ----------------------------------------------------------------------------


def page_counter_css() -> SafeString:
    """ "Page 2 of 5" as a CSS ``content`` value, in the translation's word order."""
    text = _("Page %(page)s of %(pages)s")
    parts = text.replace('"', "").replace("\\", "").split("%(")
    css = [f'"{parts[0]}"']
    for part in parts[1:]:
        name, _sep, rest = part.partition(")s")
        css.append(f"counter({'pages' if name == 'pages' else 'page'})")
        css.append(f'"{rest}"')
    return mark_safe(" ".join(css))  # noqa: S308 - built from our own catalogue


def html_to_pdf(html: str, css: str = "") -> bytes:
    """A PDF of a standalone HTML document and its print stylesheet (kept out of
    the HTML: no template holds a <style> element, as the CSP test demands).
    WeasyPrint is imported here, on first use, so that the rest of the app does
    not need its system libraries."""
    from weasyprint import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        CSS,
        HTML,
    )

    # Font subsetting and the layout steps report at INFO: not worth a log line
    # per PDF.
    for noisy in ("fontTools", "weasyprint.progress"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # PDF/UA-1: tagged (headings, lists, tables for a screen reader), with the
    # document's language and title (the accessibility statement says so).
    pdf = HTML(string=html).write_pdf(
        stylesheets=[CSS(string=css)] if css else None, pdf_variant="pdf/ua-1"
    )
    assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target
    return pdf


def report_html(doc: ReportDoc) -> str:
    """The standalone HTML that the PDF is made from: the page's report body."""
    return render_to_string(
        "findings/report_print.html",
        {"report": doc, "page_counter": page_counter_css()},
    )


def report_pdf(doc: ReportDoc) -> bytes:
    css = render_to_string(
        "findings/report_print.css", {"page_counter": page_counter_css()}
    )
    return html_to_pdf(report_html(doc), css)
