"""Form pieces shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


class FilterForm(forms.Form):
    """A GET form whose cleaned data become a selector's filters; invalid input is
    reported on the field and otherwise ignored, so a bad link never breaks a list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["q"].widget.input_type = "search"

    def value(self, name: str) -> Any:
        """The cleaned value, or None if it is missing or invalid."""
        if not self.is_bound:
            return None
        self.is_valid()  # invalid fields are left out of cleaned_data
        return self.cleaned_data.get(name)

    def pk(self, name: str) -> int | None:
        obj = self.value(name)
        return obj.pk if obj is not None else None

    def text(self, name: str) -> str:
        return self.value(name) or ""


def errors_by_field(error: ValidationError) -> dict[str, list[str]]:
    """A service's refusal as messages by field (``__all__`` for the whole),
    for pages that show errors without a Django form."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal, on the fields it names (or the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by ``core.files`` when stored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from foljsam.core import files

        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"multiple": True, "accept": files.ACCEPT}),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(files.limits_text, str)())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
