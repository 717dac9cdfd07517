"""Writes of electronic supervision: rule versions, the sweep that raises cards, and the
supervisor's actions on a card (撤销, 督办, 催办). Each runs in one transaction with its audit
event; messages go through `notify` (outbox), so nothing is sent if the transaction rolls back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.calendar.engine import add_working_days, working_days_between
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.selectors import calendar_for
from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.notifications.services import notify
from zwfw.organizations.models import region_ancestor_codes

from .models import Card, CardStatus, Level, SupervisionRule, ThresholdKind
from .owners import department_heads, owner_of
from .rules import DEFAULT_RULES, target_of
from .state import CARD_STATES

DEFAULTS_BY_CODE = {rule.code: rule for rule in DEFAULT_RULES}
BATCH = 500


# --- rules -----------------------------------------------------------------------------------


def rule_defaults_ensure(*, now: dt.datetime | None = None) -> int:
    """Store version 1 of every default rule that is not stored yet; returns how many were added.
    Safe to run concurrently (the unique constraint on the default's code and version decides)."""
    now = now or core_clock.now()
    stored = set(SupervisionRule.objects.filter(region__isnull=True).values_list("code", flat=True))
    added = 0
    for rule in DEFAULT_RULES:
        if rule.code in stored:
            continue
        try:
            with transaction.atomic():
                row = SupervisionRule.objects.create(
                    code=rule.code, version=1, region=None, target=rule.target, threshold=rule.threshold,
                    share_used_percent=rule.share_used_percent, working_days_left=rule.working_days_left,
                    level=rule.level, feedback_working_days=rule.feedback_working_days, source=rule.source,
                    created_at=now,
                )
                audit_record(actor=None, action="supervision_rule.seed", target=row, now=now,
                             changes={"code": rule.code, "version": 1})
                added += 1
        except IntegrityError:
            continue
    return added


def rules_in_force(region_code: str | None) -> dict[tuple[str, str], SupervisionRule]:
    """{(target, level): rule} in force for a region: for each code the highest version of the
    nearest region (itself, then up the tree) that has one, else the default."""
    chain = list(region_ancestor_codes(region_code)) if region_code else []
    rank = {code: i for i, code in enumerate(chain)}
    best: dict[str, tuple[int, int, SupervisionRule]] = {}
    rows = SupervisionRule.objects.filter(region__in=chain) | SupervisionRule.objects.filter(region__isnull=True)
    for row in rows:
        place = rank.get(row.region_id, len(chain))
        key = (place, -row.version)
        if row.code not in best or key < best[row.code][:2]:
            best[row.code] = (*key, row)
    return {(row.target, row.level): row for _p, _v, row in best.values() if row.active}


def _require_supervisor_of(actor, region) -> Scope:
    scope = Scope.for_viewer(actor)
    if not scope.has(Role.SUPERVISOR) or scope.region is None:
        raise PermissionDenied(_("只有电子监察人员可以执行此操作"), code="not_supervisor")
    if region is not None and not scope.covers_region(region):
        raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")
    return scope


def rule_set(*, actor, region, code: str, share_used_percent: int | None = None,
             working_days_left: int | None = None, feedback_working_days: int | None = None,
             active: bool = True, now: dt.datetime | None = None) -> SupervisionRule:
    """A region's supervisor changes one rule for the region: a new version, audited."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, region)
    if region is None:
        raise ValidationFailed.on("region", _("请选择适用区划"), code="rule_region_required")
    default = DEFAULTS_BY_CODE.get(code)
    if default is None:
        raise ValidationFailed.on("code", _("未知的监察规则：%s") % code, code="rule_unknown")
    errors: dict[str, list[str]] = {}
    if share_used_percent is not None and not 1 <= share_used_percent <= 100:
        errors["share_used_percent"] = [_("已用时限比例应为 1 至 100 之间的整数")]
    if working_days_left is not None and not 0 <= working_days_left <= 30:
        errors["working_days_left"] = [_("剩余工作日应为 0 至 30 之间的整数")]
    if feedback_working_days is not None and not 1 <= feedback_working_days <= 30:
        errors["feedback_working_days"] = [_("反馈期限应为 1 至 30 个工作日")]
    if default.threshold == ThresholdKind.NEAR and share_used_percent is None and working_days_left is None:
        errors["share_used_percent"] = [_("请至少填写已用时限比例或剩余工作日之一")]
    if errors:
        raise ValidationFailed(_("监察规则填写有误，请按提示修改"), code="rule_invalid", field_errors=errors)
    with transaction.atomic():
        latest = SupervisionRule.objects.filter(region=region, code=code).aggregate(v=Max("version"))["v"] or 0
        near = default.threshold == ThresholdKind.NEAR
        try:
            with transaction.atomic():
                row = SupervisionRule.objects.create(
                    code=code, version=latest + 1, region=region, target=default.target, threshold=default.threshold,
                    share_used_percent=share_used_percent if near else None,
                    working_days_left=working_days_left if near else None,
                    level=default.level, source=_("%(region)s电子监察人员调整（默认：%(source)s）")
                    % {"region": region.name, "source": default.source},
                    feedback_working_days=feedback_working_days or default.feedback_working_days,
                    active=active, created_at=now, created_by=actor,
                )
        except IntegrityError:
            raise StateError(_("该规则刚被他人修改，请刷新后重试"), code="rule_changed") from None
        audit_record(actor=actor, action="supervision_rule.set", target=row, now=now, role=Role.SUPERVISOR,
                     changes={"code": code, "version": row.version, "region": region.pk,
                              "share_used_percent": row.share_used_percent,
                              "working_days_left": row.working_days_left, "active": active})
    return row


# --- the sweep -------------------------------------------------------------------------------


@dataclass
class SweepResult:
    candidates: int = 0
    raised: int = 0


def _is_near(clock: TimeLimitClock, rule: SupervisionRule, now: dt.datetime) -> bool:
    """Whether a running clock has crossed a NEAR rule (share of the limit used, or working days left)."""
    if clock.unit == LimitUnit.HOURS:
        total = (clock.due_at - clock.started_at).total_seconds()
        share = 100 if total <= 0 else (now - clock.started_at).total_seconds() * 100 / total
        left = None
    else:
        cal = calendar_for(clock.region)
        left = working_days_between(cal, core_clock.today(now), clock.due_date)
        total = clock.limit + clock.extension_days
        share = 100 if total <= 0 else (total - left) * 100 / total
    if rule.share_used_percent is not None and share >= rule.share_used_percent:
        return True
    return rule.working_days_left is not None and left is not None and left <= rule.working_days_left


def _feedback_due(clock: TimeLimitClock, rule: SupervisionRule, now: dt.datetime) -> dt.datetime:
    day = add_working_days(calendar_for(clock.region), core_clock.today(now), rule.feedback_working_days)
    return dt.datetime.combine(day, dt.time(17, 30), tzinfo=SHANGHAI)


def _card_context(card: Card) -> dict:
    return {"level": str(card.get_level_display()), "summary": card.summary,
            "due_at": card.due_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if card.due_at else "",
            "feedback_due": card.feedback_due_at.astimezone(SHANGHAI).strftime("%Y-%m-%d")
            if card.feedback_due_at else "",
            "link": f"/workbench/supervision/cards/{card.pk}"}


def _recipients(card: Card) -> list:
    return [card.responsible] if card.responsible_id else department_heads(card.department)


def _raise(clock: TimeLimitClock, rule: SupervisionRule, now: dt.datetime) -> Card | None:
    """Raise and issue one card; None when the card already exists (another sweep was first)."""
    owner = owner_of(clock)
    with transaction.atomic():
        try:
            with transaction.atomic():
                card = Card.objects.create(
                    clock=clock, level=rule.level, rule=rule, rule_code=rule.code, rule_version=rule.version,
                    owner_type=clock.owner_type, owner_id=clock.owner_id, region=clock.region,
                    department=clock.department, responsible=owner.responsible, summary=owner.summary[:200],
                    due_at=clock.due_at, raised_at=now,
                )
        except IntegrityError:
            return None
        audit_record(actor=None, action="card.raise", target=card, now=now,
                     changes={"level": rule.level, "rule": rule.code, "rule_version": rule.version,
                              "clock": clock.pk})
        moved = CARD_STATES.move(card, action="issue", to=CardStatus.ISSUED, issued_at=now,
                                 feedback_due_at=_feedback_due(clock, rule, now))
        audit_record(actor=None, action="card.issue", target=card, now=now,
                     changes={"status": moved.change, "responsible": card.responsible_id})
        for person in _recipients(card):
            notify(recipient=person, template="supervision.card_issued", context=_card_context(card), now=now)
    return card


def _candidates(level_q, level: str, moment: str):
    # Ordered by the indexed moment (not the key), so the planner walks (status, moment).
    carded = Card.objects.filter(clock=OuterRef("pk"), level=level)
    return (TimeLimitClock.objects.filter(status=ClockStatus.RUNNING).filter(level_q)
            .exclude(Exists(carded)).select_related("region", "department").order_by(moment, "pk"))


def supervision_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Raise the cards due at `now`. Candidates come from the stored moments through the clock
    indexes — (status, due_at) for red, (status, warn_at) for yellow — minus the clocks already
    carded at that level; the rule in force is then checked on each candidate. The stored
    warn_at is the calendar's (earlier) warning moment, so it never hides a yellow candidate
    under the default rules. Running it twice, or twice at once, raises each card once: the
    unique constraint (clock, level) decides, and only the inserting transaction notifies."""
    now = now or core_clock.now()
    rule_defaults_ensure(now=now)
    result = SweepResult()
    rules_cache: dict[str | None, dict] = {}

    def rule_for(clock, level):
        target = target_of(clock.owner_type, clock.purpose)
        if target is None:
            return None
        if clock.region_id not in rules_cache:
            rules_cache[clock.region_id] = rules_in_force(clock.region_id)
        return rules_cache[clock.region_id].get((target, level))

    passes = (
        (Level.RED, Q(due_at__lte=now), "due_at"),
        (Level.YELLOW, Q(warn_at__lte=now, due_at__gt=now), "warn_at"),
    )
    for level, level_q, moment in passes:
        for clock in _candidates(level_q, level, moment).iterator(chunk_size=BATCH):
            result.candidates += 1
            rule = rule_for(clock, level)
            if rule is None:
                continue
            if rule.threshold == ThresholdKind.NEAR and not _is_near(clock, rule, now):
                continue
            if _raise(clock, rule, now) is not None:
                result.raised += 1
    return result


# --- a supervisor's actions on a card --------------------------------------------------------


def _locked(card: Card) -> Card:
    return Card.objects.select_for_update(of=("self",)).select_related("region", "department").get(pk=card.pk)


def card_cancel(*, actor, card: Card, reason: str, now: dt.datetime | None = None) -> Card:
    """撤销: the supervisor withdraws a card raised in error, with a reason. It stays cancelled:
    the sweep never raises the same level on the same clock again."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.on("reason", _("请填写撤销原因"), code="cancel_reason_required")
    if len(reason) > 300:
        raise ValidationFailed.on("reason", _("撤销原因不能超过 300 个字"), code="cancel_reason_too_long")
    with transaction.atomic():
        card = _locked(card)
        moved = CARD_STATES.move(card, action="cancel", to=CardStatus.CANCELLED, closed_at=now, closed_by=actor,
                                 close_reason=reason)
        audit_record(actor=actor, action="card.cancel", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"status": moved.change, "reason": reason})
    return card


def card_escalate(*, actor, card: Card, note: str = "", now: dt.datetime | None = None) -> Card:
    """督办: the supervisor escalates an issued card to the department's heads."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationFailed.on("note", _("督办意见不能超过 300 个字"), code="escalate_note_too_long")
    with transaction.atomic():
        card = _locked(card)
        moved = CARD_STATES.move(card, action="escalate", to=CardStatus.ESCALATED, closed_at=now, closed_by=actor,
                                 close_reason=note)
        audit_record(actor=actor, action="card.escalate", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"status": moved.change, "note": note})
        for head in department_heads(card.department):
            notify(recipient=head, template="supervision.card_escalated", context={**_card_context(card),
                                                                                    "note": note}, now=now)
    return card


def card_remind(*, actor, card: Card, now: dt.datetime | None = None) -> Card:
    """催办: push the named responsible person (in-app and SMS); recorded and counted."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    with transaction.atomic():
        card = _locked(card)
        if card.status not in (CardStatus.ISSUED, CardStatus.ESCALATED):
            raise StateError(_("只有已发出或督办中的监察牌可以催办"), code="card_not_open")
        recipients = _recipients(card)
        if not recipients:
            raise StateError(_("该监察牌没有可催办的责任人"), code="card_no_responsible")
        Card.objects.filter(pk=card.pk).update(reminders=F("reminders") + 1)
        card.reminders += 1
        audit_record(actor=actor, action="card.remind", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"recipients": [p.pk for p in recipients], "reminders": card.reminders})
        for person in recipients:
            notify(recipient=person, template="supervision.reminder", context=_card_context(card), now=now)
    return card
