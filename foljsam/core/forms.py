"""Form pieces shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
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
