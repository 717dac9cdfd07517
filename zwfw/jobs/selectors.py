"""Reads of the outbox and job runs: system administrators only (they run the platform)."""

from __future__ import annotations

from zwfw.accounts.models import Role
from zwfw.core.errors import NotFound

from .models import JobRun, OutboxMessage, OutboxStatus


def _admin(viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and viewer.has_role(Role.SYSTEM_ADMIN))


def outbox_dead_letters(*, viewer):
    """Messages that failed every attempt, newest first (none for anyone but the administrator)."""
    if not _admin(viewer):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(status=OutboxStatus.DEAD).order_by("-next_attempt_at", "-pk")


def outbox_message_get(*, viewer, pk: int) -> OutboxMessage:
    message = OutboxMessage.objects.filter(pk=pk).first() if _admin(viewer) else None
    if message is None:
        raise NotFound()
    return message


def outbox_counts(*, viewer) -> dict[str, int]:
    if not _admin(viewer):
        return {}
    from django.db.models import Count

    return dict(OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).order_by())


def job_runs(*, viewer):
    """Job runs, newest first: the system administrator (who also keeps the calendars) sees all."""
    if not _admin(viewer):
        return JobRun.objects.none()
    return JobRun.objects.select_related("created_by")


def job_run_get(*, viewer, pk: int) -> JobRun:
    run = job_runs(viewer=viewer).filter(pk=pk).first()
    if run is None:
        raise NotFound()
    return run
