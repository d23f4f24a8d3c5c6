"""The template editor: a draft's sections and questions (issue 4).

Plain forms and buttons, no script: every action is a link or a button a
keyboard reaches, and moving is "up" and "down" buttons rather than dragging.
After each action the editor returns to the item it acted on (``#anchor``), so
that a screen reader or keyboard user keeps their place.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core.forms import add_errors
from foljsam.requirements import selectors
from foljsam.requirements.choices import DEFAULT_NOT_MET, AnswerType, Respondent
from foljsam.requirements.forms import QuestionForm, SectionForm
from foljsam.requirements.models import Question, Section, TemplateVersion
from foljsam.requirements.services import (
    question_delete,
    question_move,
    question_save,
    section_delete,
    section_move,
    section_save,
)

BUILD = Capability.MANAGE_TEMPLATES


def _back(version_id: int, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("requirements:version_detail", args=[version_id])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def refuse_frozen(
    request: HttpRequest, version: TemplateVersion
) -> HttpResponse | None:
    """Back to the version with a message if it is no longer a draft; None if
    it may be edited."""
    if version.is_draft:
        return None
    messages.error(
        request,
        _(
            "Version %(n)d is published and can no longer change. Make a new "
            "version by copying it."
        )
        % {"n": version.number},
    )
    return _back(version.pk)


def _offset(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


# Sections -----------------------------------------------------------------------


def _section_form(
    request: HttpRequest, version: TemplateVersion, section: Section | None
) -> HttpResponse:
    initial = {"title": section.title, "intro": section.intro} if section else None
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = section_save(
                actor=request.user,  # type: ignore[arg-type]
                version=version,
                section=section,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return _back(version.pk, f"s-{saved.uid}")
    title = _("Change section") if section else _("New section")
    return render(
        request,
        "requirements/editor_form.html",
        {"form": form, "title": title, "version": version, "submit": _("Save")},
    )


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_detail(user=request.user, pk=pk)
    return refuse_frozen(request, version) or _section_form(request, version, None)


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = selectors.section_detail(user=request.user, pk=pk)
    version = section.version
    return refuse_frozen(request, version) or _section_form(request, version, section)


@requires(BUILD)
@require_POST
def section_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    section = selectors.section_detail(user=request.user, pk=pk)
    try:
        section_move(actor=request.user, section=section, offset=_offset(request))  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(section.version_id, f"s-{section.uid}")


@requires(BUILD)
@require_POST
def section_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    section = selectors.section_detail(user=request.user, pk=pk)
    try:
        section_delete(actor=request.user, section=section)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The section “%(title)s” is deleted.") % {"title": section.title}
        )
    return _back(section.version_id)


# Questions ----------------------------------------------------------------------


def _question_form(
    request: HttpRequest,
    version: TemplateVersion,
    question: Question | None,
    section: Section | None,
) -> HttpResponse:
    if question is not None:
        initial = {
            "section": question.section_id,
            "text": question.text,
            "help_text": question.help_text,
            "requirement": question.requirement_id,
            "answer_type": question.answer_type,
            "choices": "\n".join(c["label"] for c in question.choices),
            "respondent": question.respondent,
            "required": question.required,
            "not_met_answers": question.not_met_answers,
        }
    else:
        initial = {
            "section": section.pk if section else None,
            "required": True,
            "answer_type": AnswerType.YES_NO,
            "respondent": Respondent.MANAGER,
            "not_met_answers": list(DEFAULT_NOT_MET[AnswerType.YES_NO]),
        }
    form = QuestionForm(
        request.POST or None,
        initial=initial,
        version=version,
        previous_choices=question.choices if question else [],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = question_save(
                actor=request.user,  # type: ignore[arg-type]
                section=data["section"],
                question=question,
                text=data["text"],
                help_text=data["help_text"],
                answer_type=data["answer_type"],
                required=data["required"],
                respondent=data["respondent"],
                requirement=data["requirement"],
                choices=data["parsed_choices"],
                # A new question left without "not met" answers gets its type's
                # defaults; a changed one keeps what its author chose.
                not_met_answers=(
                    data["not_met_answers"]
                    if question or data["not_met_answers"]
                    else None
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return _back(version.pk, f"q-{saved.uid}")
    title = _("Change question") if question else _("New question")
    return render(
        request,
        "requirements/editor_form.html",
        {
            "form": form,
            "title": title,
            "version": version,
            "submit": _("Save"),
            "question_form": True,
        },
    )


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_detail(user=request.user, pk=pk)
    section = None
    if request.GET.get("section", "").isdigit():
        section = Section.objects.filter(
            version=version, pk=int(request.GET["section"])
        ).first()
    return refuse_frozen(request, version) or _question_form(
        request, version, None, section
    )


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_detail(user=request.user, pk=pk)
    version = question.version
    return refuse_frozen(request, version) or _question_form(
        request, version, question, question.section
    )


@requires(BUILD)
@require_POST
def question_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_detail(user=request.user, pk=pk)
    try:
        question_move(actor=request.user, question=question, offset=_offset(request))  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(question.version_id, f"q-{question.uid}")


@requires(BUILD)
@require_POST
def question_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_detail(user=request.user, pk=pk)
    try:
        question_delete(actor=request.user, question=question)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is deleted."))
    return _back(question.version_id, f"s-{question.section.uid}")
