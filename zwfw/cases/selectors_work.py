"""Work queues (待办): the open case steps waiting for the viewer's post, most urgent first.

A step waits for its role in its department (a window clerk's step also at the case's center:
统一受理、统一送达); a step handed to a joint department (会签/并联) waits there, for its approval
staff and head. Urgency: red (a limit run out, or a red card open on the case), then yellow (past
the warning moment, or a yellow card), then by the step's due moment and the case's promised due
moment — all read from the clocks' stored, indexed `due_at` / `warn_at` (never recomputed here).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import (
    Case as SqlCase,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role
from zwfw.accounts.scope import NOTHING, Scope
from zwfw.calendar.models import TimeLimitClock
from zwfw.supervision.models import Card, CardStatus, Level

from .models import Case, CaseStep
from .models.steps import StepStatus
from .selectors import case_visibility
from .services.drafting import OWNER_TYPE
from .services.steps import JOINT_ROLES

RED, YELLOW, NORMAL = 0, 1, 2
URGENCY_LABELS = {RED: _("红色（已超期）"), YELLOW: _("黄色（临近到期）"), NORMAL: _("正常")}
OPEN_CARDS = (CardStatus.PENDING, CardStatus.ISSUED, CardStatus.ESCALATED)
FILTERS = {
    "all": _("全部待办"),
    "mine": _("我认领的"),
    "unclaimed": _("待认领"),
    "joint": _("会签"),
}


def _center_id(user) -> int | None:
    return user.service_center_id or (user.window.center_id if user.window_id else None)


def work_waiting_for(viewer) -> Q:
    """The open steps that wait for `viewer`'s post, as one condition on CaseStep."""
    scope = Scope.for_viewer(viewer)
    if not scope.is_staff or scope.department is None and not scope.has(Role.WINDOW_CLERK):
        return NOTHING
    q = NOTHING
    dept = scope.department.pk if scope.department is not None else None
    roles = [r for r in (Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD) if scope.has(r)]
    if dept is not None and roles:
        q |= Q(status=StepStatus.CURRENT, role__in=roles, department_id=dept)
    if scope.has(Role.WINDOW_CLERK) and _center_id(viewer):
        q |= Q(status=StepStatus.CURRENT, role=Role.WINDOW_CLERK, case__service_center_id=_center_id(viewer))
    if dept is not None and scope.has(*JOINT_ROLES):
        q |= Q(status=StepStatus.JOINT, joint_department_id=dept)
    return q


def work_queue(viewer, *, now: dt.datetime, show: str = "all") -> QuerySet[CaseStep]:
    """The viewer's queue, annotated with `urgency` (0 red, 1 yellow, 2 normal), `promised_due_at`
    and `step_due_at`, ordered red → yellow → due date. `show`: all / mine / unclaimed / joint."""
    rows = CaseStep.objects.filter(work_waiting_for(viewer)).filter(
        case__in=Case.objects.filter(case_visibility(viewer)).values("pk"))
    if show == "mine":
        rows = rows.filter(assignee_id=viewer.pk)
    elif show == "unclaimed":
        rows = rows.filter(assignee__isnull=True)
    elif show == "joint":
        rows = rows.filter(status=StepStatus.JOINT)
    owner = Cast(OuterRef("case_id"), output_field=CharField())
    promised = TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=owner, purpose="promised")
    cards = Card.objects.filter(owner_type=OWNER_TYPE, owner_id=owner, status__in=OPEN_CARDS)
    rows = rows.annotate(
        step_due_at=F("clock__due_at"),
        promised_due_at=promised.values("due_at")[:1],
        promised_warn_at=promised.values("warn_at")[:1],
        red_card=Exists(cards.filter(level=Level.RED), output_field=BooleanField()),
        yellow_card=Exists(cards.filter(level=Level.YELLOW), output_field=BooleanField()),
    ).annotate(urgency=SqlCase(
        When(Q(clock__due_at__lte=now) | Q(promised_due_at__lte=now) | Q(red_card=True), then=Value(RED)),
        When(Q(clock__warn_at__lte=now) | Q(promised_warn_at__lte=now) | Q(yellow_card=True), then=Value(YELLOW)),
        default=Value(NORMAL), output_field=IntegerField(),
    ))
    return (rows.select_related("case", "case__applicant", "assignee", "department", "joint_department", "clock")
            .order_by("urgency", F("step_due_at").asc(nulls_last=True), F("promised_due_at").asc(nulls_last=True),
                      "case__accepted_at", "pk"))


def case_steps(case: Case) -> list[CaseStep]:
    """Every step of a case the viewer already may see (case_get), in order, with their clocks."""
    return list(CaseStep.objects.filter(case=case).select_related(
        "assignee", "handled_by", "second_verifier", "joint_department", "joint_answered_by", "department", "clock"))


def step_remaining_days(step: CaseStep, *, today: dt.date) -> int | None:
    """Working days left on the step's own clock while it runs (0 due today, negative overdue);
    None for a step without a clock or one already finished."""
    from zwfw.calendar.engine import remaining_working_days
    from zwfw.calendar.selectors import calendar_for

    running = step.clock
    if running is None or running.status == "stopped" or running.due_date is None:
        return None
    return remaining_working_days(calendar_for(running.region), running.due_date, today)


def step_colleagues(step: CaseStep, *, roles) -> list[tuple[int, str]]:
    """Active staff of the department the step waits in who hold one of `roles`: the choices for
    an assignment or for the second verifier (the service checks the choice again)."""
    from zwfw.accounts.models import User

    department = step.joint_department_id if step.status == StepStatus.JOINT else step.department_id
    rows = (User.objects.filter(department_id=department, is_active=True, role_grants__role__in=list(roles))
            .distinct().order_by("full_name", "pk"))
    return [(u.pk, u.full_name or u.username) for u in rows]
