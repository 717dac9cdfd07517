"""Applicants: validation, encryption at rest, duplicates, audited reveal."""

import pytest
from django.db import connection

from zwfw.accounts.models import Applicant, User
from zwfw.accounts.selectors import applicant_find_by_id_number
from zwfw.accounts.services import (
    applicant_register_enterprise,
    applicant_register_person,
    applicant_reveal_id_number,
    citizen_account_create,
)
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent

from .conftest import INVALID_ID, NOW, PASSWORD, VALID_ID


def _counts():
    return Applicant.objects.count(), User.objects.count(), AuditEvent.objects.count()


def test_register_person_encrypts_and_masks(people, regions):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID.lower(),
                                          phone="13800001234", now=NOW)
    applicant.refresh_from_db()
    assert applicant.id_number.reveal() == VALID_ID
    assert str(applicant.id_number) == "110105********002X"
    assert str(applicant.phone) == "138****1234"
    assert applicant.region == regions["county_a"]  # defaults to the clerk's jurisdiction
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM accounts_applicant WHERE id = %s", [applicant.pk])
        raw = " ".join(cursor.fetchone())
    assert VALID_ID not in raw and "13800001234" not in raw
    assert raw.startswith("sm4gcm1:")
    event = AuditEvent.objects.get(action="applicant.register")
    assert event.changes["id_number"] == "110105********002X"
    assert VALID_ID not in str(event.changes)


def test_invalid_id_number_gets_chinese_error_and_changes_nothing(people):
    before = _counts()
    with pytest.raises(ValidationFailed) as info:
        applicant_register_person(actor=people["clerk_a"], name="李四", id_number=INVALID_ID, now=NOW)
    assert info.value.code == "validation_failed"
    assert info.value.message == "身份证号码校验码（第18位）不正确，请核对后重新输入。"
    assert info.value.field_errors == {"id_number": ["身份证号码校验码（第18位）不正确，请核对后重新输入。"]}
    assert _counts() == before


def test_duplicate_id_number_is_a_conflict(people):
    applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    before = _counts()
    with pytest.raises(Conflict) as info:
        applicant_register_person(actor=people["agent_a"], name="张三", id_number=VALID_ID.replace("X", "x"), now=NOW)
    assert info.value.message == "该身份证号码已登记为申请人，请直接查询使用。"
    assert _counts() == before


@pytest.mark.parametrize("actor", ["sysadmin", "auditor", "approver_a", "supervisor_a"])
def test_only_front_desk_roles_register(people, actor):
    before = _counts()
    with pytest.raises(PermissionDenied):
        applicant_register_person(actor=people[actor], name="张三", id_number=VALID_ID, now=NOW)
    assert _counts() == before


def test_register_enterprise_validates_credit_code(people):
    before = _counts()
    with pytest.raises(ValidationFailed) as info:
        applicant_register_enterprise(actor=people["clerk_a"], name="某公司", credit_code="91110000600037341N", now=NOW)
    assert info.value.field_errors["credit_code"] == ["统一社会信用代码校验码（第18位）不正确，请核对后重新输入。"]
    assert _counts() == before
    firm = applicant_register_enterprise(actor=people["clerk_a"], name="某公司", credit_code="91110000600037341l",
                                         legal_representative="王五", now=NOW)
    assert firm.credit_code == "91110000600037341L"
    with pytest.raises(Conflict):
        applicant_register_enterprise(actor=people["clerk_b"], name="某公司", credit_code="91110000600037341L", now=NOW)


def test_reveal_for_permitted_role_is_audited(people):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    assert applicant_reveal_id_number(viewer=people["approver_a"], applicant=applicant, now=NOW) == VALID_ID
    event = AuditEvent.objects.get(action="applicant.reveal")
    assert event.actor_id == people["approver_a"].pk
    assert event.object_id == str(applicant.pk)
    assert VALID_ID not in str(event.changes)


@pytest.mark.parametrize("viewer", ["sysadmin", "auditor", "editor_a", "supervisor_a"])
def test_reveal_refused_for_other_roles_without_audit(people, viewer):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    with pytest.raises(PermissionDenied):
        applicant_reveal_id_number(viewer=people[viewer], applicant=applicant, now=NOW)
    assert not AuditEvent.objects.filter(action="applicant.reveal").exists()


def test_reveal_outside_jurisdiction_is_not_found(people):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    with pytest.raises(NotFound):
        applicant_reveal_id_number(viewer=people["clerk_b"], applicant=applicant, now=NOW)
    assert not AuditEvent.objects.filter(action="applicant.reveal").exists()


def test_front_desk_exact_lookup_crosses_jurisdiction(people):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    assert applicant_find_by_id_number(viewer=people["clerk_b"], id_number=VALID_ID) == applicant
    with pytest.raises(PermissionDenied):
        applicant_find_by_id_number(viewer=people["approver_a"], id_number=VALID_ID)


def test_citizen_account_links_window_registration_when_name_matches(people):
    applicant = applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, now=NOW)
    with pytest.raises(Conflict) as info:
        citizen_account_create(id_number=VALID_ID, name="李四", password=PASSWORD, now=NOW)
    assert info.value.message == "姓名与已登记的信息不一致。"
    user = citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, now=NOW)
    applicant.refresh_from_db()
    assert applicant.user == user
    assert user.kind == "citizen"
    assert VALID_ID not in user.username
    with pytest.raises(Conflict):
        citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, now=NOW)


def test_citizen_account_with_invalid_id_changes_nothing(db):
    before = _counts()
    with pytest.raises(ValidationFailed) as info:
        citizen_account_create(id_number="110105194912310021", name="张三", password=PASSWORD, now=NOW)
    assert info.value.field_errors["id_number"] == ["身份证号码校验码（第18位）不正确，请核对后重新输入。"]
    assert _counts() == before
