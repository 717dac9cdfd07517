"""The worker's periodic upkeep: what `zwfw worker` runs on its own, every minute or hour."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from huey.contrib.djhuey import HUEY

from zwfw.core.audit import audit_record, audit_unsealed
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _periodic_names() -> set[str]:
    from zwfw.catalog import tasks as catalog_tasks  # noqa: F401 — registers with the queue
    from zwfw.jobs import tasks  # noqa: F401

    return {task.name for task in HUEY._registry.periodic_tasks}


def test_the_worker_schedules_outbox_sweep_audit_upkeep_and_catalog_take_effect():
    assert {"zwfw.outbox.sweep", "zwfw.audit.seal_and_checkpoint", "zwfw.catalog.take_effect"} <= _periodic_names()


def test_audit_upkeep_seals_the_backlog_and_writes_a_signed_checkpoint(settings):
    from zwfw.jobs.tasks import audit_upkeep_task

    with transaction.atomic():
        for i in range(3):
            audit_record(actor=None, action="test.periodic", object_id=str(i))
    assert audit_unsealed().count == 3
    audit_upkeep_task.call_local()
    assert audit_unsealed().count == 0
    last = AuditEvent.objects.order_by("-seq").first()
    lines = Path(settings.ZWFW_AUDIT_CHECKPOINT.removeprefix("file://")).read_text().splitlines()
    checkpoint = json.loads(lines[-1])
    assert (checkpoint["chain_seq"], checkpoint["digest"]) == (last.chain_seq, last.hash)
