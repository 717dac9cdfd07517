"""Applying online through the services: which items offer it, the one-table form checked on
submission (form_check), finishing a draft in one act, discarding a draft."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.cases.models import Case, CaseStatus, Channel
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.cases.services.online import case_draft_delete, case_draft_finish
from zwfw.core.errors import NotFound, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.files.tests import samples

from .conftest import FORM, NOW, publish_item

pytestmark = pytest.mark.django_db


def _draft(citizen, item, form_data=None):
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, form_data=form_data, now=NOW)
    material = case.materials.get(name="申请书")
    case_material_file_add(actor=citizen, material=material, content=SimpleUploadedFile("a.pdf", samples.PDF),
                           name="a.pdf", now=NOW)
    return case


def test_an_item_that_is_not_online_or_not_on_application_opens_no_online_draft(citizen, editor, reviewer,
                                                                              approval_dept, clerk, hall):
    counter_only = publish_item(editor, reviewer, approval_dept, base_code="000104005000", name="窗口办理事项",
                                online_depth="2")
    with pytest.raises(ValidationFailed) as err:
        case_draft_create(actor=citizen, item=counter_only, channel=Channel.PC, now=NOW)
    assert err.value.code == "item_not_online" and "暂不支持网上申请" in err.value.message
    by_authority = publish_item(editor, reviewer, approval_dept, base_code="000104006000", name="依职权事项",
                                initiated_by="authority")
    with pytest.raises(ValidationFailed) as err:
        case_draft_create(actor=citizen, item=by_authority, channel=Channel.MOBILE, now=NOW)
    assert err.value.code == "item_not_on_application"
    assert not Case.objects.exists()
    # At the window the clerk still takes an application for an item not offered online.
    case_draft_create(actor=clerk, item=counter_only, applicant=citizen.applicant, channel=Channel.WINDOW,
                      window=clerk.window, now=NOW)


def test_submission_refuses_a_missing_required_answer_per_field(citizen, item, hall):
    case = _draft(citizen, item, form_data={"applicant_type": "个人"})
    with pytest.raises(ValidationFailed) as err:
        case_submit(actor=citizen, case=case, now=NOW)
    assert err.value.field_errors == {"application_note": ["请填写“申请事项说明”"]}
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and case.number is None
    # Nothing answered: each required field says what it needs; the person block (name, ID
    # number, phone) is not asked, it comes from the real-name record.
    case_draft_finish(actor=citizen, case=case, form_data=FORM, revision=case.revision, now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.form_data == FORM


def test_an_answer_not_valid_for_its_kind_refuses_submission(citizen, item, hall):
    case = _draft(citizen, item, form_data={**FORM, "applicant_id_number": "110105194912310021"})
    with pytest.raises(ValidationFailed) as err:
        case_submit(actor=citizen, case=case, now=NOW)
    assert list(err.value.field_errors) == ["applicant_id_number"]


def test_finishing_a_draft_that_is_refused_leaves_it_as_it_was(citizen, item, hall):
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, now=NOW)
    with pytest.raises(ValidationFailed) as err:
        case_draft_finish(actor=citizen, case=case, form_data=FORM, contact_phone="13911112222",
                          revision=case.revision, now=NOW)
    assert err.value.code == "materials_missing"
    case.refresh_from_db()
    assert case.form_data == {} and case.revision == 1 and case.contact_phone.reveal() == "13800001234"
    assert not AuditEvent.objects.filter(action="cases.case.draft_save").exists()


def test_a_draft_is_deleted_by_its_applicant_only_and_a_submitted_case_never(citizen, other_citizen, item, hall):
    case = _draft(citizen, item, form_data=FORM)
    with pytest.raises(NotFound):
        case_draft_delete(actor=other_citizen, case=case, now=NOW)
    case_draft_delete(actor=citizen, case=case, revision=case.revision, now=NOW)
    assert not Case.objects.exists()
    assert AuditEvent.objects.filter(action="cases.case.draft_delete").exists()
    submitted = _draft(citizen, item, form_data=FORM)
    case_submit(actor=citizen, case=submitted, now=NOW)
    with pytest.raises(StateError):
        case_draft_delete(actor=citizen, case=submitted, now=NOW)
    assert Case.objects.filter(pk=submitted.pk, status=CaseStatus.RECEIVED).exists()
