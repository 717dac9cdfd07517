"""Workbench page of the system administrator: job runs with progress, dead letters to retry."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import Role
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.jobs import selectors, services
from zwfw.jobs.models import JobRunStatus

from .views import staff_required

RUNS_SHOWN = 50


def _admin_only(user) -> None:
    if not user.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied


@staff_required
def overview(request):
    _admin_only(request.user)
    runs = list(selectors.job_runs(viewer=request.user)[:RUNS_SHOWN])
    context = {
        "runs": runs,
        "live": any(run.status in (JobRunStatus.PENDING, JobRunStatus.RUNNING) for run in runs),
        "dead": selectors.outbox_dead_letters(viewer=request.user)[:RUNS_SHOWN],
        "counts": selectors.outbox_counts(viewer=request.user),
    }
    template = "workbench/jobs/_runs.html" if request.headers.get("HX-Request") == "true" else "workbench/jobs/overview.html"
    return render(request, template, context)


@staff_required
@require_POST
def retry(request, pk: int):
    _admin_only(request.user)
    message = selectors.outbox_message_get(viewer=request.user, pk=pk)
    try:
        services.outbox_retry(actor=request.user, message=message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已重新投递"))
    return redirect("workbench:jobs")
