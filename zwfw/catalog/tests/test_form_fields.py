"""Form fields as version children: saved through the drafting services, checked, copied into new
versions, frozen once published, exposed in the API; the application facade."""

import pytest
from django.db import DatabaseError, transaction
from rest_framework.test import APIClient

from zwfw.catalog.application import application_spec, materials_supplied_by_platform
from zwfw.catalog.forms_spec import form_fields_for
from zwfw.catalog.models import FormField, ItemVersion
from zwfw.catalog.services import item_version_create, item_version_update
from zwfw.core.errors import StateError, ValidationFailed
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FIELDS = [
    {"key": "shop_name", "label": "店铺名称", "kind": "text", "required": True, "max_length": 60},
    {"key": "kind", "label": "申请类型", "kind": "choice", "required": True, "choices": ["新办", "变更"]},
    {"key": "change_reason", "label": "变更原因", "kind": "long_text", "required": True,
     "condition_field": "kind", "condition_value": "变更"},
    {"key": "area", "label": "经营面积（平方米）", "kind": "number", "min_value": 1, "max_value": 10000},
]


def _keys(version):
    return list(FormField.objects.filter(version=version).order_by("position").values_list("key", flat=True))


def test_editor_saves_form_fields_and_the_change_is_audited(draft, editor, now):
    item_version_update(actor=editor, version=draft, form_fields=[dict(f) for f in FIELDS], now=now)
    assert _keys(draft) == ["shop_name", "kind", "change_reason", "area"]
    row = FormField.objects.get(version=draft, key="change_reason")
    assert (row.condition_field, row.condition_value, row.position) == ("kind", "变更", 2)
    event = AuditEvent.objects.filter(action="catalog.version.update").latest("seq")
    assert event.changes["form_fields"][0] == [] and len(event.changes["form_fields"][1]) == 4
    # Saving again with the same keys replaces the rows (unique per version) without a conflict.
    item_version_update(actor=editor, version=draft, form_fields=[dict(f) for f in FIELDS[:2]], now=now)
    assert _keys(draft) == ["shop_name", "kind"]


@pytest.mark.parametrize(("rows", "field", "code"), [
    ([FIELDS[0], FIELDS[0]], "form_fields[1].key", "form_field_duplicate"),
    ([{**FIELDS[1], "choices": []}], "form_fields[0].choices", "form_field_no_choices"),
    ([{**FIELDS[1], "choices": "新办"}], "form_fields[0].choices", "form_field_choices"),
    ([{**FIELDS[0], "choices": ["a"]}], "form_fields[0].choices", "form_field_choices"),
    ([FIELDS[2]], "form_fields[0].condition_field", "form_field_condition_missing"),
    ([FIELDS[1], {**FIELDS[2], "condition_value": "注销"}], "form_fields[1].condition_value",
     "form_field_condition_value"),
    ([{**FIELDS[0], "key": "Shop Name"}], "form_fields[0].key", None),
    ([{**FIELDS[0], "kind": "signature"}], "form_fields[0].kind", None),
    ([{**FIELDS[0], "colour": "red"}], "form_fields[0]", None),
])
def test_bad_form_fields_are_refused_and_nothing_changes(draft, editor, now, rows, field, code):
    item_version_update(actor=editor, version=draft, form_fields=[dict(FIELDS[0])], now=now)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as info:
        item_version_update(actor=editor, version=draft, form_fields=[dict(r) for r in rows],
                            fields={"promised_limit": 3}, now=now)
    assert field in info.value.field_errors
    if code:
        assert info.value.code == code
    assert _keys(draft) == ["shop_name"]
    assert ItemVersion.objects.get(pk=draft.pk).promised_limit == 5
    assert AuditEvent.objects.count() == events


def _publish(version, editor, reviewer, now):
    from zwfw.catalog.services import item_publish, item_review_approve, item_submit_for_review

    item_submit_for_review(actor=editor, version=version, now=now)
    item_review_approve(actor=reviewer, version=version, now=now)
    return item_publish(actor=reviewer, version=version, now=now)


def test_fields_are_copied_into_a_new_version_and_frozen_once_published(draft, editor, reviewer, now):
    item_version_update(actor=editor, version=draft, form_fields=[dict(f) for f in FIELDS],
                        fields={"pre_review_offered": True, "in_person_required": True}, now=now)
    published = _publish(draft, editor, reviewer, now)
    with pytest.raises(DatabaseError), transaction.atomic():
        FormField.objects.create(version=published, key="sneaky", label="偷加")
    with pytest.raises(DatabaseError), transaction.atomic():
        FormField.objects.filter(version=published).update(required=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        FormField.objects.filter(version=published).delete()
    with pytest.raises(StateError):
        item_version_update(actor=editor, version=published, form_fields=[], now=now)
    assert _keys(published) == ["shop_name", "kind", "change_reason", "area"]

    copy = item_version_create(actor=editor, item=published.item, now=now)
    assert _keys(copy) == _keys(published)
    assert (copy.pre_review_offered, copy.in_person_required, copy.pre_review_limit) == (True, True, 1)
    assert [(f.key, f.choices, f.condition_field) for f in form_fields_for(copy)] == \
        [(f.key, f.choices, f.condition_field) for f in form_fields_for(published)]
    item_version_update(actor=editor, version=copy, form_fields=[dict(FIELDS[0])], now=now)
    assert _keys(copy) == ["shop_name"]
    assert _keys(published) == ["shop_name", "kind", "change_reason", "area"]


def test_application_spec_for_the_case_code(draft, editor, now):
    # No fields of its own: the default applicant block for persons and enterprises.
    spec = application_spec(draft)
    assert spec.fields[0].key == "applicant_type" and spec.fields[-1].key == "application_note"
    assert (spec.pre_review_offered, spec.pre_review_limit, spec.agent_allowed) == (False, 1, True)
    item_version_update(actor=editor, version=draft, form_fields=[dict(FIELDS[0])], materials=[
        {"name": "身份证", "shared_source": "applicant_identity"},
        {"name": "场所证明", "tolerance_allowed": True, "requirement": "conditional", "condition": "租赁的"},
    ], fields={"in_person_required": True, "pre_review_offered": True, "pre_review_limit": 2}, now=now)
    spec = application_spec(ItemVersion.objects.get(pk=draft.pk))
    assert [f.key for f in spec.fields] == ["shop_name"]
    assert (spec.pre_review_offered, spec.pre_review_limit, spec.agent_allowed) == (True, 2, False)
    identity, premises = spec.materials
    assert (identity.obtainable_from_shared_data, identity.required) == (True, True)
    assert (premises.tolerance_allowed, premises.required, premises.obtainable_from_shared_data) == (True, False,
                                                                                                     False)
    assert materials_supplied_by_platform(spec, holds={"applicant_identity"}) == [identity]
    assert materials_supplied_by_platform(spec, holds=set()) == []


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_drafts_take_form_fields_and_describe_the_form(draft, editor):
    res = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", {"form_fields": FIELDS}, format="json")
    assert res.status_code == 200, res.json()
    body = res.json()
    assert [f["key"] for f in body["form_fields"]] == ["shop_name", "kind", "change_reason", "area"]
    assert body["application_form"][2]["condition"] == {"field": "kind", "value": "变更"}
    res = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}",
                            {"form_fields": [FIELDS[2]]}, format="json")
    assert res.status_code == 400
    assert res.json()["code"] == "form_field_condition_missing"
    assert "form_fields[0].condition_field" in res.json()["fields"]
    assert len(FormField.objects.filter(version=draft)) == 4


def test_api_describes_default_form_of_an_item_without_fields(published):
    body = api().get(f"/api/v1/catalog/versions/{published.pk}").json()
    assert body["form_fields"] == []
    assert body["application_form"][0]["key"] == "applicant_type"
    assert body["pre_review_offered"] is False and body["in_person_required"] is False


def test_lint_rules_for_forms_pre_review_and_identity_materials(draft, editor, now):
    from zwfw.catalog.lint import lint_version

    item_version_update(actor=editor, version=draft, form_fields=[dict(f) for f in FIELDS[:3]], materials=[
        {"name": "申请人身份证复印件"}, {"name": "法定代表人身份证明", "shared_source": "applicant_identity"},
    ], fields={"pre_review_offered": True, "online_depth": "2"}, now=now)
    # A broken form slipped in by a bulk path (the service refuses it): the lint still finds it.
    FormField.objects.filter(version=draft, key="kind").update(choices=[])
    FormField.objects.create(version=draft, key="orphan", label="孤儿字段", condition_field="gone",
                             condition_value="x", position=9)
    codes = sorted((f.code, f.field) for f in lint_version(ItemVersion.objects.get(pk=draft.pk))
                   if f.code in ("L14", "L15", "L16"))
    assert codes == [("L14", "form_fields[1].choices"), ("L14", "form_fields[2].condition_value"),
                     ("L14", "form_fields[3].condition_field"), ("L15", "pre_review_offered"),
                     ("L16", "materials[0]")]
