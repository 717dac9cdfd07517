import pytest
from django.db import transaction
from rest_framework.test import APIClient

from zwfw.core.models import AuditEvent
from zwfw.jobs.models import OutboxStatus
from zwfw.jobs.services import outbox_deliver, outbox_put

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead(settings):
    settings.ZWFW_OUTBOX_MAX_ATTEMPTS = 1
    with transaction.atomic():
        message = outbox_put(kind="test.flaky", payload={"fail": 1}, dedupe_key="sms-1", now=NOW)
    outbox_deliver(message_id=message.pk, now=NOW)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    return message


def test_administrator_sees_and_retries_a_dead_letter_on_the_workbench(client, sysadmin, dead):
    client.force_login(sysadmin)
    html = client.get("/workbench/jobs/").content.decode()
    assert "sms-1" in html and "ConnectionError: 短信网关 138****5678 无响应" in html
    assert "13812345678" not in html
    response = client.post(f"/workbench/jobs/outbox/{dead.pk}/retry/")
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.status == OutboxStatus.PENDING
    assert AuditEvent.objects.filter(action="outbox.retry", actor_id=sysadmin.pk).count() == 1


def test_others_neither_see_nor_retry_dead_letters(client, clerk, dead):
    client.force_login(clerk)
    assert client.get("/workbench/jobs/").status_code == 403
    assert client.post(f"/workbench/jobs/outbox/{dead.pk}/retry/").status_code == 403
    api = APIClient()
    api.force_authenticate(clerk)
    assert api.get("/api/v1/outbox/dead").status_code == 403
    assert api.post(f"/api/v1/outbox/{dead.pk}/retry").status_code == 404
    dead.refresh_from_db()
    assert dead.status == OutboxStatus.DEAD
    assert not AuditEvent.objects.filter(action="outbox.retry").exists()


def test_dead_letter_api(sysadmin, dead):
    api = APIClient()
    api.force_authenticate(sysadmin)
    rows = api.get("/api/v1/outbox/dead").json()["results"]
    assert [(r["id"], r["kind"], r["attempts"]) for r in rows] == [(dead.pk, "test.flaky", 1)]
    res = api.post(f"/api/v1/outbox/{dead.pk}/retry")
    assert res.status_code == 200 and res.json()["status"] == "pending"
    assert api.post(f"/api/v1/outbox/{dead.pk}/retry").json()["code"] == "outbox_not_dead"
