"""The protocol (DOCX) and the question list (XLSX) of a template version.

Pure: the documents are drawn from a ``TemplateDoc``; no database. Labels are
compared through the same gettext calls the renderer makes, so the tests hold in
every language.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from django.utils.translation import gettext as _
from docx import Document
from openpyxl import load_workbook

from foljsam.requirements.choices import AnswerType, DocumentAnswer, Respondent, YesNo
from foljsam.requirements.content import SectionDoc, TemplateDoc
from foljsam.requirements.documents import (
    HEADER_FIELDS,
    PERSONAL_DATA_WARNING,
    template_docx,
    template_xlsx,
)
from foljsam.requirements.tests.test_exchange import full_doc


def docx_paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text, the body's and the tables', in document order."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def squeeze(text: str) -> str:
    return " ".join(text.split())


# DOCX ---------------------------------------------------------------------------


def test_the_protocol_has_every_section_and_question_in_order() -> None:
    doc = full_doc()

    paragraphs = docx_paragraphs(template_docx(doc))

    headings = [p for p in paragraphs if re.match(r"^\d+\. ", p)]
    assert headings == [f"{n}. {s.title}" for n, s in enumerate(doc.sections, 1)]
    numbered = [p for p in paragraphs if re.match(r"^\d+\.\d+\t", p)]
    assert numbered == [
        f"{s}.{q}\t{question.text}" for s, q, _s, question in doc.questions
    ]
    for section in doc.sections:
        if section.intro:
            assert section.intro in paragraphs
    for question in (q for _s, _q, _sec, q in doc.questions if q.help_text):
        assert question.help_text in paragraphs


def test_the_protocol_opens_with_the_blank_fields_and_the_warning() -> None:
    doc = full_doc()

    paragraphs = docx_paragraphs(template_docx(doc))

    assert paragraphs[0] == doc.name
    assert _("Version %(number)d, draft") % {"number": 1} in paragraphs[1]
    for label in HEADER_FIELDS:
        assert str(label) in paragraphs
    assert str(PERSONAL_DATA_WARNING) in paragraphs
    published = replace(doc, status="published", published_at="2026-03-01T10:00:00")
    first_lines = docx_paragraphs(template_docx(published))[1]
    assert _("Version %(number)d") % {"number": 1} in first_lines
    assert _("Version %(number)d, draft") % {"number": 1} not in first_lines
    assert "2026-03-01" in first_lines


def test_each_answer_type_gets_its_own_answer_space() -> None:
    paragraphs = docx_paragraphs(template_docx(full_doc()))

    def block(question_text: str) -> list[str]:
        """The paragraphs from a question up to the next one."""
        start = next(i for i, p in enumerate(paragraphs) if p.endswith(question_text))
        end = next(
            (
                i
                for i in range(start + 1, len(paragraphs))
                if re.match(r"^\d+\.\d+\t|^\d+\. ", paragraphs[i])
            ),
            len(paragraphs),
        )
        return paragraphs[start + 1 : end]

    yes_no = "\n".join(
        block("Finns ett ledningssystem för systematiskt kvalitetsarbete?")
    )
    for label in YesNo.labels:
        assert f"☐ {label}" in yes_no
    document = "\n".join(block("Skicka in rutinen för hantering av klagomål."))
    for label in DocumentAnswer.labels:
        assert f"☐ {label}" in document
    single = block("Hur ofta får personalen extern handledning?")
    for label in ("Varje vecka", "Varje månad", "Mer sällan", "Aldrig"):
        assert f"☐ {label}" in single
    assert _("Choose one.") in single
    assert _("Choose all that apply.") in block(
        "Vilka utbildningar har du gått det senaste året?"
    )
    text = block("Hur får ni vara med och bestämma vad ni gör under dagen?")
    assert sum(p == "\t" for p in text) >= 3  # lines to write on
    assert not any("☐" in p for p in text)
    date = block("När uppdaterades rutinen för lex Sarah senast?")
    assert "\t" in date and not any("☐" in p for p in date)


def test_each_question_says_who_is_asked_and_what_it_checks() -> None:
    doc = full_doc()
    paragraphs = docx_paragraphs(template_docx(doc))

    for s, q, _section, question in doc.questions:
        at = paragraphs.index(f"{s}.{q}\t{question.text}")
        following = paragraphs[at + 1 : at + 3]  # the help text, if any, first
        facts = following[1] if question.help_text else following[0]
        requirement = doc.requirement(question.requirement)
        assert requirement is not None
        label = str(Respondent(question.respondent).label)
        assert facts.startswith(_("Asked: %(respondent)s") % {"respondent": label})
        assert f"{requirement.code} \u2013 {requirement.title}" in facts
        assert (_("Required") if question.required else _("Optional")) in facts


def test_the_appendix_lists_every_requirement() -> None:
    doc = full_doc()

    paragraphs = docx_paragraphs(template_docx(doc))

    appendix = paragraphs[paragraphs.index(_("Appendix: the requirements checked")) :]
    for requirement in doc.requirements:
        assert f"{requirement.code} \u2013 {requirement.title}" in appendix
        assert requirement.text in appendix
        if requirement.source_reference:
            assert any(requirement.source_reference in p for p in appendix)


def test_an_empty_template_still_renders() -> None:
    empty = TemplateDoc(code="tom", name="Tom mall", purpose="screening")

    paragraphs = docx_paragraphs(template_docx(empty))

    assert paragraphs[0] == "Tom mall"
    assert _("Appendix: the requirements checked") not in paragraphs


def test_the_protocol_prints_every_question(tmp_path: Path) -> None:
    """Through LibreOffice to PDF, as a printer would get it: every question and
    the warning are on the pages."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        if os.environ.get("FOLJSAM_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is missing but FOLJSAM_REQUIRE_LIBREOFFICE=1")
        pytest.skip(
            "LibreOffice or pdftotext is not installed "
            "(apt-get install libreoffice-writer-nogui poppler-utils)"
        )
    doc = full_doc()
    source = tmp_path / "protokoll.docx"
    source.write_bytes(template_docx(doc))

    subprocess.run(  # noqa: S603 - fixed arguments, our own temporary file
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "protokoll.pdf"
    text = subprocess.run(  # noqa: S603
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout

    printed = squeeze(text)
    for _s, _q, _section, question in doc.questions:
        assert squeeze(question.text) in printed
    assert squeeze(str(PERSONAL_DATA_WARNING)) in printed


# XLSX ---------------------------------------------------------------------------


def test_the_question_list_has_one_row_per_question_in_order() -> None:
    doc = full_doc()

    workbook = load_workbook(io.BytesIO(template_xlsx(doc)))

    assert workbook.sheetnames == [_("Questions"), _("Requirements")]
    sheet = workbook[_("Questions")]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == (_("No."), _("Section"), _("Question"))
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["C"].width >= 40
    body = rows[1:]
    assert [(r[0], r[1], r[2], r[8]) for r in body] == [
        (f"{s}.{q}", section.title, question.text, question.requirement)
        for s, q, section, question in doc.questions
    ]
    handledning = body[4]
    assert handledning[4] == str(AnswerType.SINGLE_CHOICE.label)
    assert handledning[5] == "Varje vecka\nVarje månad\nMer sällan\nAldrig"
    assert handledning[7] == str(Respondent.STAFF.label)
    assert handledning[9] == "Extern handledning"
    assert handledning[10] == "Mer sällan, Aldrig"
    assert body[0][6] == str(YesNo.YES.label)  # required
    assert body[2][6] == str(YesNo.NO.label)  # optional
    assert body[0][10] == f"{YesNo.NO.label}, {YesNo.PARTLY.label}"


def test_the_requirement_sheet_is_complete() -> None:
    doc = full_doc()

    workbook = load_workbook(io.BytesIO(template_xlsx(doc)))

    rows = list(workbook[_("Requirements")].iter_rows(values_only=True))
    body = rows[1:]
    assert [r[0] for r in body] == [r.code for r in doc.requirements]
    categories = {c.code: c.name for c in doc.categories}
    for row, requirement in zip(body, doc.requirements, strict=True):
        assert row[1:4] == (
            requirement.title,
            requirement.text,
            requirement.guidance or None,
        )
        assert row[5] == (requirement.source_reference or None)
        assert row[6] == categories[requirement.category]
        assert row[7] == (", ".join(requirement.contract_areas) or None)


def test_a_text_that_looks_like_a_formula_stays_text() -> None:
    """A shared template comes from elsewhere: nothing in it may run."""
    doc = full_doc()
    first = doc.sections[0]
    tricky = replace(first.questions[0], text='=HYPERLINK("http://x")')
    doc = replace(doc, sections=(SectionDoc(first.uid, first.title, "", (tricky,)),))

    sheet = load_workbook(io.BytesIO(template_xlsx(doc)))[_("Questions")]

    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value.startswith("'=")
