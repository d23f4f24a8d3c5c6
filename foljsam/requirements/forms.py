"""Forms of the catalogue and the template editor. They validate input; the
services decide and write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import FilterForm
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import (
    CHOICE_TYPES,
    FIXED_ANSWERS,
    AnswerType,
    Purpose,
    Respondent,
    SourceKind,
)
from foljsam.requirements.models import (
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.services import choices_from_lines

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANY: list[tuple[str, StrOrPromise]] = [("", _("All"))]

MAX_TEMPLATE_FILE = 5 * 1024 * 1024


def _areas(required: bool = False) -> forms.ModelMultipleChoiceField[ContractArea]:
    return forms.ModelMultipleChoiceField(
        label=_("Contract areas"),
        queryset=ContractArea.objects.order_by("name"),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen means every contract area."),
    )


class RequirementFilterForm(FilterForm):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=RequirementCategory.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    contract_area = forms.ModelChoiceField(
        label=_("Contract area"),
        queryset=ContractArea.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    source_kind = forms.ChoiceField(
        label=_("Source"), choices=[*ANY, *SourceKind.choices], required=False
    )
    active = forms.ChoiceField(
        label=_("In use"),
        choices=[*ANY, ("yes", _("In use")), ("no", _("Not in use"))],
        required=False,
    )


class TemplateFilterForm(FilterForm):
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=[*ANY, *Purpose.choices], required=False
    )
    contract_area = forms.ModelChoiceField(
        label=_("Contract area"),
        queryset=ContractArea.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )


class RequirementForm(forms.ModelForm[Requirement]):
    contract_areas = _areas()

    class Meta:
        model = Requirement
        fields = [
            "code",
            "title",
            "category",
            "source_kind",
            "source_reference",
            "text",
            "guidance",
            "contract_areas",
            "is_active",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "guidance": forms.Textarea(attrs={"rows": 4}),
        }


class TemplateForm(forms.ModelForm[Template]):
    contract_areas = _areas()

    class Meta:
        model = Template
        fields = ["code", "name", "purpose", "description", "contract_areas"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # The code is the template's identity between cities.
            del self.fields["code"]
            self.fields["purpose"].disabled = True


class VersionNoteForm(forms.ModelForm[TemplateVersion]):
    class Meta:
        model = TemplateVersion
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown above the questions."),
    )


class QuestionForm(forms.Form):
    """A question. The answers that mean "not met" depend on the answer type and,
    for a choice question, on its choices: the form offers those of the type and
    choices submitted (or stored), and refuses any other."""

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none()
    )
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text = forms.CharField(
        label=_("Help text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the question: what a good answer contains."),
    )
    requirement = forms.ModelChoiceField(
        label=_("Requirement checked"),
        queryset=Requirement.objects.none(),
        required=False,
        help_text=_("Every question checks a requirement; publishing needs one."),
    )
    answer_type = forms.ChoiceField(label=_("Answer type"), choices=AnswerType.choices)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one choice per line."),
    )
    respondent = forms.ChoiceField(
        label=_("Who is asked"),
        choices=Respondent.choices,
        help_text=_(
            "Users are asked as a group: phrase the question so that no answer "
            "identifies a user, and never record names or personal identity numbers."
        ),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    not_met_answers = forms.MultipleChoiceField(
        label=_("Answers that mean “requirement not met”"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A follow-up proposes a deficiency for these answers. Choice questions "
            "offer their choices here once saved."
        ),
    )

    def __init__(
        self,
        *args: Any,
        version: TemplateVersion,
        previous_choices: list[dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.previous_choices = previous_choices or []
        section_field = cast(forms.ModelChoiceField[Section], self.fields["section"])
        requirement_field = cast(
            forms.ModelChoiceField[Requirement], self.fields["requirement"]
        )
        section_field.queryset = Section.objects.filter(version=version).order_by(
            "position", "id"
        )
        requirement_field.queryset = Requirement.objects.filter(
            is_active=True
        ).select_related("category")
        answer_type = self.data.get("answer_type") if self.is_bound else None
        answer_type = answer_type or self.initial.get("answer_type", AnswerType.YES_NO)
        options = self._options(
            str(answer_type),
            str(self.data.get("choices", "")) if self.is_bound else None,
        )
        not_met = cast(forms.MultipleChoiceField, self.fields["not_met_answers"])
        not_met.choices = options
        if isinstance(self.data, QueryDict):
            # Answers ticked for another answer type than the one chosen in the
            # end do not apply: drop them rather than refuse the form.
            valid = {value for value, _label in options}
            data = self.data.copy()
            data.setlist(
                "not_met_answers",
                [v for v in data.getlist("not_met_answers") if v in valid],
            )
            self.data = data

    def _options(self, answer_type: str, lines: str | None) -> list[tuple[str, Any]]:
        if answer_type in CHOICE_TYPES:
            if lines is None:
                stored = self.previous_choices
            else:
                stored = choices_from_lines(lines, self.previous_choices)
            return [(c["value"], c["label"]) for c in stored]
        fixed = FIXED_ANSWERS.get(answer_type)
        return list(fixed.choices) if fixed else []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answer_type = cleaned.get("answer_type")
        if answer_type in CHOICE_TYPES:
            parsed = choices_from_lines(
                cleaned.get("choices", ""), self.previous_choices
            )
            if len(parsed) < 2:
                self.add_error(
                    "choices",
                    _("A choice question needs at least two choices, one per line."),
                )
            cleaned["parsed_choices"] = parsed
        else:
            cleaned["parsed_choices"] = []
        return cleaned


def _version_label(version: TemplateVersion) -> str:
    return _("Version %(n)d (%(status)s)") % {
        "n": version.number,
        "status": version.get_status_display(),
    }


class CompareForm(forms.Form):
    old = forms.ModelChoiceField(
        label=_("Compare version"), queryset=TemplateVersion.objects.none()
    )
    new = forms.ModelChoiceField(
        label=_("with version"), queryset=TemplateVersion.objects.none()
    )

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            field = cast(forms.ModelChoiceField[TemplateVersion], self.fields[name])
            field.queryset = versions
            field.label_from_instance = _version_label  # type: ignore[method-assign,assignment]


class TemplateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Template file (JSON)"),
        help_text=_("A template exported from Följsam, by this city or another."),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".json"):
            raise forms.ValidationError(_("Choose a .json file exported from Följsam."))
        if (upload.size or 0) > MAX_TEMPLATE_FILE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
