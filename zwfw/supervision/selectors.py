"""Reads of supervision, scoped by the viewer: a supervisor sees the cards, appeals, rules and
anomalies of its region subtree (another region's: 404); a staff member the cards it answers for."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core import clock as core_clock
from zwfw.core.errors import NotFound, PermissionDenied

from .models import LEVEL_RANK, AnomalyThreshold, AppealStatus, Card, CardAppeal, CardStatus, SupervisionRule

OPEN = (CardStatus.PENDING, CardStatus.ISSUED, CardStatus.ANSWERED, CardStatus.ESCALATED, CardStatus.APPEALED)


def _scope(viewer) -> Scope:
    scope = Scope.for_viewer(viewer)
    if not (scope.has(Role.SUPERVISOR) and scope.region is not None):
        raise PermissionDenied(_msg(), code="not_supervisor")
    return scope


def _msg() -> str:
    from django.utils.translation import gettext as _

    return _("只有电子监察人员可以查看监察牌")


def cards_for(viewer, *, open_only: bool = True) -> QuerySet[Card]:
    """The viewer's region subtree's cards, red first, then the oldest."""
    scope = _scope(viewer)
    qs = Card.objects.filter(scope.region_q("region")).select_related("region", "department", "responsible")
    if open_only:
        qs = qs.filter(status__in=OPEN)
    rank = When_(*[When(level=level, then=Value(r)) for level, r in LEVEL_RANK.items()],
                 output_field=IntegerField())
    return qs.annotate(level_rank=rank).order_by("level_rank", "raised_at", "pk")


def card_get(viewer, pk) -> Card:
    card = cards_for(viewer, open_only=False).filter(pk=pk).first()
    if card is None:
        raise NotFound()
    return card


def card_detail(viewer, pk) -> Card:
    """One card of the supervisor's subtree with its reminders and appeals (404 outside it)."""
    card = card_get(viewer, pk)
    card.reminder_rows = list(card.reminder_log.select_related("sent_by").prefetch_related("recipients")
                              .order_by("-sent_at", "-pk"))
    card.appeal_rows = list(card.appeals.select_related("submitted_by", "decided_by").order_by("-submitted_at", "-pk"))
    return card


def cards_to_answer(viewer, *, open_only: bool = True) -> QuerySet[Card]:
    """The cards a staff member answers for: named as responsible, or of a department the viewer
    heads. Anybody else gets an empty list (not an error: every staff member may look)."""
    scope = Scope.for_viewer(viewer)
    if not scope.is_staff:
        raise PermissionDenied(_msg(), code="not_staff")
    q = Q(responsible_id=scope.user_id)
    if scope.has(Role.DEPARTMENT_HEAD) and scope.department is not None:
        q |= Q(department=scope.department)
    qs = Card.objects.filter(q).select_related("region", "department", "responsible")
    if open_only:
        qs = qs.filter(status__in=OPEN)
    return qs.order_by("feedback_due_at", "pk")


def card_to_answer(viewer, pk) -> Card:
    card = cards_to_answer(viewer, open_only=False).filter(pk=pk).first()
    if card is None:
        raise NotFound()
    return card


def appeals_for(viewer, *, open_only: bool = True) -> QuerySet[CardAppeal]:
    """The appeals on cards of the supervisor's region subtree, oldest first."""
    scope = _scope(viewer)
    qs = CardAppeal.objects.filter(scope.region_q("card__region")).select_related(
        "card", "card__department", "submitted_by")
    if open_only:
        qs = qs.filter(status=AppealStatus.SUBMITTED)
    return qs.order_by("submitted_at", "pk")


def appeal_get(viewer, pk) -> CardAppeal:
    appeal = appeals_for(viewer, open_only=False).filter(pk=pk).first()
    if appeal is None:
        raise NotFound()
    return appeal


def supervisor_region(viewer):
    return _scope(viewer).region


def rule_versions_for(viewer) -> dict:
    """The rules in force for the supervisor's region, one per (target, level), and every stored
    version that applies to it (its own, those above it, the defaults), newest first."""
    from zwfw.organizations.models import region_ancestor_codes

    from .services import rule_defaults_ensure, rules_in_force

    region = _scope(viewer).region
    rule_defaults_ensure()
    in_force = sorted(rules_in_force(region.code).values(), key=lambda r: (r.target, LEVEL_RANK[r.level]))
    chain = region_ancestor_codes(region.code)
    history = list(SupervisionRule.objects.filter(Q(region__in=chain) | Q(region__isnull=True))
                   .select_related("region", "created_by").order_by("target", "code", "-created_at", "-version"))
    return {"region": region, "in_force": in_force, "history": history}


def anomaly_thresholds_for(viewer) -> dict:
    """{(kind, department id or None): value} in force for the supervisor's region: the highest
    version of the nearest region that has one (a department's own row wins), else the default."""
    from zwfw.organizations.models import region_ancestor_codes

    from .anomalies import SPECS

    region = _scope(viewer).region
    chain = list(region_ancestor_codes(region.code))
    rank = {code: i for i, code in enumerate(chain)}
    best: dict[tuple, tuple] = {}
    for row in AnomalyThreshold.objects.filter(region__in=chain):
        key = (row.kind, row.department_id)
        order = (rank[row.region_id], -row.version)
        if key not in best or order < best[key][0]:
            best[key] = (order, row.value)
    values = {(kind, None): spec.default for kind, spec in SPECS.items()}
    values.update({key: value for key, (_o, value) in best.items()})
    return values


def anomaly_threshold_rows_for(viewer) -> list[AnomalyThreshold]:
    region = _scope(viewer).region
    return list(AnomalyThreshold.objects.filter(scope_region_q(region)).select_related("department", "created_by")
                .order_by("kind", "department_id", "-version"))


def scope_region_q(region) -> Q:
    from zwfw.organizations.models import region_ancestor_codes

    return Q(region__in=list(region_ancestor_codes(region.code)))


def anomalies_for(viewer, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
                  now: dt.datetime | None = None, limit: int = 500) -> list:
    """The cases of the supervisor's region subtree received in [since, until) (default: the last
    90 days) that match an anomaly pattern, each with its reasons, newest first."""
    from zwfw.cases.models import Case

    from .anomalies import DEFAULT_PERIOD_DAYS, Flagged, flagged_case_ids

    scope = _scope(viewer)
    now = now or core_clock.now()
    since = since or now - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    until = until or now
    cases = Case.objects.filter(scope.region_q("region"), received_at__gte=since, received_at__lt=until)
    flagged = flagged_case_ids(cases, anomaly_thresholds_for(viewer), now)
    rows = (Case.objects.filter(pk__in=list(flagged)).select_related("department", "region")
            .order_by("-received_at", "-pk")[:limit])
    return [Flagged(case=case, reasons=flagged[case.pk]) for case in rows]
