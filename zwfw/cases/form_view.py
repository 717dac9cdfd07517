"""The one-table application form (一表式) of a case as a Django form: the seam between the
item version's form fields (zwfw.catalog.forms_spec, built by zwfw.catalog.forms_html) and the
pages that show and save it.

Two rules of the applicant's pages live here:
- A draft saves whatever is answered so far (each answer checked for its kind), so the draft
  form has no required field; submission checks the whole form (zwfw.cases.services.forms).
- The applicant's own ID number and phone are never sent to the browser in clear: a field that
  defaults to one of them stays blank with the mask as placeholder, and a blank answer takes the
  profile's value when the form is checked (forms_spec.form_validate).
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from zwfw.catalog.forms_html import OneTableForm, form_class_for
from zwfw.catalog.forms_spec import FieldSpec, form_fields_for
from zwfw.catalog.models import ProfileSource
from zwfw.core import clock

from .models import Case
from .services.forms import applicant_profile

SENSITIVE = {ProfileSource.ID_NUMBER: "id_number", ProfileSource.PHONE: "phone"}
PREFIX = "f"


def _draft_fields(fields: list[FieldSpec]) -> list[FieldSpec]:
    return [dataclasses.replace(spec, required=False) for spec in fields]


def application_form_class(case: Case, *, draft: bool = False) -> type[OneTableForm]:
    """The form class of `case`'s item version (the draft variant requires nothing)."""
    fields = form_fields_for(case.version)
    return form_class_for(_draft_fields(fields) if draft else fields, today=clock.today())


def _masked(case: Case, source: str) -> str:
    value = getattr(case.applicant, SENSITIVE[source], None)
    return str(value) if value else ""


def application_form(case: Case, *, data=None, draft: bool = False) -> OneTableForm:
    """The bound (or initial) form of a draft: the saved answers, else the applicant's profile
    defaults — without the sensitive ones, which show as their mask."""
    cls = application_form_class(case, draft=draft)
    profile = applicant_profile(case.applicant)
    saved = dict(case.form_data or {})
    initial = {}
    for spec in cls.specs:
        if spec.profile_default in SENSITIVE:
            if saved.get(spec.key) not in (None, "", profile.get(spec.profile_default)):
                initial[spec.key] = saved[spec.key]  # a different number the applicant typed
            continue
        if spec.key in saved:
            initial[spec.key] = saved[spec.key]
        elif profile.get(spec.profile_default):
            initial[spec.key] = profile[spec.profile_default]
    form = cls(data=data, initial=initial, profile=profile, prefix=PREFIX)
    for spec in cls.specs:
        masked = _masked(case, spec.profile_default) if spec.profile_default in SENSITIVE else ""
        if masked:
            field = form.fields[spec.key]
            field.widget.attrs["placeholder"] = masked
            field.help_text = " ".join(x for x in (field.help_text, _("已按实名信息填写 %(masked)s，无需修改请留空")
                                                   % {"masked": masked}) if x)
    return form


def form_answers(form: OneTableForm) -> dict:
    """The answers of a valid form as the case's form_data (field key → cleaned value), without
    the sensitive profile values (filled again from the profile whenever the form is checked)."""
    profile = form.profile or {}
    answers = {}
    for spec in form.specs:
        if spec.key not in form.cleaned_data:
            continue
        value = form.cleaned_data[spec.key]
        if spec.profile_default in SENSITIVE and value == profile.get(spec.profile_default):
            continue
        answers[spec.key] = value
    return answers
