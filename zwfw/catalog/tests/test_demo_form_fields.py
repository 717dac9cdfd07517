"""Demo one-table forms: every demo form is well formed, and the load gives a published item its
form, flags and material marks in a new version, once."""

import pytest

from zwfw.catalog.demo.form_fields import DEMO_FORMS, demo_form_fields_attach
from zwfw.catalog.forms_spec import FieldSpec, form_structure_errors
from zwfw.catalog.models import FormField, ServiceItem


@pytest.mark.parametrize(("keyword", "flags", "fields", "materials"), DEMO_FORMS, ids=[d[0] for d in DEMO_FORMS])
def test_demo_forms_are_well_formed(keyword, flags, fields, materials):
    specs = [FieldSpec(**{**spec, "choices": tuple(spec.get("choices", ()))}) for spec in fields]
    assert form_structure_errors(specs) == {}
    assert len(DEMO_FORMS) >= 6


@pytest.mark.django_db
def test_demo_load_configures_a_published_item_once(editor, reviewer, approval_dept, now):
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )

    draft = item_draft_create(actor=editor, department=approval_dept, base_code="000105001000", name="临时救助",
                              item_type="05", fields={"legal_basis": "《社会救助暂行办法》", "audience": ["1"]},
                              materials=[{"name": "申请人身份证"}, {"name": "申请书"}],
                              now=now)
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    item_publish(actor=reviewer, version=draft, now=now)

    assert demo_form_fields_attach(actor=editor, now=now) == {"items_with_forms": 1, "skipped_existing": 0}
    version = ServiceItem.objects.get(pk=draft.item_id).current_version
    assert (version.number, version.status, version.pre_review_offered) == (2, "published", True)
    assert FormField.objects.filter(version=version).get(key="medical_cost").condition_value == "因病"
    marks = [(m.name, m.shared_source, m.tolerance_allowed) for m in version.materials.order_by("position")]
    assert marks == [("申请人身份证", "applicant_identity", False), ("申请书", "", False),
                     ("家庭经济状况证明", "", True), ("医疗费用票据及诊断证明", "", True)]
    assert not FormField.objects.filter(version=draft).exists()
    assert draft.materials.count() == 2
    assert demo_form_fields_attach(actor=editor, now=now) == {"items_with_forms": 0, "skipped_existing": 1}
