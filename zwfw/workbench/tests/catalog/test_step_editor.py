"""Issue 9 point 1: catalog editors define the process steps in the draft editor — kind, the role
whose queue a step lands in, its working days, a joint step and its department; bad input is
refused in Chinese and nothing is saved; a published version's steps cannot change."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from zwfw.catalog.models import ProcessStep
from zwfw.catalog.services.drafting import item_version_update
from zwfw.catalog.snapshots import version_snapshot
from zwfw.core.errors import ValidationFailed
from zwfw.organizations.models import Department
from zwfw.portal.tests.pages import assert_page

from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def edit_url(version):
    return reverse("workbench:catalog_version_edit", args=[version.pk])


@pytest.fixture
def housing(county):
    return Department.objects.create(region=county, code="zj", name="区住房和城乡建设局", credit_code="11511301008778301A")


def test_editor_sets_kind_role_and_joint_department_of_steps(client, draft, editor, housing):
    client.force_login(editor)
    page = client.get(edit_url(draft)).content.decode()
    assert "环节类型" in page and "办理角色" in page and "会签部门" in page
    data = form_fields(page)
    assert data["steps-0-kind"] == "accept" and data["steps-2-performer_role"] == "department_head"
    data.update({"steps-1-joint": "on", "steps-1-joint_department": str(housing.pk), "steps-1-kind": "verify",
                 "steps-3-name": "送达", "steps-3-kind": "deliver", "steps-3-role": "窗口人员",
                 "steps-3-performer_role": "window_clerk", "steps-3-working_days": "0"})
    response = client.post(edit_url(draft), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    snap = version_snapshot(draft)
    assert [(s["name"], s["kind"], s["performer_role"], s["joint"], s["joint_department"]) for s in snap["steps"]] == [
        ("受理", "accept", "window_clerk", False, None), ("审查", "verify", "approver", True, housing.pk),
        ("决定", "decide", "department_head", False, None), ("送达", "deliver", "window_clerk", False, None)]


def test_a_joint_step_without_its_department_is_refused_and_nothing_saved(client, draft, editor):
    client.force_login(editor)
    before = version_snapshot(draft)
    data = form_fields(client.get(edit_url(draft)).content.decode())
    data.update({"steps-1-joint": "on", "conditions": "改过的条件"})
    assert_page(client.post(edit_url(draft), data), "会签环节须选择会签部门")
    assert version_snapshot(draft) == before


def test_the_service_refuses_a_role_that_handles_no_steps_and_takes_department_ids(draft, editor, housing):
    rows = [{"name": "审查", "kind": "review", "role": "监察", "performer_role": "supervisor", "working_days": 2}]
    with pytest.raises(ValidationFailed) as info:
        item_version_update(actor=editor, version=draft, steps=rows)
    assert "办理角色应为窗口人员、审批人员或部门负责人" in str(info.value.field_errors)
    rows = [{"name": "会签", "kind": "review", "role": "审批人员", "performer_role": "approver", "joint": True,
             "joint_department": 999999}]
    with pytest.raises(ValidationFailed):
        item_version_update(actor=editor, version=draft, steps=rows)
    rows[0]["joint_department"] = housing.pk
    item_version_update(actor=editor, version=draft, steps=rows)
    assert ProcessStep.objects.get(version=draft).joint_department == housing


def test_published_steps_stay_as_published(published, housing):
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessStep.objects.filter(version=published).update(performer_role="approver", joint_department=housing)
    assert list(ProcessStep.objects.filter(version=published).values_list("performer_role", flat=True)) == [
        "window_clerk", "approver", "department_head"]
