"""A template version as documents: a printable protocol (DOCX) for visits where
the web form cannot be used (seed 002: "Om det inte är möjligt att använda ett
webbaserat system används mallar i wordformat"), and a question list (XLSX) to
read, sort and filter the questions and the requirements they check.

Pure: the input is a ``content.TemplateDoc`` (``selectors.version_content``
builds it), the output bytes; no database here. docs/formats.md describes both
layouts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.shared import Cm, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

from foljsam.core.exports import _safe_for_spreadsheets
from foljsam.requirements.choices import (
    CHOICE_TYPES,
    AnswerType,
    DocumentAnswer,
    Purpose,
    Respondent,
    SourceKind,
    VersionStatus,
    YesNo,
)
from foljsam.requirements.content import QuestionDoc, RequirementDoc, TemplateDoc

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Shown on the protocol's first page. A paper protocol is filled in by hand and
# may be scanned and filed: nothing on it may identify a care user.
PERSONAL_DATA_WARNING = gettext_lazy(
    "Do not write personal data about care users in this protocol: no names, no "
    "personal identity numbers and nothing else that could identify a user. "
    "Describe what you saw and heard in general terms."
)

# The blank fields at the top of the protocol, filled in at the visit.
HEADER_FIELDS = (
    gettext_lazy("Provider"),
    gettext_lazy("Unit"),
    gettext_lazy("Contract area"),
    gettext_lazy("Date of visit"),
    gettext_lazy("Follow-up officer (role)"),
    gettext_lazy("Participants (roles)"),
)

CHECKBOX = "\u2610"  # ☐
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)  # A4
MARGIN = Cm(2)
TEXT_WIDTH = Cm(17)
INDENT = Cm(1.1)  # where a question's text starts, after its number
OPTION_STEP = Cm(4)  # between the boxes of a yes/no answer
FONT = "Arial"
GREY = RGBColor(0x40, 0x40, 0x40)
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The label of a coded value, or the value itself if the list lacks it."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _version_line(doc: TemplateDoc) -> str:
    if doc.status == VersionStatus.DRAFT:
        return _("Version %(number)d, draft") % {"number": doc.number}
    if doc.status == VersionStatus.RETIRED:
        return _("Version %(number)d, retired") % {"number": doc.number}
    return _("Version %(number)d") % {"number": doc.number}


def _answer_options(question: QuestionDoc) -> list[str]:
    """The labels a box is drawn for; empty for free answers."""
    if question.answer_type in CHOICE_TYPES:
        return [c.label for c in question.choices]
    if question.answer_type == AnswerType.YES_NO:
        return [str(c.label) for c in YesNo]
    if question.answer_type == AnswerType.DOCUMENT:
        return [str(c.label) for c in DocumentAnswer]
    return []


def _not_met_labels(question: QuestionDoc) -> list[str]:
    if question.answer_type in CHOICE_TYPES:
        labels = {c.value: c.label for c in question.choices}
    elif question.answer_type == AnswerType.YES_NO:
        labels = {c.value: str(c.label) for c in YesNo}
    elif question.answer_type == AnswerType.DOCUMENT:
        labels = {c.value: str(c.label) for c in DocumentAnswer}
    else:
        labels = {}
    return [labels.get(value, value) for value in question.not_met_answers]


def _checked_by(doc: TemplateDoc) -> dict[str, list[str]]:
    """For each requirement code, the numbers of the questions that check it."""
    found: dict[str, list[str]] = {}
    for s_no, q_no, _section, question in doc.questions:
        if question.requirement:
            found.setdefault(question.requirement, []).append(f"{s_no}.{q_no}")
    return found


# DOCX ---------------------------------------------------------------------------


def _set_language(document: DocxDocument, language: str) -> None:
    """Tell Word the text's language (spelling, hyphenation, screen readers)."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    rpr.append(lang)


def _font(style_element: Any, name: str) -> None:
    """Name the font for every script, overriding the theme's."""
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _shade(cell_element: CT_Tc, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell_element.get_or_add_tcPr().append(shading)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in when they lay out the page."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _ruled_line(
    document: DocxDocument, *, width: Length = TEXT_WIDTH, label: str = ""
) -> Paragraph:
    """A line to write on: a tab whose leader draws the line up to ``width``."""
    paragraph = document.add_paragraph(style="Answer")
    paragraph.paragraph_format.space_before = Pt(7)  # room for handwriting
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES
    )
    paragraph.add_run(f"{label} \t" if label else "\t")
    return paragraph


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    # Arial rather than the template's theme fonts: every office has it, and
    # LibreOffice lays it out with the metric-compatible Liberation Sans.
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _font(styles[name].element, FONT)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (("Title", 22, 0), ("Heading 1", 15, 18)):
        style = styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
    heading2 = styles["Heading 2"]
    heading2.font.size = Pt(11.5)
    heading2.paragraph_format.space_before = Pt(10)
    heading2.paragraph_format.space_after = Pt(2)
    question = styles.add_style("Question", WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = normal
    question.font.bold = True
    question.paragraph_format.space_before = Pt(12)
    question.paragraph_format.space_after = Pt(2)
    question.paragraph_format.left_indent = INDENT
    question.paragraph_format.first_line_indent = -INDENT
    question.paragraph_format.tab_stops.add_tab_stop(INDENT)
    question.paragraph_format.keep_with_next = True
    answer = styles.add_style("Answer", WD_STYLE_TYPE.PARAGRAPH)
    answer.base_style = normal
    answer.paragraph_format.left_indent = INDENT
    answer.paragraph_format.space_after = Pt(2)
    answer.paragraph_format.keep_with_next = True
    note = styles.add_style("Question Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = answer
    note.font.size = Pt(9)
    note.font.color.rgb = GREY
    note.paragraph_format.space_after = Pt(1)


def _header_block(document: DocxDocument) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label in HEADER_FIELDS:
        row = table.add_row()
        row.height = Cm(0.9)
        row.cells[0].width, row.cells[1].width = Cm(5.5), TEXT_WIDTH - Cm(5.5)
        row.cells[0].paragraphs[0].add_run(str(label)).bold = True
        _shade(row.cells[0]._tc, "F2F2F2")


def _warning(document: DocxDocument) -> None:
    """The personal-data warning, in a shaded box no reader can miss."""
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    cell.width = TEXT_WIDTH
    _shade(cell._tc, "FFF2CC")
    heading = cell.paragraphs[0]
    heading.add_run(_("No personal data about care users")).bold = True
    heading.paragraph_format.space_before = Pt(4)
    body = cell.add_paragraph(str(PERSONAL_DATA_WARNING))
    body.paragraph_format.space_after = Pt(4)


def _answer_space(document: DocxDocument, question: QuestionDoc) -> None:
    kind = question.answer_type
    if kind in (AnswerType.YES_NO, AnswerType.DOCUMENT):
        paragraph = document.add_paragraph(style="Answer")
        paragraph.paragraph_format.space_before = Pt(3)
        for n in range(1, 4):
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Length(INDENT + OPTION_STEP * n)
            )
        paragraph.add_run(
            "\t".join(f"{CHECKBOX} {label}" for label in _answer_options(question))
        )
    elif kind in CHOICE_TYPES:
        hint = (
            _("Choose one.")
            if kind == AnswerType.SINGLE_CHOICE
            else _("Choose all that apply.")
        )
        document.add_paragraph(hint, style="Question Note").runs[0].italic = True
        for label in _answer_options(question):
            document.add_paragraph(f"{CHECKBOX} {label}", style="Answer")
    elif kind in (AnswerType.NUMBER, AnswerType.DATE):
        _ruled_line(document, width=Length(INDENT + Cm(6)))
    else:  # text, and any type added later: room to write
        for _n in range(3):
            _ruled_line(document)
    if kind != AnswerType.TEXT:
        # Room for what the officer saw or was told, beside the answer.
        _ruled_line(document, label=_("Comment:"))
    last = _ruled_line(document)
    last.paragraph_format.keep_with_next = False


def _question(
    document: DocxDocument, doc: TemplateDoc, number: str, question: QuestionDoc
) -> None:
    document.add_paragraph(f"{number}\t{question.text}", style="Question")
    if question.help_text:
        help_text = document.add_paragraph(question.help_text, style="Question Note")
        for run in help_text.runs:
            run.italic = True
    facts = [
        _("Asked: %(respondent)s")
        % {"respondent": _label(Respondent, question.respondent)},
        _("Required") if question.required else _("Optional"),
    ]
    requirement = doc.requirement(question.requirement)
    if requirement is not None:
        facts.insert(
            1,
            _("Requirement: %(code)s – %(title)s")  # noqa: RUF001 - a dash, not a hyphen
            % {"code": requirement.code, "title": requirement.title},
        )
    elif question.requirement:
        facts.insert(1, _("Requirement: %(code)s") % {"code": question.requirement})
    document.add_paragraph(" · ".join(facts), style="Question Note")
    _answer_space(document, question)


def _appendix(document: DocxDocument, doc: TemplateDoc) -> None:
    heading = document.add_heading(_("Appendix: the requirements checked"), level=1)
    heading.paragraph_format.page_break_before = True
    categories = {c.code: c.name for c in doc.categories}
    checked_by = _checked_by(doc)
    for requirement in doc.requirements:
        title = f"{requirement.code} – {requirement.title}"  # noqa: RUF001
        document.add_heading(title, level=2)
        # A requirement stays on one page with its source and guidance.
        document.add_paragraph(requirement.text).paragraph_format.keep_with_next = True
        source = _label(SourceKind, requirement.source_kind)
        if requirement.source_reference:
            source = f"{source}: {requirement.source_reference}"
        facts = [
            _("Source: %(source)s") % {"source": source},
            _("Category: %(category)s")
            % {"category": categories.get(requirement.category, requirement.category)},
        ]
        if checked_by.get(requirement.code):
            facts.append(
                _("Questions: %(numbers)s")
                % {"numbers": ", ".join(checked_by[requirement.code])}
            )
        note = document.add_paragraph(" · ".join(facts), style="Question Note")
        note.paragraph_format.left_indent = 0
        note.paragraph_format.keep_with_next = bool(requirement.guidance)
        if requirement.guidance:
            guidance = document.add_paragraph(style="Question Note")
            guidance.paragraph_format.left_indent = 0
            guidance.paragraph_format.keep_with_next = False
            guidance.add_run(_("Guidance: ")).bold = True
            guidance.add_run(requirement.guidance).italic = True


def template_docx(doc: TemplateDoc) -> bytes:
    """The version as a protocol to print and fill in by hand."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    language = get_language() or "sv"
    _set_language(document, WORD_LANGUAGES.get(language, language))
    _styles(document)
    properties = document.core_properties
    properties.title = doc.name
    properties.subject = _version_line(doc)
    properties.language = WORD_LANGUAGES.get(language, language)
    properties.author = ""
    properties.comments = ""

    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Question Note"]
    footer.paragraph_format.left_indent = 0
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{doc.name} · {_version_line(doc)}\t")
    # "Page 2 of 5", with the numbers as fields, in the translation's word order.
    marked = _("Page %(page)s of %(pages)s") % {
        "page": "\x00PAGE\x00",
        "pages": "\x00NUMPAGES\x00",
    }
    for index, part in enumerate(marked.split("\x00")):
        if index % 2:
            _field(footer, part)
        elif part:
            footer.add_run(part)

    document.add_heading(doc.name, level=0)
    facts = [_version_line(doc), _label(Purpose, doc.purpose), doc.code]
    if doc.published_at:
        facts.insert(1, _("published %(date)s") % {"date": doc.published_at[:10]})
    document.add_paragraph(" · ".join(facts)).runs[0].font.color.rgb = GREY
    if doc.description:
        document.add_paragraph(doc.description)
    _header_block(document)
    document.add_paragraph()
    _warning(document)
    document.add_paragraph(
        _(
            "Tick one box for each question unless it says otherwise, and write "
            "what you saw or were told on the lines. The appendix lists the "
            "requirements the questions check."
        )
    ).paragraph_format.space_before = Pt(8)

    for s_no, template_section in enumerate(doc.sections, 1):
        document.add_heading(f"{s_no}. {template_section.title}", level=1)
        if template_section.intro:
            document.add_paragraph(template_section.intro)
        for q_no, question in enumerate(template_section.questions, 1):
            _question(document, doc, f"{s_no}.{q_no}", question)
    if doc.requirements:
        _appendix(document, doc)

    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


# XLSX ---------------------------------------------------------------------------

type Cell = str | int | None


@dataclass(frozen=True)
class _Column[T]:
    header: str
    width: float
    value: Callable[[T], Cell]
    wrap: bool = False


@dataclass(frozen=True)
class _QuestionRow:
    number: str
    section: str
    question: QuestionDoc
    requirement: RequirementDoc | None


def _question_columns() -> list[_Column[_QuestionRow]]:
    def choices(row: _QuestionRow) -> str:
        return "\n".join(c.label for c in row.question.choices)

    return [
        _Column(_("No."), 7, lambda r: r.number),
        _Column(_("Section"), 24, lambda r: r.section, wrap=True),
        _Column(_("Question"), 60, lambda r: r.question.text, wrap=True),
        _Column(_("Help text"), 40, lambda r: r.question.help_text, wrap=True),
        _Column(
            _("Answer type"), 22, lambda r: _label(AnswerType, r.question.answer_type)
        ),
        _Column(_("Choices"), 28, choices, wrap=True),
        _Column(
            _("Required"),
            10,
            lambda r: str(YesNo.YES.label if r.question.required else YesNo.NO.label),
        ),
        _Column(_("Asked"), 12, lambda r: _label(Respondent, r.question.respondent)),
        _Column(_("Requirement"), 18, lambda r: r.question.requirement),
        _Column(
            _("Requirement title"),
            34,
            lambda r: r.requirement.title if r.requirement else "",
            wrap=True,
        ),
        _Column(
            _("Not met if"),
            20,
            lambda r: ", ".join(_not_met_labels(r.question)),
            wrap=True,
        ),
    ]


def _requirement_columns(
    doc: TemplateDoc,
) -> list[_Column[RequirementDoc]]:
    categories = {c.code: c.name for c in doc.categories}
    return [
        _Column(_("Code"), 18, lambda r: r.code),
        _Column(_("Title"), 34, lambda r: r.title, wrap=True),
        _Column(_("Requirement text"), 70, lambda r: r.text, wrap=True),
        _Column(_("Guidance"), 50, lambda r: r.guidance, wrap=True),
        _Column(_("Source"), 24, lambda r: _label(SourceKind, r.source_kind)),
        _Column(_("Source reference"), 30, lambda r: r.source_reference, wrap=True),
        _Column(
            _("Category"),
            26,
            lambda r: categories.get(r.category, r.category),
            wrap=True,
        ),
        _Column(_("Contract areas"), 20, lambda r: ", ".join(r.contract_areas)),
    ]


def _write_sheet[T](ws: Any, columns: Sequence[_Column[T]], rows: Sequence[T]) -> None:
    """Header row bold and frozen with the first column, filters on, the long
    texts wrapped in columns wide enough to read."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(columns, 1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = wrapped
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
    for r_index, row in enumerate(rows, 2):
        for c_index, column in enumerate(columns, 1):
            value = column.value(row)
            if isinstance(value, str):
                value = _safe_for_spreadsheets(value)
            cell = ws.cell(row=r_index, column=c_index, value=value)
            cell.alignment = wrapped if column.wrap else top
    ws.freeze_panes = "B2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"


def template_xlsx(doc: TemplateDoc) -> bytes:
    """The version as a question list: a sheet of questions, one row each in
    the template's order, and a sheet of the requirements they check."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.title = f"{doc.name} · {_version_line(doc)}"
    questions = workbook.active
    questions.title = _("Questions")[:31]
    _write_sheet(
        questions,
        _question_columns(),
        [
            _QuestionRow(
                number=f"{s_no}.{q_no}",
                section=section.title,
                question=question,
                requirement=doc.requirement(question.requirement),
            )
            for s_no, q_no, section, question in doc.questions
        ],
    )
    requirements = workbook.create_sheet(_("Requirements")[:31])
    _write_sheet(requirements, _requirement_columns(doc), list(doc.requirements))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
