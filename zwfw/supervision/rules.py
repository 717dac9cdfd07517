"""The default supervision rules, as data with their sources, and which clocks each target watches.

Sources (docs/adr/0029-supervise-cards.md; /work/shared/CASES.md "Electronic supervision"):
- yellow at 90 % of the limit used (a city's 电子监察 rules); commercial systems: yellow when at
  most 1 working day is left; either one raises the yellow card;
- red once the limit is exceeded;
- 即办件 are not timed (they have no clock, so nothing is raised for them);
- 行政许可法第三十二条: the 5 working days within which an application is accepted or deemed
  accepted; 行政许可法第四十二条: the statutory limit of a decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .models import Level, Target, ThresholdKind

NEAR_SOURCE = "电子监察通行做法：已用时限达 90% 或剩余不超过 1 个工作日亮黄牌；即办件不计时"
EXCEEDED_SOURCE = "电子监察通行做法：超过时限亮红牌"
TARGET_SOURCE = {
    Target.CASE_PROMISED: "承诺办结时限（政务服务事项实施清单）",
    Target.CASE_STATUTORY: "行政许可法第四十二条",
    Target.ACCEPTANCE: "行政许可法第三十二条（5 个工作日内决定是否受理）",
    Target.PRE_REVIEW: "网上预审时限（事项版本）",
    Target.STEP: "环节时限（事项办理流程）",
    Target.DELIVERY: "送达时限",
    Target.RECTIFICATION: "整改期限",
}

# Which clocks a target watches, keyed on the clock's purpose (and owner type for the case's own
# limits): any owner's clock whose purpose is `step:<n>` is a step, `delivery…` a delivery,
# `rectification…` a rectification work order — a new kind of owner with such clocks is
# supervised without a change here.
TARGET_CLOCKS: dict[str, Q] = {
    Target.CASE_PROMISED: Q(owner_type="cases.case", purpose="promised"),
    Target.CASE_STATUTORY: Q(owner_type="cases.case", purpose="statutory"),
    Target.ACCEPTANCE: Q(owner_type="cases.case", purpose="acceptance"),
    Target.PRE_REVIEW: Q(owner_type="cases.case", purpose__startswith="pre_review"),
    Target.STEP: Q(purpose__startswith="step"),
    Target.DELIVERY: Q(purpose__startswith="delivery"),
    # 差评整改 (zwfw.ratings): the 1-working-day call-back and each round's rectification deadline.
    Target.RECTIFICATION: Q(purpose__startswith="rectification"),
}


def target_of(owner_type: str, purpose: str) -> str | None:
    """The target a clock belongs to (None: not supervised; e.g. a supplement notice's wait)."""
    if owner_type == "cases.case":
        if purpose == "promised":
            return Target.CASE_PROMISED
        if purpose == "statutory":
            return Target.CASE_STATUTORY
        if purpose == "acceptance":
            return Target.ACCEPTANCE
        if purpose.startswith("pre_review"):
            return Target.PRE_REVIEW
    if purpose.startswith("step"):
        return Target.STEP
    if purpose.startswith("delivery"):
        return Target.DELIVERY
    if purpose.startswith("rectification"):
        return Target.RECTIFICATION
    return None


@dataclass(frozen=True)
class DefaultRule:
    """A default rule. `version` grows when a default changes (rows are never edited); a retired
    default is stored as a new version with `active=False`, so that older stored rows lose force."""

    code: str
    target: str
    threshold: str
    level: str
    source: str
    share_used_percent: int | None = None
    working_days_left: int | None = None
    feedback_working_days: int = 2
    version: int = 1
    active: bool = True


def rule_code(target: str, level: str) -> str:
    """A rule is named by what it watches and the card it raises: one rule per (target, level)."""
    return f"{target}.{level}"


STEP_SOURCE = "电子监察通行做法：单个环节超过其分配时限亮黄牌（环节时限为总时限的一部分，超出不等于办件超期）"


def _defaults() -> list[DefaultRule]:
    rules = []
    for target in Target.values:
        basis = TARGET_SOURCE[target]
        if target == Target.STEP:
            # A step over its own share is a yellow card (not red: the case may still finish in
            # time); near its end a 预警. Version 2: version 1 had yellow-when-near / red-when-over.
            rules.append(DefaultRule(code=rule_code(target, Level.WARNING), target=target,
                                     threshold=ThresholdKind.NEAR, level=Level.WARNING, share_used_percent=90,
                                     working_days_left=1, source=f"{NEAR_SOURCE}；{basis}"))
            rules.append(DefaultRule(code=rule_code(target, Level.YELLOW), target=target,
                                     threshold=ThresholdKind.EXCEEDED, level=Level.YELLOW, version=2,
                                     source=f"{STEP_SOURCE}；{basis}", feedback_working_days=1))
            rules.append(DefaultRule(code=rule_code(target, Level.RED), target=target,
                                     threshold=ThresholdKind.EXCEEDED, level=Level.RED, version=2, active=False,
                                     source=f"{STEP_SOURCE}；{basis}"))
            continue
        rules.append(DefaultRule(code=rule_code(target, Level.YELLOW), target=target, threshold=ThresholdKind.NEAR,
                                 level=Level.YELLOW, share_used_percent=90, working_days_left=1,
                                 source=f"{NEAR_SOURCE}；{basis}"))
        rules.append(DefaultRule(code=rule_code(target, Level.RED), target=target, threshold=ThresholdKind.EXCEEDED,
                                 level=Level.RED, source=f"{EXCEEDED_SOURCE}；{basis}", feedback_working_days=1))
    return rules


DEFAULT_RULES: list[DefaultRule] = _defaults()
