"""Recomputing stored clocks after a calendar change, as a background job (issue 7 point 9).

A calendar service records what changed (`clocks_recompute_enqueue`, inside its transaction):
a job run plus its outbox message. After commit the worker recomputes only the clocks the change
can affect — a national change: every live clock; a region's local day or warning policy: the
clocks of that region's subtree; office hours: that center's clocks — in batches of
ZWFW_CLOCK_RECOMPUTE_BATCH, each batch its own transaction, recording progress on the run; at
the end the administrator who made the change finds a message in the inbox.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.accounts.models import User
from zwfw.jobs.models import JobRun
from zwfw.jobs.registry import outbox_handler
from zwfw.jobs.services import job_run_advance, job_run_begin, job_run_enqueue, job_run_fail, job_run_finish
from zwfw.notifications.services import notify
from zwfw.organizations.models import Region

from ..models import ClockStatus, TimeLimitClock
from .clock import clocks_recompute

KIND = "calendar.clocks_recompute"


def clocks_recompute_enqueue(
    *, actor, reason: str, region: Region | None = None, since: dt.date | None = None, service_center=None,
    now: dt.datetime,
) -> JobRun:
    """Queue the recompute of the clocks a change of `region`'s calendar data (None = national)
    or of `service_center`'s office hours can affect. Call inside the changing transaction."""
    if service_center is not None:
        scope = service_center.name
    else:
        scope = _("全国") if region is None else _("%s及下级区划") % region.name
    params = {
        "region": region.code if region is not None else None,
        "since": since.isoformat() if since else None,
        "service_center": service_center.pk if service_center is not None else None,
        "actor_id": actor.pk if getattr(actor, "pk", None) else None,
    }
    return job_run_enqueue(kind=KIND, label=_("%(reason)s后重算时限（%(scope)s）") % {"reason": reason, "scope": scope},
                           params=params, actor=actor, now=now)


def affected_clocks(*, region: str | None, since: str | None, service_center: int | None):
    qs = TimeLimitClock.objects.exclude(status=ClockStatus.STOPPED)
    if service_center is not None:
        qs = qs.filter(service_center_id=service_center)
    if region is not None:
        # Clocks without a region follow the national calendar only.
        qs = qs.filter(region__code__startswith=Region.objects.get(pk=region).prefix)
    if since is not None:
        qs = qs.filter(Q(due_date__gte=dt.date.fromisoformat(since)) | Q(due_date__isnull=True))
    return qs


@outbox_handler(KIND)
def clocks_recompute_job(*, payload: dict, dedupe_key: str, now: dt.datetime) -> None:
    run_id = payload["run_id"]
    clocks = affected_clocks(region=payload["region"], since=payload["since"],
                             service_center=payload["service_center"])
    if job_run_begin(run_id=run_id, total=clocks.count(), now=now) is None:
        return  # finished before: a redelivery does nothing
    actor = User.objects.filter(pk=payload["actor_id"]).first() if payload["actor_id"] else None
    batch = settings.ZWFW_CLOCK_RECOMPUTE_BATCH
    last_pk = done = changed = 0
    try:
        while ids := list(clocks.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:batch]):
            changed += clocks_recompute(actor=actor, clock_ids=ids, now=now)
            done += len(ids)
            last_pk = ids[-1]
            job_run_advance(run_id=run_id, done=done, changed=changed)
    except Exception as exc:
        job_run_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
        raise  # the outbox retries the run with back-off
    with transaction.atomic():  # finished and told together: a redelivery finds it done and says nothing
        job_run_finish(run_id=run_id, now=now)
        if actor is not None:
            run = JobRun.objects.get(pk=run_id)
            notify(recipient=actor, template="calendar.recompute_finished", now=now,
                   context={"label": run.label, "total": run.total, "changed": run.changed,
                            "link": reverse("workbench:jobs")})
