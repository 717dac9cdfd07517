"""The application form (一表式) checked against the item version's form fields
(zwfw.catalog.forms_spec): a required answer that is missing, or an answer not valid for its
kind, refuses submission with a Chinese message on each field."""

from __future__ import annotations

from zwfw.catalog.forms_spec import form_fields_for, form_validate
from zwfw.catalog.models import ProfileSource
from zwfw.core import clock

from ..models import Case


def applicant_profile(applicant) -> dict:
    """What the applicant's real-name record offers as form defaults (ProfileSource keys)."""
    def clear(value) -> str:
        return value.reveal() if hasattr(value, "reveal") else (value or "")

    return {
        ProfileSource.NAME: applicant.name or "",
        ProfileSource.ID_NUMBER: clear(applicant.id_number),
        ProfileSource.PHONE: clear(applicant.phone),
        ProfileSource.ADDRESS: applicant.address or "",
        ProfileSource.CREDIT_CODE: applicant.credit_code or "",
        ProfileSource.LEGAL_REPRESENTATIVE: applicant.legal_representative or "",
    }


def form_check(case: Case) -> None:
    """Refuse submission of a form that misses a required answer (FormInvalid, a
    ValidationFailed with per-field messages keyed by field). Answers to keys the version's form
    does not have (an older form) are left aside; a blank field with a profile default takes the
    applicant's own record."""
    fields = form_fields_for(case.version)
    known = {spec.key for spec in fields}
    answers = {key: value for key, value in (case.form_data or {}).items() if key in known}
    form_validate(fields, answers, profile=applicant_profile(case.applicant), today=clock.today())
