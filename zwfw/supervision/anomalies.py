"""Anomalies (异常): patterns in a region's cases worth a supervisor's look, with thresholds as data.

Each pattern is one query over the clocks a case owns (owner "cases.case"; its pauses and
extensions) or the case row itself, limited to the supervisor's region subtree and a period of
receipt (`Case.received_at` is indexed), so the work is bounded by the cases of the period and
reaches clocks through their unique (owner_type, owner_id, purpose) index — no scan of all cases.

Default thresholds and their basis:
- paused_often: paused ≥ 2 times (补正 is told once, 行政许可法第三十二条; a second pause is unusual);
- paused_long: one pause of ≥ 30 calendar days (特别程序 should name its own period, 第四十五条);
- extended: extensions above the department's norm, default 5 working days (the law allows up to
  10 with the head's approval, 第四十二条; a department extending further than usual is flagged);
- accepted_late: accepted after the 5-working-day acceptance limit (+ grace hours, default 0) or
  deemed accepted (第三十二条);
- no_decision_document: concluded ≥ N days ago (default 0) with no document issued on the case
  beyond the acceptance-stage notices (a decision must be written, 第三十八条);
- steps_last_day: a case with ≥ N steps (default 2) all finished within the last day of their limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from .models import AnomalyKind

CASE_OWNER = "cases.case"
STEP_PREFIX = "step"
ACCEPTANCE_PURPOSE = "acceptance"
# Documents of the acceptance stage; any other document on a concluded case counts as its decision.
ACCEPTANCE_DOCUMENTS = ("accept_notice", "reject_notice", "supplement_notice")
LAST_DAY = dt.timedelta(hours=24)
DEFAULT_PERIOD_DAYS = 90


@dataclass(frozen=True)
class ThresholdSpec:
    default: int
    unit: str
    source: str
    minimum: int = 0
    maximum: int = 365


SPECS: dict[str, ThresholdSpec] = {
    AnomalyKind.PAUSED_OFTEN: ThresholdSpec(2, _("次"), _("补正材料应一次性告知（行政许可法第三十二条），暂停两次及以上需关注"),
                                            minimum=1, maximum=20),
    AnomalyKind.PAUSED_LONG: ThresholdSpec(30, _("自然日"), _("特别程序所需时间应书面告知（行政许可法第四十五条），单次暂停过长需关注"),
                                           minimum=1),
    AnomalyKind.EXTENDED: ThresholdSpec(5, _("工作日"), _("延期须经本机关负责人批准、最长 10 个工作日（行政许可法第四十二条）；超过部门常规需关注"),
                                        minimum=0, maximum=30),
    AnomalyKind.ACCEPTED_LATE: ThresholdSpec(0, _("小时（宽限）"), _("5 个工作日内决定是否受理，逾期视为受理（行政许可法第三十二条）"),
                                             maximum=240),
    AnomalyKind.NO_DECISION_DOCUMENT: ThresholdSpec(0, _("日（办结后宽限）"), _("准予或不予行政许可应作出书面决定（行政许可法第三十八条）"),
                                                    maximum=30),
    AnomalyKind.STEPS_LAST_DAY: ThresholdSpec(2, _("个环节以上"), _("各环节均在时限最后一天完成，可能压件"), minimum=1, maximum=20),
}


@dataclass
class Flagged:
    case: object
    reasons: list[str] = field(default_factory=list)


def _case_ids(owner_ids) -> set[int]:
    return {int(pk) for pk in owner_ids}


def flagged_case_ids(cases, thresholds: dict, now: dt.datetime) -> dict[int, list[str]]:
    """{case id: [anomaly kind, …]} for the cases of `cases` (a queryset of the period and
    region). `thresholds` maps (kind, department id or None) → value; a department's own value
    wins over the region's."""
    from zwfw.calendar.models import ClockPause, TimeLimitClock
    from zwfw.documents.models import OfficialDocument

    rows = list(cases.values_list("pk", "department_id", "status", "deemed_accepted", "concluded_at"))
    if not rows:
        return {}
    dept_of = {pk: dept for pk, dept, *_rest in rows}
    keys = [str(pk) for pk in dept_of]

    def value(kind, case_id):
        return thresholds.get((kind, dept_of.get(case_id)), thresholds[(kind, None)])

    out: dict[int, list[str]] = {}

    def flag(case_id, kind):
        out.setdefault(case_id, [])
        if kind not in out[case_id]:
            out[case_id].append(kind)

    clocks = TimeLimitClock.objects.filter(owner_type=CASE_OWNER, owner_id__in=keys)
    # Paused often: pauses per case, over all its clocks.
    counts = (ClockPause.objects.filter(clock__in=clocks).values("clock__owner_id")
              .annotate(n=Count("pk")).values_list("clock__owner_id", "n"))
    for owner_id, n in counts:
        if n >= value(AnomalyKind.PAUSED_OFTEN, int(owner_id)):
            flag(int(owner_id), AnomalyKind.PAUSED_OFTEN)
    # Paused long: the smallest threshold in play bounds the query; each case is then checked.
    smallest = min(v for (k, _d), v in thresholds.items() if k == AnomalyKind.PAUSED_LONG)
    long_q = (Q(ended_at__isnull=False, ended_at__gte=F("started_at") + dt.timedelta(days=smallest))
              | Q(ended_at__isnull=True, started_at__lte=now - dt.timedelta(days=smallest)))
    for owner_id, started, ended in (ClockPause.objects.filter(clock__in=clocks).filter(long_q)
                                     .values_list("clock__owner_id", "started_at", "ended_at")):
        days = ((ended or now) - started) / dt.timedelta(days=1)
        if days >= value(AnomalyKind.PAUSED_LONG, int(owner_id)):
            flag(int(owner_id), AnomalyKind.PAUSED_LONG)
    # Extended above the department's norm: a clock's stored extension_days is the sum of its
    # approved extensions (the promised and statutory clocks are extended together).
    for owner_id, days in (clocks.filter(extension_days__gt=0).values_list("owner_id", "extension_days")):
        if days > value(AnomalyKind.EXTENDED, int(owner_id)):
            flag(int(owner_id), AnomalyKind.EXTENDED)
    # Accepted late: the acceptance clock stopped after its due moment (+ grace), or deemed accepted.
    for owner_id, stopped, due in (clocks.filter(purpose=ACCEPTANCE_PURPOSE, stopped_at__gt=F("due_at"))
                                   .values_list("owner_id", "stopped_at", "due_at")):
        grace = dt.timedelta(hours=value(AnomalyKind.ACCEPTED_LATE, int(owner_id)))
        if stopped > due + grace:
            flag(int(owner_id), AnomalyKind.ACCEPTED_LATE)
    for pk, _dept, _status, deemed, _concluded in rows:
        if deemed:
            flag(pk, AnomalyKind.ACCEPTED_LATE)
    # Concluded without a decision document.
    concluded = [pk for pk, _d, status, _deemed, at in rows if status == "concluded" and at is not None
                 and at <= now - dt.timedelta(days=value(AnomalyKind.NO_DECISION_DOCUMENT, pk))]
    if concluded:
        documented = set(OfficialDocument.objects.filter(owner_type=CASE_OWNER, owner_id__in=[str(pk) for pk in concluded])
                         .exclude(kind__in=ACCEPTANCE_DOCUMENTS).values_list("owner_id", flat=True))
        for pk in concluded:
            if str(pk) not in documented:
                flag(pk, AnomalyKind.NO_DECISION_DOCUMENT)
    # Steps always finished on the last day of their limit.
    steps = (clocks.filter(purpose__startswith=STEP_PREFIX, stopped_at__isnull=False)
             .values("owner_id").annotate(
                 n=Count("pk"),
                 last=Count("pk", filter=Q(stopped_at__gt=F("due_at") - LAST_DAY, stopped_at__lte=F("due_at"))))
             .values_list("owner_id", "n", "last"))
    for owner_id, n, last in steps:
        if n == last and n >= value(AnomalyKind.STEPS_LAST_DAY, int(owner_id)):
            flag(int(owner_id), AnomalyKind.STEPS_LAST_DAY)
    return out
