"""Citizen sign-up with an SMS code, and password reset by ID number + SMS code (issue 8 point 2)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zwfw.accounts.models import Applicant, LoginThrottle, User, VerificationCode
from zwfw.accounts.services import (
    citizen_password_reset,
    citizen_sign_in,
    citizen_sign_up,
    password_reset_code_send,
    sign_up_code_send,
)
from zwfw.accounts.services.sign_in import throttle_key
from zwfw.accounts.services.verification import TooManyCodes
from zwfw.core.errors import Conflict, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.jobs.testing import outbox_drain

from .conftest import INVALID_ID, NOW, VALID_ID, VALID_ID_2

PHONE = "13812345678"
PASSWORD = "Citizen-Pass-2026"


@pytest.fixture
def sms_file(tmp_path, settings):
    settings.ZWFW_SMS_FILE = str(tmp_path / "sms.log")
    settings.ZWFW_SMS_BACKEND = "zwfw.notifications.backends.FileSmsBackend"
    return tmp_path / "sms.log"


def last_code(sms_file, now=NOW) -> str:
    outbox_drain(now=now + dt.timedelta(minutes=1))
    return re.findall(r"验证码为(\d{6})", sms_file.read_text(encoding="utf-8"))[-1]


def sign_up(code, *, id_number=VALID_ID, name="张三", phone=PHONE, password=PASSWORD, now=NOW):
    return citizen_sign_up(name=name, id_number=id_number, phone=phone, code=code, password=password, now=now)


def test_sign_up_with_the_sms_code_opens_an_account_that_signs_in(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    text = sms_file.read_text(encoding="utf-8") if sms_file.exists() else ""
    assert text == ""  # nothing leaves before the outbox delivers
    code = last_code(sms_file)
    line = sms_file.read_text(encoding="utf-8")
    assert PHONE not in line and "138****5678" in line
    row = VerificationCode.objects.get()
    assert row.code_sealed == "" and row.sent_at is not None and code not in row.code_digest
    user = sign_up(code, now=NOW + dt.timedelta(minutes=1))
    assert user.kind == "citizen" and user.phone.reveal() == PHONE
    applicant = Applicant.objects.get(user=user)
    assert applicant.name == "张三" and applicant.phone.reveal() == PHONE
    assert citizen_sign_in(credentials={"id_number": VALID_ID, "password": PASSWORD}, now=NOW) == user
    event = AuditEvent.objects.get(action="citizen.sign_up")
    assert VALID_ID not in str(event.changes) and PHONE not in str(event.changes)
    assert VerificationCode.objects.get().consumed_at is not None


def test_a_code_is_used_once(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    code = last_code(sms_file)
    sign_up(code)
    with pytest.raises(ValidationFailed) as exc:
        sign_up(code, id_number=VALID_ID_2, name="李四")
    assert exc.value.code == "sms_code_invalid"
    assert User.objects.filter(kind="citizen").count() == 1


def test_wrong_code_is_refused_and_nothing_is_created(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    code = last_code(sms_file)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationFailed) as exc:
        sign_up(wrong)
    assert exc.value.code == "sms_code_invalid"
    assert exc.value.field_errors == {"code": ["验证码错误或已失效，请重新获取。"]}
    assert not User.objects.filter(kind="citizen").exists()
    assert VerificationCode.objects.get().attempts == 1


def test_expired_code_is_refused(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    code = last_code(sms_file)
    with pytest.raises(ValidationFailed) as exc:
        sign_up(code, now=NOW + dt.timedelta(minutes=5, seconds=1))
    assert exc.value.code == "sms_code_invalid"
    assert not User.objects.filter(kind="citizen").exists()


def test_too_many_wrong_attempts_void_the_code(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    code = last_code(sms_file)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            sign_up(wrong)
    with pytest.raises(ValidationFailed) as exc:
        sign_up(code)  # the right code, too late
    assert exc.value.code == "sms_code_invalid"
    assert not User.objects.filter(kind="citizen").exists()


def test_resend_is_rate_limited(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    with pytest.raises(TooManyCodes) as exc:
        sign_up_code_send(phone=PHONE, now=NOW + dt.timedelta(seconds=30))
    assert exc.value.status == 429 and "31秒" in exc.value.message
    for i in range(1, 5):
        sign_up_code_send(phone=PHONE, now=NOW + dt.timedelta(minutes=i))
    with pytest.raises(TooManyCodes) as exc:
        sign_up_code_send(phone=PHONE, now=NOW + dt.timedelta(minutes=10))
    assert "一小时" in exc.value.message
    assert VerificationCode.objects.count() == 5
    # A new code voids the earlier ones.
    assert VerificationCode.objects.filter(expires_at__gt=NOW + dt.timedelta(minutes=4)).count() == 1


def test_bad_input_is_reported_at_once_before_any_code_is_tried(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    with pytest.raises(ValidationFailed) as exc:
        sign_up("", id_number=INVALID_ID, name="", phone="2381234567", password="short")
    assert set(exc.value.field_errors) == {"name", "id_number", "phone", "password", "code"}
    assert VerificationCode.objects.get().attempts == 0
    with pytest.raises(ValidationFailed) as exc:
        sign_up_code_send(phone="12345")
    assert exc.value.code == "phone_format"


def test_duplicate_id_number_is_refused_and_the_code_stays_usable(db, sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    sign_up(last_code(sms_file))
    other = "13912345678"
    sign_up_code_send(phone=other, now=NOW)
    code = last_code(sms_file)
    with pytest.raises(Conflict) as exc:
        sign_up(code, phone=other)
    assert exc.value.code == "citizen_account_exists"
    assert VerificationCode.objects.filter(consumed_at__isnull=True).count() == 1
    assert User.objects.filter(kind="citizen").count() == 1


def _account(sms_file):
    sign_up_code_send(phone=PHONE, now=NOW)
    return sign_up(last_code(sms_file))


def test_password_reset_by_sms_code_to_the_registered_mobile(db, sms_file):
    user = _account(sms_file)
    LoginThrottle.objects.create(username_digest=throttle_key("citizen", VALID_ID), failures=5,
                                 window_started_at=NOW, locked_until=NOW + dt.timedelta(minutes=30))
    later = NOW + dt.timedelta(minutes=20)
    password_reset_code_send(id_number=VALID_ID, now=later)
    code = last_code(sms_file, now=later)
    citizen_password_reset(id_number=VALID_ID, code=code, password="New-Password-77", now=later)
    user.refresh_from_db()
    assert user.check_password("New-Password-77") and user.password_changed_at == later
    assert not LoginThrottle.objects.exists()
    assert AuditEvent.objects.filter(action="citizen.password_reset", object_id=str(user.pk)).count() == 1


def test_password_reset_answers_the_same_for_an_unknown_id_number(db, sms_file):
    _account(sms_file)
    before = sms_file.read_text(encoding="utf-8")
    later = NOW + dt.timedelta(minutes=20)
    assert password_reset_code_send(id_number=VALID_ID_2, now=later) is None
    outbox_drain(now=later)
    assert sms_file.read_text(encoding="utf-8") == before  # nothing sent anywhere
    with pytest.raises(ValidationFailed) as unknown:
        citizen_password_reset(id_number=VALID_ID_2, code="123456", password="New-Password-77", now=later)
    password_reset_code_send(id_number=VALID_ID, now=later)
    with pytest.raises(ValidationFailed) as wrong:
        citizen_password_reset(id_number=VALID_ID, code="000000", password="New-Password-77", now=later)
    assert unknown.value.as_dict() == wrong.value.as_dict()
    # The rate limit holds for both alike.
    with pytest.raises(TooManyCodes):
        password_reset_code_send(id_number=VALID_ID_2, now=later + dt.timedelta(seconds=5))
    with pytest.raises(TooManyCodes):
        password_reset_code_send(id_number=VALID_ID, now=later + dt.timedelta(seconds=5))


def test_a_sign_up_code_does_not_reset_a_password(db, sms_file):
    user = _account(sms_file)
    sign_up_code_send(phone=PHONE, now=NOW + dt.timedelta(minutes=2))
    code = last_code(sms_file, now=NOW + dt.timedelta(minutes=2))
    with pytest.raises(ValidationFailed):
        citizen_password_reset(id_number=VALID_ID, code=code, password="New-Password-77", now=NOW)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_one_address_cannot_pump_codes_to_many_numbers(db, sms_file, settings):
    settings.ZWFW_SMS_CODE_MAX_PER_IP_HOUR = 3
    for i in range(3):
        sign_up_code_send(phone=f"1381234560{i}", ip="203.0.113.9", now=NOW)
    with pytest.raises(TooManyCodes):
        sign_up_code_send(phone="13812345609", ip="203.0.113.9", now=NOW)
    sign_up_code_send(phone="13812345609", ip="203.0.113.10", now=NOW)
    assert VerificationCode.objects.count() == 4
