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
from zwfw.notifications.messages import TEMPLATES
from zwfw.notifications.services import notify
from zwfw.organizations.models import region_ancestor_codes

from .models import (
    AnomalyThreshold,
    AppealStatus,
    Card,
    CardAppeal,
    CardReminder,
    CardStatus,
    Level,
    SupervisionRule,
    SweepMark,
    Target,
    ThresholdKind,
)
from .owners import department_heads, owner_of, supervision_office
from .rules import DEFAULT_RULES, TARGET_SOURCE, rule_code, target_of
from .state import APPEAL_STATES, CARD_STATES

DEFAULTS_BY_CODE = {rule.code: rule for rule in DEFAULT_RULES}
BATCH = 500


# --- rules -----------------------------------------------------------------------------------


def rule_defaults_ensure(*, now: dt.datetime | None = None) -> int:
    """Store version 1 of every default rule that is not stored yet; returns how many were added.
    Safe to run concurrently (the unique constraint on the default's code and version decides)."""
    now = now or core_clock.now()
    stored = set(SupervisionRule.objects.filter(region__isnull=True).values_list("code", "version"))
    added = 0
    for rule in DEFAULT_RULES:
        if (rule.code, rule.version) in stored:
            continue
        try:
            with transaction.atomic():
                row = SupervisionRule.objects.create(
                    code=rule.code, version=rule.version, region=None, target=rule.target,
                    threshold=rule.threshold, share_used_percent=rule.share_used_percent,
                    working_days_left=rule.working_days_left, level=rule.level,
                    feedback_working_days=rule.feedback_working_days, source=rule.source, active=rule.active,
                    created_at=now,
                )
                audit_record(actor=None, action="supervision_rule.seed", target=row, now=now,
                             changes={"code": rule.code, "version": rule.version, "active": rule.active})
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


def rule_levels_in_use() -> set[tuple[str, str]]:
    """(level, threshold kind) pairs any active rule uses: the sweep's passes."""
    return set(SupervisionRule.objects.filter(active=True).values_list("level", "threshold").distinct())


def _require_supervisor_of(actor, region) -> Scope:
    scope = Scope.for_viewer(actor)
    if not scope.has(Role.SUPERVISOR) or scope.region is None:
        raise PermissionDenied(_("只有电子监察人员可以执行此操作"), code="not_supervisor")
    if region is not None and not scope.covers_region(region):
        raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")
    return scope


def rule_set(*, actor, region, target: str, level: str, threshold: str, share_used_percent: int | None = None,
             working_days_left: int | None = None, feedback_working_days: int | None = None,
             active: bool = True, now: dt.datetime | None = None) -> SupervisionRule:
    """A region's supervisor sets the rule for one target and level in the region: a new version
    (rows are never changed), audited. NEAR rules fire at a share of the limit used or at a
    number of working days left (either one); EXCEEDED rules once the limit has passed."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, region)
    if region is None:
        raise ValidationFailed.on("region", _("请选择适用区划"), code="rule_region_required")
    errors: dict[str, list[str]] = {}
    if target not in Target.values:
        errors["target"] = [_("请选择监察对象")]
    if level not in Level.values:
        errors["level"] = [_("请选择级别")]
    if threshold not in ThresholdKind.values:
        errors["threshold"] = [_("请选择阈值类型")]
    near = threshold == ThresholdKind.NEAR
    if share_used_percent is not None and not 1 <= share_used_percent <= 100:
        errors["share_used_percent"] = [_("已用时限比例应为 1 至 100 之间的整数")]
    if working_days_left is not None and not 0 <= working_days_left <= 30:
        errors["working_days_left"] = [_("剩余工作日应为 0 至 30 之间的整数")]
    if feedback_working_days is not None and not 1 <= feedback_working_days <= 30:
        errors["feedback_working_days"] = [_("反馈期限应为 1 至 30 个工作日")]
    if near and share_used_percent is None and working_days_left is None:
        errors["share_used_percent"] = [_("请至少填写已用时限比例或剩余工作日之一")]
    if not near and (share_used_percent is not None or working_days_left is not None):
        errors["share_used_percent"] = [_("“已超期”规则不填写已用比例和剩余工作日")]
    if errors:
        raise ValidationFailed(_("监察规则填写有误，请按提示修改"), code="rule_invalid", field_errors=errors)
    code = rule_code(target, level)
    default = DEFAULTS_BY_CODE.get(code)
    with transaction.atomic():
        latest = SupervisionRule.objects.filter(region=region, code=code).aggregate(v=Max("version"))["v"] or 0
        basis = TARGET_SOURCE[target]
        try:
            with transaction.atomic():
                row = SupervisionRule.objects.create(
                    code=code, version=latest + 1, region=region, target=target, threshold=threshold,
                    share_used_percent=share_used_percent if near else None,
                    working_days_left=working_days_left if near else None,
                    level=level, source=(_("%(region)s电子监察人员调整；%(basis)s")
                                         % {"region": region.name, "basis": basis})[:300],
                    feedback_working_days=feedback_working_days or (default.feedback_working_days if default else 2),
                    active=active, created_at=now, created_by=actor,
                )
        except IntegrityError:
            raise StateError(_("该规则刚被他人修改，请刷新后重试"), code="rule_changed") from None
        audit_record(actor=actor, action="supervision_rule.set", target=row, now=now, role=Role.SUPERVISOR,
                     changes={"code": code, "version": row.version, "region": region.pk, "threshold": threshold,
                              "share_used_percent": row.share_used_percent,
                              "working_days_left": row.working_days_left,
                              "feedback_working_days": row.feedback_working_days, "active": active})
    return row


# --- the sweep -------------------------------------------------------------------------------


@dataclass
class SweepResult:
    candidates: int = 0
    raised: int = 0
    late: int = 0


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
            "link": f"/workbench/supervision/cards/{card.pk}/"}


def _issue_recipients(card: Card) -> list:
    """Issued to the responsible staff member and the department's heads (each once)."""
    people = [card.responsible] if card.responsible_id else []
    people += [head for head in department_heads(card.department) if head.pk != card.responsible_id]
    return people


def _named(card: Card) -> list:
    """The person a reminder names: the responsible staff member, else the department's heads."""
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
                              "clock": clock.pk, "late": clock.status == ClockStatus.STOPPED})
        moved = CARD_STATES.move(card, action="issue", to=CardStatus.ISSUED, issued_at=now,
                                 feedback_due_at=_feedback_due(clock, rule, now))
        recipients = _issue_recipients(card)
        audit_record(actor=None, action="card.issue", target=card, now=now,
                     changes={"status": moved.change, "responsible": card.responsible_id,
                              "recipients": [p.pk for p in recipients]})
        for person in recipients:
            notify(recipient=person, template="supervision.card_issued", context=_card_context(card), now=now)
    return card


def _candidates(level_q, level: str, moment: str, status: str = ClockStatus.RUNNING):
    # Ordered by the indexed moment (not the key), so the planner walks (status, moment).
    carded = Card.objects.filter(clock=OuterRef("pk"), level=level)
    return (TimeLimitClock.objects.filter(status=status).filter(level_q)
            .exclude(Exists(carded)).select_related("region", "department").order_by(moment, "pk"))


LATE_MARK = "late_stops"
# A clock is stopped inside its owner's transaction with that transaction's `now`; one that
# commits a little after a sweep read past it is seen by the next sweep through this overlap
# (the anti-join keeps it from being carded twice).
LATE_OVERLAP = dt.timedelta(hours=1)
SEVERITY = {Level.RED: 0, Level.YELLOW: 1, Level.WARNING: 2}


def _late_since(now: dt.datetime) -> dt.datetime | None:
    mark = SweepMark.objects.filter(name=LATE_MARK).first()
    return None if mark is None else mark.until - LATE_OVERLAP


def _late_mark(now: dt.datetime) -> None:
    if not SweepMark.objects.filter(name=LATE_MARK, until__lt=now).update(until=now):
        try:
            with transaction.atomic():
                SweepMark.objects.get_or_create(name=LATE_MARK, defaults={"until": now})
        except IntegrityError:
            pass  # another sweep created it at the same moment


def supervision_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Raise the cards due at `now`. Candidates come from the stored moments through the clock
    indexes — (status, due_at) for EXCEEDED rules, (status, warn_at) for NEAR rules — minus the
    clocks already carded at that level; the rule in force is then checked on each candidate.
    The stored warn_at is the calendar's (earlier) warning moment, so it never hides a NEAR
    candidate under the default rules. Running it twice, or twice at once, raises each card
    once: the unique constraint (clock, level) decides, and only the inserting transaction
    notifies. A cancelled card keeps its row, so its level is never raised again on that clock.

    Last, the clocks stopped since the previous sweep after their due moment (a case concluded
    late between two sweeps) get the card of their EXCEEDED rule, through (status, stopped_at)."""
    now = now or core_clock.now()
    rule_defaults_ensure(now=now)
    result = SweepResult()
    rules_cache: dict[str | None, dict] = {}

    def rule_for(clock, level, threshold):
        target = target_of(clock.owner_type, clock.purpose)
        if target is None:
            return None
        if clock.region_id not in rules_cache:
            rules_cache[clock.region_id] = rules_in_force(clock.region_id)
        rule = rules_cache[clock.region_id].get((target, level))
        return rule if rule is not None and rule.threshold == threshold else None

    in_use = rule_levels_in_use()
    passes = []
    for level, threshold in sorted(in_use, key=lambda pair: (SEVERITY[pair[0]], pair[1])):
        if threshold == ThresholdKind.EXCEEDED:
            passes.append((level, threshold, Q(due_at__lte=now), "due_at"))
        else:
            passes.append((level, threshold, Q(warn_at__lte=now, due_at__gt=now), "warn_at"))
    for level, threshold, level_q, moment in passes:
        for clock in _candidates(level_q, level, moment).iterator(chunk_size=BATCH):
            result.candidates += 1
            rule = rule_for(clock, level, threshold)
            if rule is None:
                continue
            if threshold == ThresholdKind.NEAR and not _is_near(clock, rule, now):
                continue
            if _raise(clock, rule, now) is not None:
                result.raised += 1
    since = _late_since(now)
    window = Q(stopped_at__lte=now, stopped_at__gt=F("due_at"))
    if since is not None:
        window &= Q(stopped_at__gte=since)
    for level in sorted({lv for lv, th in in_use if th == ThresholdKind.EXCEEDED}, key=SEVERITY.get):
        for clock in _candidates(window, level, "stopped_at", status=ClockStatus.STOPPED).iterator(
                chunk_size=BATCH):
            result.candidates += 1
            rule = rule_for(clock, level, ThresholdKind.EXCEEDED)
            if rule is not None and _raise(clock, rule, now) is not None:
                result.raised += 1
                result.late += 1
    _late_mark(now)
    return result


# --- a supervisor's actions on a card --------------------------------------------------------


def _locked(card: Card) -> Card:
    return Card.objects.select_for_update(of=("self",)).select_related("region", "department").get(pk=card.pk)


def _text(value: str, *, field: str, label: str, required: bool, limit: int, code: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed.on(field, _("请填写%s") % label, code=f"{code}_required")
    if len(value) > limit:
        raise ValidationFailed.on(field, _("%(label)s不能超过 %(n)s 个字") % {"label": label, "n": limit},
                                  code=f"{code}_too_long")
    return value


def card_cancel(*, actor, card: Card, reason: str, now: dt.datetime | None = None) -> Card:
    """撤销: the supervisor withdraws a card raised in error, with a reason. It stays cancelled:
    the sweep never raises the same level on the same clock again."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    reason = _text(reason, field="reason", label=_("撤销原因"), required=True, limit=300, code="cancel_reason")
    with transaction.atomic():
        card = _locked(card)
        if card.status == CardStatus.APPEALED:
            raise StateError(_("该监察牌正在申诉中，请通过处理申诉撤销"), code="card_appealed")
        moved = CARD_STATES.move(card, action="cancel", to=CardStatus.CANCELLED, closed_at=now, closed_by=actor,
                                 close_reason=reason)
        audit_record(actor=actor, action="card.cancel", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"status": moved.change, "reason": reason})
    return card


def card_escalate(*, actor, card: Card, note: str = "", now: dt.datetime | None = None) -> Card:
    """督办: the supervisor escalates an issued card to the department's heads and the region's
    supervision office."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    note = _text(note, field="note", label=_("督办意见"), required=False, limit=300, code="escalate_note")
    with transaction.atomic():
        card = _locked(card)
        moved = CARD_STATES.move(card, action="escalate", to=CardStatus.ESCALATED, closed_at=now, closed_by=actor,
                                 close_reason=note)
        recipients = department_heads(card.department)
        recipients += [p for p in supervision_office(card.region) if p.pk != actor.pk and p not in recipients]
        audit_record(actor=actor, action="card.escalate", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"status": moved.change, "note": note, "recipients": [p.pk for p in recipients]})
        for person in recipients:
            notify(recipient=person, template="supervision.card_escalated", context={**_card_context(card),
                                                                                      "note": note}, now=now)
    return card


def card_remind(*, actor, card: Card, now: dt.datetime | None = None) -> CardReminder:
    """催办: push the named responsible person (in-app and SMS); recorded and counted."""
    now = now or core_clock.now()
    _require_supervisor_of(actor, card.region)
    with transaction.atomic():
        card = _locked(card)
        if card.status not in (CardStatus.ISSUED, CardStatus.ESCALATED, CardStatus.ANSWERED):
            raise StateError(_("只有已发出、已反馈或督办中的监察牌可以催办"), code="card_not_open")
        recipients = _named(card)
        if not recipients:
            raise StateError(_("该监察牌没有可催办的责任人"), code="card_no_responsible")
        Card.objects.filter(pk=card.pk).update(reminders=F("reminders") + 1)
        card.reminders += 1
        channels = TEMPLATES["supervision.reminder"].channels
        reminder = CardReminder.objects.create(card=card, sent_by=actor, sent_at=now, channels=",".join(channels))
        reminder.recipients.set(recipients)
        audit_record(actor=actor, action="card.remind", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"recipients": [p.pk for p in recipients], "reminders": card.reminders,
                              "reminder": reminder.pk})
        for person in recipients:
            notify(recipient=person, template="supervision.reminder", context=_card_context(card), now=now)
    return reminder


# --- the responsible side: feedback and appeal ----------------------------------------------


def _require_answerer(actor, card: Card) -> None:
    """The responsible staff member or a head of the card's department answers for it."""
    if card.responsible_id is not None and actor.pk == card.responsible_id:
        return
    if card.department_id is not None and any(h.pk == actor.pk for h in department_heads(card.department)):
        return
    raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")


def card_answer(*, actor, card: Card, answer: str, now: dt.datetime | None = None) -> Card:
    """反馈: the responsible side says what it did, within the card's feedback deadline (a late
    answer is accepted and recorded as late)."""
    now = now or core_clock.now()
    _require_answerer(actor, card)
    answer = _text(answer, field="answer", label=_("反馈情况"), required=True, limit=500, code="answer")
    with transaction.atomic():
        card = _locked(card)
        moved = CARD_STATES.move(card, action="answer", to=CardStatus.ANSWERED, answer=answer, answered_at=now,
                                 answered_by=actor)
        late = card.feedback_due_at is not None and now > card.feedback_due_at
        audit_record(actor=actor, action="card.answer", target=card, now=now,
                     changes={"status": moved.change, "late": late})
    return card


def card_appeal(*, actor, card: Card, reason: str, now: dt.datetime | None = None) -> CardAppeal:
    """申诉: a head of the responsible department disputes the card; the region's supervision
    office is told. One open appeal per card (a partial unique constraint)."""
    now = now or core_clock.now()
    if card.department_id is None or not any(h.pk == actor.pk for h in department_heads(card.department)):
        if card.responsible_id == actor.pk:
            raise PermissionDenied(_("申诉须由责任部门负责人提出"), code="not_department_head")
        raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")
    reason = _text(reason, field="reason", label=_("申诉理由"), required=True, limit=500, code="appeal_reason")
    with transaction.atomic():
        card = _locked(card)
        before = card.status
        CARD_STATES.move(card, action="appeal", to=CardStatus.APPEALED)
        try:
            with transaction.atomic():
                appeal = CardAppeal.objects.create(card=card, reason=reason, card_status_before=before,
                                                   submitted_by=actor, submitted_at=now)
        except IntegrityError:
            raise StateError(_("该监察牌已有待处理的申诉"), code="appeal_open") from None
        audit_record(actor=actor, action="card.appeal", target=card, now=now, role=Role.DEPARTMENT_HEAD,
                     changes={"status": [before, CardStatus.APPEALED], "appeal": appeal.pk})
        for person in supervision_office(card.region):
            notify(recipient=person, template="supervision.appeal_submitted",
                   context={**_card_context(card), "reason": reason}, now=now)
    return appeal


APPEAL_OUTCOMES = (AppealStatus.UPHELD, AppealStatus.CANCELLED, AppealStatus.RETURNED)


def appeal_decide(*, actor, appeal: CardAppeal, outcome: str, note: str = "",
                  now: dt.datetime | None = None) -> CardAppeal:
    """The supervisor decides an appeal: 维持 (the card stands and resumes where it was), 撤销
    (the card is cancelled and stays so) or 退回 (returned with a note — e.g. evidence missing;
    the card resumes and the department may appeal again)."""
    now = now or core_clock.now()
    card = appeal.card
    _require_supervisor_of(actor, card.region)
    if outcome not in APPEAL_OUTCOMES:
        raise ValidationFailed.on("outcome", _("请选择处理结果：维持、撤销或退回"), code="appeal_outcome_invalid")
    required = outcome != AppealStatus.UPHELD
    note = _text(note, field="note", label=_("处理意见"), required=required, limit=300, code="appeal_note")
    with transaction.atomic():
        card = _locked(card)
        appeal = CardAppeal.objects.select_for_update().get(pk=appeal.pk)
        moved = APPEAL_STATES.move(appeal, action="decide", to=outcome, decided_by=actor, decided_at=now,
                                   decision_note=note)
        if outcome == AppealStatus.CANCELLED:
            card_moved = CARD_STATES.move(card, action="cancel", to=CardStatus.CANCELLED, closed_at=now,
                                          closed_by=actor, close_reason=note)
        else:
            card_moved = CARD_STATES.move(card, action="resume", to=appeal.card_status_before)
        audit_record(actor=actor, action="card.appeal_decide", target=card, now=now, role=Role.SUPERVISOR,
                     changes={"appeal": appeal.pk, "outcome": moved.change, "status": card_moved.change,
                              "note": note})
        notify(recipient=appeal.submitted_by, template="supervision.appeal_decided",
               context={**_card_context(card), "outcome": str(appeal.get_status_display()), "note": note}, now=now)
    appeal.card = card
    return appeal


# --- anomaly thresholds ----------------------------------------------------------------------


def anomaly_threshold_set(*, actor, region, kind: str, value: int, department=None,
                          now: dt.datetime | None = None) -> AnomalyThreshold:
    """A region's supervisor sets an anomaly threshold for the region (or one of its
    departments): a new version, audited; the previous versions stay."""
    from .anomalies import SPECS

    now = now or core_clock.now()
    _require_supervisor_of(actor, region)
    if region is None:
        raise ValidationFailed.on("region", _("请选择适用区划"), code="rule_region_required")
    spec = SPECS.get(kind)
    if spec is None:
        raise ValidationFailed.on("kind", _("请选择异常类型"), code="anomaly_kind_unknown")
    if value is None or not spec.minimum <= value <= spec.maximum:
        raise ValidationFailed.on("value", _("阈值应为 %(lo)s 至 %(hi)s 之间的整数")
                                  % {"lo": spec.minimum, "hi": spec.maximum}, code="anomaly_value_invalid")
    if department is not None and not _require_supervisor_of(actor, None).covers_region(department.region):
        raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")
    with transaction.atomic():
        latest = (AnomalyThreshold.objects.filter(region=region, department=department, kind=kind)
                  .aggregate(v=Max("version"))["v"] or 0)
        try:
            with transaction.atomic():
                row = AnomalyThreshold.objects.create(kind=kind, version=latest + 1, region=region,
                                                      department=department, value=value, created_at=now,
                                                      created_by=actor)
        except IntegrityError:
            raise StateError(_("该阈值刚被他人修改，请刷新后重试"), code="rule_changed") from None
        audit_record(actor=actor, action="anomaly_threshold.set", target=row, now=now, role=Role.SUPERVISOR,
                     changes={"kind": kind, "version": row.version, "region": region.pk,
                              "department": department.pk if department else None, "value": value})
    return row
