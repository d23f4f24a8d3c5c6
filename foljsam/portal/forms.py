"""The forms of the provider portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from foljsam.core import files
from foljsam.core.forms import MultipleFileField
from foljsam.core.privacy import NO_PERSONAL_DATA

NOTE_LIMIT = 5000


class ComplementForm(forms.Form):
    """The provider's complement to one deficiency: what it did, and the
    documents that show it (a new or revised routine, an action plan)."""

    note = forms.CharField(
        label=_("What you have done"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )
    attachments = MultipleFileField(label=_("Documents"))

    def clean_attachments(self) -> list[Any]:
        """Every file is checked here, so that a bad one is named on the field;
        the service checks them again before it stores anything."""
        uploads = self.cleaned_data.get("attachments") or []
        problems: list[str] = []
        for upload in uploads:
            try:
                files.check_upload(upload)
            except ValidationError as exc:
                problems.extend(exc.messages)
        if problems:
            raise ValidationError(problems)
        return list(uploads)


class AnswerLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the unit's manager"),
        max_length=254,
        error_messages={
            "required": _("Write the e-mail address to send to."),
            "invalid": _("Write a valid e-mail address, e.g. namn@utforare.se."),
        },
    )
