"""Fixtures for the step tests: an item whose process has an on-site verification, a joint review
with the housing bureau (会签) and a decision; its department's approvers and head; the joint
department's approver; an approver of an unrelated department."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.accounts.models import Role
from zwfw.cases.models import Case, Channel
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.catalog.tests.conftest import GUIDE, MATERIALS, make_user
from zwfw.catalog.tests.conftest import NOW as PUBLISHED_AT
from zwfw.files.tests import samples
from zwfw.organizations.models import Department

from .conftest import FORM, NOW


def process(joint_department) -> list[dict]:
    return [
        {"name": "受理", "kind": "accept", "role": "窗口人员", "performer_role": "window_clerk", "working_days": 0},
        {"name": "现场核查", "kind": "verify", "role": "审批人员", "performer_role": "approver", "working_days": 1},
        {"name": "会签审查", "kind": "review", "role": "审批人员", "performer_role": "approver", "working_days": 2,
         "joint": True, "joint_department": joint_department.pk},
        {"name": "决定", "kind": "decide", "role": "部门负责人", "performer_role": "department_head", "working_days": 1},
        {"name": "送达", "kind": "deliver", "role": "窗口人员", "performer_role": "window_clerk", "working_days": 0},
    ]


def publish(editor, reviewer, department, *, base_code: str, name: str, steps: list[dict], effective_on=None,
            **fields):
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )

    version = item_draft_create(actor=editor, department=department, base_code=base_code, name=name, item_type="01",
                                fields={**GUIDE, **fields}, materials=[dict(m) for m in MATERIALS],
                                steps=steps, now=PUBLISHED_AT)
    item_submit_for_review(actor=editor, version=version, now=PUBLISHED_AT)
    item_review_approve(actor=reviewer, version=version, now=PUBLISHED_AT)
    return item_publish(actor=reviewer, version=version, now=PUBLISHED_AT, effective_on=effective_on)


@pytest.fixture
def joint_dept(county):
    return Department.objects.create(region=county, code="zj", name="区住房和城乡建设局", credit_code="11511301008778301A")


@pytest.fixture
def foreign_dept(county):
    return Department.objects.create(region=county, code="sw", name="区水务局", credit_code="11511301008778302B")


@pytest.fixture
def approver(approval_dept):
    return make_user("approver_a", Role.APPROVER, department=approval_dept)


@pytest.fixture
def approver2(approval_dept):
    return make_user("approver_b", Role.APPROVER, department=approval_dept)


@pytest.fixture
def head(approval_dept):
    return make_user("head_a", Role.DEPARTMENT_HEAD, department=approval_dept)


@pytest.fixture
def joint_approver(joint_dept):
    return make_user("approver_zj", Role.APPROVER, department=joint_dept)


@pytest.fixture
def foreign_approver(foreign_dept):
    return make_user("approver_sw", Role.APPROVER, department=foreign_dept)


@pytest.fixture
def steps_item(editor, reviewer, approval_dept, joint_dept):
    return publish(editor, reviewer, approval_dept, base_code="000104005000", name="建设工程规划许可",
                   steps=process(joint_dept)).item


def received(citizen, item, *, at: dt.datetime = NOW) -> Case:
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, now=at, form_data=FORM)
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=citizen, material=material,
                                   content=SimpleUploadedFile("a.pdf", samples.PDF), name="a.pdf", now=at)
    return case_submit(actor=citizen, case=case, now=at)


def accepted(citizen, item, clerk, *, at: dt.datetime = NOW) -> Case:
    case = received(citizen, item, at=at)
    case_accept(actor=clerk, case=case, now=at)
    return Case.objects.get(pk=case.pk)
