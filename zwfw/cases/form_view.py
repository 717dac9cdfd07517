"""The one-table application form (一表式) of a case as a Django form: the seam between the
item's form-field definitions (catalog) and the pages that show and save the form.

Until the catalog defines form fields per item version, every item asks one free-text field,
申请说明. The pages only use `application_form(case, data=…)` and `form_answers(form)`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Case

NOTE_FIELD = "申请说明"
NOTE_MAX_LENGTH = 2000


class ApplicationForm(forms.Form):
    """The fields the item asks; `sections()` groups them for the page."""

    def sections(self) -> list[tuple[str, list]]:
        return [("", [self[name] for name in self.fields])]


class FreeTextApplicationForm(ApplicationForm):
    note = forms.CharField(label=_("申请说明"), required=False, max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("简要说明申请事由和需要说明的情况"))

    def answers(self) -> dict:
        return {NOTE_FIELD: self.cleaned_data.get("note", "")}

    @staticmethod
    def initial_from(saved: dict) -> dict:
        return {"note": (saved or {}).get(NOTE_FIELD, "")}


def application_form_class(case: Case) -> type[ApplicationForm]:
    """The form class for `case`'s item version."""
    return FreeTextApplicationForm


def application_form(case: Case, *, data=None, prefix: str = "f") -> ApplicationForm:
    cls = application_form_class(case)
    return cls(data=data, initial=cls.initial_from(case.form_data or {}), prefix=prefix)


def form_answers(form: ApplicationForm) -> dict:
    """The answers of a valid form as the case's form_data (field label → value)."""
    return form.answers()
