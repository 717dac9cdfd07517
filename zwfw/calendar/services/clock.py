"""Writes of a running time limit: start, pause, resume, extend, stop, recompute.

These are building blocks for the cases and supervision contexts: they check the state of the
clock, not the actor's role — the calling service (e.g. case_request_supplement) does that —
except an extension, which only the head of the responsible department approves
(行政许可法第四十二条). Every write recomputes and stores `due_at` / `warn_at` in the same
transaction as its audit event; the status moves only through `CLOCK_STATES` (services/state.py).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.db import IntegrityError, transaction

from zwfw.accounts.models import Role
from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.transactions import atomic

from ..limits import EXTENSION_BASIS, EXTENSION_MAX_DAYS, LimitUnit, Span, clock_schedule
from ..models import ClockExtension, ClockPause, ClockStatus, PauseKind, TimeLimitClock
from ..selectors import calendar_for, office_schedule_for, thresholds_for
from .state import CLOCK_STATES, SCHEDULE_FIELDS


def _local_date(moment: dt.datetime) -> dt.date:
    return core_clock.today(moment)


def _apply_schedule(clock: TimeLimitClock, pauses, *, cal=None, office=None, thresholds=None) -> bool:
    """Recompute the stored due/warn fields of `clock` from its inputs; True if they changed."""
    cal = cal or calendar_for(clock.region)
    schedule = clock_schedule(
        cal,
        started_at=clock.started_at,
        limit=clock.limit,
        unit=clock.unit,
        extension_days=clock.extension_days,
        pauses=[Span(_local_date(p.started_at), p.ended_at and _local_date(p.ended_at)) for p in pauses],
        office=office or office_schedule_for(clock.service_center),
        thresholds=thresholds or thresholds_for(clock.region),
    )
    new = (schedule.due_date, schedule.due_at, schedule.warn_at, str(cal.version or ""))
    old = (clock.due_date, clock.due_at, clock.warn_at, clock.calendar_version)
    clock.due_date, clock.due_at, clock.warn_at, clock.calendar_version = new
    return new != old


def _schedule(clock: TimeLimitClock) -> dict:
    return {name: getattr(clock, name) for name in SCHEDULE_FIELDS}


def _locked(clock: TimeLimitClock) -> TimeLimitClock:
    return TimeLimitClock.objects.select_for_update(of=("self",)).select_related("region", "service_center").get(
        pk=clock.pk
    )


def _require_text(**fields: str) -> None:
    errors = {k: ["请填写此项"] for k, v in fields.items() if not (v or "").strip()}
    if errors:
        raise ValidationFailed(field_errors=errors)


def clock_start(
    *, actor, owner_type: str, owner_id: str, purpose: str, limit: int, unit: str,
    extension_max: int = EXTENSION_MAX_DAYS, region=None, service_center=None, department=None,
    now: dt.datetime | None = None,
) -> TimeLimitClock:
    """Start a limit at `now` (the moment of acceptance). Raises CalendarNotCovered if the
    due date would fall in a year whose arrangement has not been loaded.

    `limit`, `unit` and `extension_max` come from the item's version in force
    (zwfw.catalog.selectors.version_clock_terms); `department` is the responsible department,
    whose head alone may extend the limit."""
    now = now or core_clock.now()
    _require_text(owner_type=owner_type, owner_id=owner_id, purpose=purpose)
    if unit not in LimitUnit.values:
        raise ValidationFailed.on("unit", "时限单位应为工作日、自然日或小时")
    if limit < 0 or (unit == LimitUnit.HOURS and limit == 0):
        raise ValidationFailed.on("limit", "时限应为非负整数（小时时限至少 1 小时）")
    if extension_max < 0:
        raise ValidationFailed.on("extension_max", "最长延长期限应为非负整数")
    clock = TimeLimitClock(
        owner_type=owner_type, owner_id=str(owner_id), purpose=purpose, region=region,
        service_center=service_center, department=department, started_at=now, limit=limit, unit=unit,
        extension_max=extension_max,
    )
    _apply_schedule(clock, [])
    with atomic():
        try:
            with transaction.atomic():
                clock.save(force_insert=True)
        except IntegrityError:
            raise Conflict("该对象的此项时限已开始计时", code="clock_exists") from None
        audit_record(
            actor=actor, action="clock.start", target=clock, now=now,
            changes={"limit": limit, "unit": unit, "extension_max": extension_max, "due_at": clock.due_at,
                     "warn_at": clock.warn_at},
        )
    return clock


def clock_pause(
    *, actor, clock: TimeLimitClock, kind: str, reason: str, legal_basis: str, now: dt.datetime | None = None
) -> ClockPause:
    """Stop counting (补正 wait or a special procedure, 行政许可法第四十五条) until resumed."""
    now = now or core_clock.now()
    _require_text(reason=reason, legal_basis=legal_basis)
    if kind not in PauseKind.values:
        raise ValidationFailed.on("kind", "暂停类型应为补正材料或特别程序")
    with transaction.atomic():
        clock = _locked(clock)
        CLOCK_STATES.check(clock, action="pause")
        if clock.unit == LimitUnit.HOURS:
            raise StateError("以小时计的即办件时限不能暂停", code="clock_hours_no_pause")
        if now < clock.started_at:
            raise ValidationFailed.on("now", "暂停时间不能早于起算时间")
        last_end = clock.pauses.filter(ended_at__isnull=False).order_by("-ended_at").values_list(
            "ended_at", flat=True).first()
        if last_end is not None and now < last_end:
            # Overlapping pauses would exclude the same days twice (行政许可法第四十五条 excludes each day once).
            raise ValidationFailed.on("now", "暂停时间不能早于上一次暂停的结束时间", code="clock_pause_overlaps")
        pause = ClockPause.objects.create(
            clock=clock, kind=kind, reason=reason.strip(), legal_basis=legal_basis.strip(), started_at=now
        )
        _apply_schedule(clock, list(clock.pauses.all()))
        CLOCK_STATES.move(clock, action="pause", to=ClockStatus.PAUSED, **_schedule(clock))
        audit_record(
            actor=actor, action="clock.pause", target=clock, now=now,
            changes={"kind": kind, "reason": pause.reason, "legal_basis": pause.legal_basis, "due_at": clock.due_at},
        )
    return pause


def clock_resume(*, actor, clock: TimeLimitClock, now: dt.datetime | None = None) -> TimeLimitClock:
    """Count again; the due date is recomputed exactly from the pause just closed."""
    now = now or core_clock.now()
    with transaction.atomic():
        clock = _locked(clock)
        pause = clock.pauses.filter(ended_at__isnull=True).first()
        CLOCK_STATES.check(clock, action="resume")
        if pause is None:
            raise StateError("只有暂停中的时限可以恢复计时", code="clock_not_paused")
        if now < pause.started_at:
            raise ValidationFailed.on("now", "恢复时间不能早于暂停时间")
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
        _apply_schedule(clock, list(clock.pauses.all()))
        CLOCK_STATES.move(clock, action="resume", to=ClockStatus.RUNNING, **_schedule(clock))
        audit_record(
            actor=actor, action="clock.resume", target=clock, now=now,
            changes={"paused_from": pause.started_at, "due_at": clock.due_at, "warn_at": clock.warn_at},
        )
    return clock


def _require_head_of(actor, clock: TimeLimitClock) -> None:
    if not (
        actor is not None and clock.department_id is not None and actor.department_id == clock.department_id
        and actor.has_role(Role.DEPARTMENT_HEAD)
    ):
        raise PermissionDenied("延长办理时限须经本部门负责人批准（行政许可法第四十二条），您无权批准延期",
                               code="extension_needs_department_head")


def clock_extend(
    *, actor, clock: TimeLimitClock, days: int, reason: str, legal_basis: str = EXTENSION_BASIS,
    now: dt.datetime | None = None,
) -> ClockExtension:
    """Add days approved by `actor`, the head of the clock's responsible department, to the limit
    (行政许可法第四十二条: decided before the limit runs out, in total at most the clock's
    `extension_max`, which comes from the item version). Anyone else, or more days than are
    left, is refused and nothing changes."""
    now = now or core_clock.now()
    _require_text(reason=reason)
    if days < 1:
        raise ValidationFailed.on("days", "延长天数至少为 1")
    with transaction.atomic():
        clock = _locked(clock)
        _require_head_of(actor, clock)
        CLOCK_STATES.check(clock, action="extend")
        if clock.unit == LimitUnit.HOURS:
            # Extensions are approved in days; an hour-counted 即办件 limit has none to add to.
            raise StateError("以小时计的即办件时限不能延期", code="clock_hours_no_extension")
        if clock.due_at is not None and now > clock.due_at:
            raise StateError("时限已届满，不能再延期", code="clock_overdue")
        left = clock.extension_max - clock.extension_days
        if days > left:
            raise ValidationFailed.on(
                "days",
                f"最多可延长 {clock.extension_max} 个工作日（{EXTENSION_BASIS}），已延长 {clock.extension_days} 个，"
                f"本次最多 {max(left, 0)} 个",
                code="extension_beyond_maximum",
            )
        extension = ClockExtension.objects.create(
            clock=clock, days=days, reason=reason.strip(), legal_basis=legal_basis.strip(),
            approved_by=actor, approved_at=now,
        )
        clock.extension_days += days
        _apply_schedule(clock, list(clock.pauses.all()))
        CLOCK_STATES.move(clock, action="extend", to=ClockStatus.RUNNING, extension_days=clock.extension_days,
                          **_schedule(clock))
        audit_record(
            actor=actor, action="clock.extend", target=clock, now=now, role=Role.DEPARTMENT_HEAD,
            changes={"days": days, "reason": extension.reason, "due_at": clock.due_at},
        )
    return extension


def clock_stop(*, actor, clock: TimeLimitClock, now: dt.datetime | None = None) -> TimeLimitClock:
    """Stop the clock (concluded, withdrawn…). An open pause is closed at the same moment."""
    now = now or core_clock.now()
    with transaction.atomic():
        clock = _locked(clock)
        CLOCK_STATES.check(clock, action="stop")
        open_since = clock.pauses.filter(ended_at__isnull=True).values_list("started_at", flat=True).first()
        if now < clock.started_at or (open_since is not None and now < open_since):
            raise ValidationFailed.on("now", "停止时间不能早于起算时间或暂停开始时间", code="clock_stop_too_early")
        clock.pauses.filter(ended_at__isnull=True).update(ended_at=now)
        CLOCK_STATES.move(clock, action="stop", to=ClockStatus.STOPPED, stopped_at=now)
        on_time = clock.due_at is None or now <= clock.due_at
        audit_record(actor=actor, action="clock.stop", target=clock, now=now, changes={"on_time": on_time})
    return clock


def clocks_recompute(
    *, actor, since: dt.date | None = None, service_center=None, clock_ids: list[int] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Recompute the stored due/warn of live clocks after calendar, policy or office-hours data changed.

    Only clocks not yet due before `since` (or without a due date) can be affected; with
    `service_center`, only that center's clocks; with `clock_ids`, only those (one batch of the
    recompute job, services/recompute.py). Returns how many changed.
    """
    qs = TimeLimitClock.objects.exclude(status=ClockStatus.STOPPED).select_related("region", "service_center")
    if clock_ids is not None:
        qs = qs.filter(pk__in=clock_ids)
    if service_center is not None:
        qs = qs.filter(service_center=service_center)
    if since is not None:
        qs = qs.filter(due_date__gte=since) | qs.filter(due_date__isnull=True)
    calendar, office, thresholds = cache(calendar_for), cache(office_schedule_for), cache(thresholds_for)
    changed = []
    with transaction.atomic():
        for clock in qs.select_for_update(of=("self",)).prefetch_related("pauses").order_by("pk"):
            if _apply_schedule(
                clock, list(clock.pauses.all()), cal=calendar(clock.region), office=office(clock.service_center),
                thresholds=thresholds(clock.region),
            ):
                changed.append(clock)
        if changed:
            TimeLimitClock.objects.bulk_update(
                changed, ["due_date", "due_at", "warn_at", "calendar_version"], batch_size=1000
            )
            audit_record(
                actor=actor, action="clock.recompute", object_type="calendar.timelimitclock", object_id="*",
                object_repr=f"{len(changed)} 个时限", now=now, changes={"count": len(changed), "since": since},
            )
    return len(changed)
