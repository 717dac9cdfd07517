"""The form an item gets when its version defines no field of its own.

Every published item must be applicable for (issue 8), so an item without a one-table form of
its own asks for the applicant block that fits its audience (服务对象, C 0102—2018) and a
申请事项说明: a person's name, ID number, phone and address; an organisation's name, credit code,
legal representative, phone and address; where both may apply, a choice between the two with
each block shown only for its answer. Defaults come from the applicant's profile.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .forms_spec import FieldSpec
from .models.codes import Audience, FormFieldKind, ProfileSource

K, P = FormFieldKind, ProfileSource
APPLICANT_TYPE = "applicant_type"


def _person_block(condition: str = "") -> list[FieldSpec]:
    section = _("申请人信息")
    when = {"condition_field": APPLICANT_TYPE, "condition_value": condition} if condition else {}
    return [
        FieldSpec("applicant_name", _("申请人姓名"), K.TEXT, True, max_length=50, profile_default=P.NAME,
                  section=section, **when),
        FieldSpec("applicant_id_number", _("公民身份号码"), K.ID_NUMBER, True, profile_default=P.ID_NUMBER,
                  section=section, **when),
        FieldSpec("applicant_phone", _("联系电话"), K.PHONE, True, profile_default=P.PHONE, section=section, **when),
        FieldSpec("applicant_address", _("联系地址"), K.TEXT, False, max_length=200, profile_default=P.ADDRESS,
                  section=section, **when),
    ]


def _organisation_block(condition: str = "") -> list[FieldSpec]:
    section = _("申请单位信息")
    when = {"condition_field": APPLICANT_TYPE, "condition_value": condition} if condition else {}
    return [
        FieldSpec("org_name", _("单位名称"), K.TEXT, True, max_length=100, profile_default=P.NAME,
                  section=section, **when),
        FieldSpec("org_credit_code", _("统一社会信用代码"), K.CREDIT_CODE, True, profile_default=P.CREDIT_CODE,
                  section=section, **when),
        FieldSpec("legal_representative", _("法定代表人（负责人）"), K.TEXT, True, max_length=50,
                  profile_default=P.LEGAL_REPRESENTATIVE, section=section, **when),
        FieldSpec("org_phone", _("联系电话"), K.PHONE, True, profile_default=P.PHONE, section=section, **when),
        FieldSpec("org_address", _("住所（经营场所）"), K.TEXT, False, max_length=200, profile_default=P.ADDRESS,
                  section=section, **when),
    ]


def default_form_fields(version) -> list[FieldSpec]:
    """The default form of a version, by its audience: person, organisation, or both."""
    audience = set(version.audience or [])
    person = Audience.PERSON in audience
    organisation = bool(audience - {Audience.PERSON})
    if person and not organisation:
        fields = _person_block()
    elif organisation and not person:
        fields = _organisation_block()
    else:
        person_label, organisation_label = _("个人"), _("单位")
        fields = [FieldSpec(APPLICANT_TYPE, _("申请人类型"), K.CHOICE, True,
                            choices=(person_label, organisation_label), section=_("申请人信息")),
                  *_person_block(person_label), *_organisation_block(organisation_label)]
    fields.append(FieldSpec("application_note", _("申请事项说明"), K.LONG_TEXT, True, max_length=500,
                            help_text=_("简要说明申请办理的事项和理由"), section=_("申请事项")))
    return [FieldSpec(**{**spec.__dict__, "position": i}) for i, spec in enumerate(fields)]
