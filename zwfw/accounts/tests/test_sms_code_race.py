"""Ten sign-ups race with one SMS code, each in its own connection: exactly one account opens."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from zwfw.accounts.models import User, VerificationCode
from zwfw.accounts.services import citizen_sign_up, sign_up_code_send
from zwfw.accounts.services.verification import (
    _code_digest,
    subject_digest,
    verification_code_check,
    verification_code_consume,
)
from zwfw.core.errors import ValidationFailed
from zwfw.demo.identities import demo_id_number
from zwfw.jobs.testing import outbox_drain

THREADS = 10


@pytest.fixture
def audit_cleanup(transactional_db):
    yield
    from zwfw.core.models import AuditChainHead, AuditEvent
    from zwfw.core.testing import audit_triggers_disabled

    with audit_triggers_disabled():
        AuditEvent.objects.all().delete()
        AuditChainHead.objects.all().delete()


def test_one_code_opens_one_account_under_a_race(audit_cleanup, tmp_path, settings):
    settings.ZWFW_SMS_FILE = str(tmp_path / "sms.log")
    sign_up_code_send(phone="13812345678")
    outbox_drain()
    code = re.findall(r"验证码为(\d{6})", (tmp_path / "sms.log").read_text(encoding="utf-8"))[-1]
    start = threading.Barrier(THREADS)
    won, refused, errors = [], [], []

    def worker(i: int) -> None:
        try:
            start.wait()
            number = demo_id_number(region_code="511602", birth="19900101", serial=100 + i)
            won.append(citizen_sign_up(name=f"用户{i}", id_number=number, phone="13812345678", code=code,
                                       password="Citizen-Pass-2026").pk)
        except ValidationFailed as exc:
            refused.append(exc.code)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1 and refused == ["sms_code_invalid"] * (THREADS - 1)
    assert User.objects.filter(kind="citizen").count() == 1


def test_a_checked_code_is_consumed_once_by_racing_transactions(audit_cleanup):
    """Several requests that all passed the check at once still use the code only once."""
    now = timezone.now()
    key = subject_digest("sign_up", "13812345678")
    VerificationCode.objects.create(purpose="sign_up", subject_digest=key, phone="13812345678",
                                    code_digest=_code_digest(key, "123456"), created_at=now,
                                    expires_at=now + timezone.timedelta(minutes=5))
    code_id = verification_code_check(purpose="sign_up", subject="13812345678", code="123456", now=now)
    start = threading.Barrier(THREADS)
    won, refused, errors = [], [], []

    def worker() -> None:
        try:
            start.wait()
            with transaction.atomic():
                verification_code_consume(code_id=code_id, now=now)
            won.append(1)
        except ValidationFailed:
            refused.append(1)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(won) == 1 and len(refused) == THREADS - 1
