"""Shared by the decision tests: a case accepted at the hall, and the deciding department's staff."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.accounts.models import Role
from zwfw.cases.models import Case, Channel
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.catalog.tests.conftest import make_user
from zwfw.files.tests import samples


def accepted_case(citizen, item, clerk, *, now=None) -> Case:
    from .conftest import FORM, NOW  # conftest imports this module's fixtures

    now = now or NOW
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, form_data=FORM, now=now)
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=citizen, material=material, content=SimpleUploadedFile("a.pdf", samples.PDF),
                                   name="a.pdf", now=now)
    case_submit(actor=citizen, case=case, now=now)
    case_accept(actor=clerk, case=case, now=now)
    case.refresh_from_db()
    return case


@pytest.fixture
def head(approval_dept):
    return make_user("head_xzsp", Role.DEPARTMENT_HEAD, department=approval_dept)


@pytest.fixture
def approver(approval_dept):
    return make_user("approver_xzsp", Role.APPROVER, department=approval_dept)


@pytest.fixture
def other_approver(other_dept):
    return make_user("approver_mz", Role.APPROVER, department=other_dept)


@pytest.fixture
def accepted(citizen, item, clerk):
    return accepted_case(citizen, item, clerk)
