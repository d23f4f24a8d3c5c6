"""The protocol's questions as form fields, drawn in Python.

A protocol has up to ~140 questions of some 30 template variables each; drawn by
the template language that alone took most of the page's budget (bench/README.md,
"Issue 6"). This tag writes the same markup with ``escape`` and f-strings. It
draws one question of an editable protocol; the read-only view stays in the
template.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def protocol_labels(context: Any) -> dict[str, str]:
    """The words every question repeats, translated once per page."""
    return {
        "none": escape(_("Not answered")),
        "number": escape(_("Answer (a number)")),
        "date": escape(_("Answer (a date)")),
        "text": escape(_("Answer")),
        "comment": escape(_("Comment")),
        "attach": escape(_("Attach evidence")),
        "provider": escape(_("from the provider")),
        "remove": _("Remove %(name)s"),
        "accept": escape(context.get("accept", "")),
    }


def _choices(row: Any, key: str, kind: str, labels: dict[str, str]) -> str:
    chosen = set(row.values)
    items = []
    for index, (value, label) in enumerate(row.options, start=1):
        checked = " checked" if value in chosen else ""
        items.append(
            f'<li><input type="{kind}" name="{key}" id="{key}-{index}" '
            f'value="{escape(value)}"{checked}> '
            f'<label for="{key}-{index}">{escape(label)}</label></li>'
        )
    if kind == "radio":
        checked = "" if chosen else " checked"
        items.append(
            f'<li><input type="radio" name="{key}" id="{key}-none" value=""{checked}>'
            f' <label for="{key}-none">{labels["none"]}</label></li>'
        )
        return f'<ul class="choices choices--inline">{"".join(items)}</ul>'
    return f'<ul class="choices">{"".join(items)}</ul>'


def _value(row: Any, key: str, labels: dict[str, str]) -> str:
    kind = row.input_kind
    value = escape(row.value)
    if kind == "radios":
        return _choices(row, key, "radio", labels)
    if kind == "checkboxes":
        return _choices(row, key, "checkbox", labels)
    if kind == "number":
        return (
            f'<p><label for="{key}-value">{labels["number"]}</label>\n'
            f'<input type="text" inputmode="decimal" name="{key}" '
            f'id="{key}-value" value="{value}"></p>'
        )
    if kind == "date":
        return (
            f'<p><label for="{key}-value">{labels["date"]}</label>\n'
            f'<input type="date" name="{key}" id="{key}-value" value="{value}"></p>'
        )
    return (
        f'<p><label for="{key}-value">{labels["text"]}</label>\n'
        f'<textarea name="{key}" id="{key}-value" rows="2">{value}</textarea></p>'
    )


def _evidence(row: Any, followup_pk: int, labels: dict[str, str]) -> str:
    items = []
    for item in row.row.evidence:
        name = escape(item.file.original_name)
        url = reverse("followups:evidence", args=[followup_pk, item.pk])
        origin = f", {labels['provider']}" if item.by_provider else ""
        remove = escape(labels["remove"] % {"name": item.file.original_name})
        items.append(
            f'<li><a href="{url}">{name}</a> <span class="muted">'
            f"({escape(_size(item.file.size))}{origin})</span> "
            f'<button type="submit" form="remove-evidence-{item.pk}" '
            f'class="button button--quiet">{remove}</button></li>'
        )
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def _size(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(size))


@register.simple_tag
def protocol_question(row: Any, followup_pk: int, labels: dict[str, str]) -> SafeString:
    """One question of an editable protocol: its answer, comment and files."""
    question = row.question
    key = f"q-{question.pk}"
    requirement = (
        f' <span class="muted">({escape(question.requirement.code)})</span>'
        if question.requirement_id
        else ""
    )
    help_text = (
        f'<p class="help">{escape(question.help_text)}</p>'
        if question.help_text
        else ""
    )
    errors = (
        f'<p class="field-error" id="{key}-error">{escape(" ".join(row.errors))}</p>'
        if row.errors
        else ""
    )
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<input type="hidden" name="{key}-present" value="1">\n'
        "<fieldset>\n"
        f'<legend><span class="question__number">{escape(row.row.number)}</span> '
        f"{escape(question.text)}{requirement}</legend>\n"
        f"{help_text}{errors}{_value(row, key, labels)}\n"
        f'<p><label for="{key}-comment">{labels["comment"]}</label>\n'
        f'<textarea name="{key}-comment" id="{key}-comment" rows="2" '
        f'aria-describedby="privacy-note">{escape(row.comment)}</textarea></p>\n'
        f"{_evidence(row, followup_pk, labels)}"
        f'<p><label for="{key}-files">{labels["attach"]}</label>\n'
        f'<input type="file" name="{key}-files" id="{key}-files" multiple '
        f'accept="{labels["accept"]}" aria-describedby="file-limits"></p>\n'
        "</fieldset>"
    )
