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

# Which clocks a target watches: (owner_type or None for any, exact purposes, purpose prefix).
TARGET_CLOCKS: dict[str, Q] = {
    Target.CASE_PROMISED: Q(owner_type="cases.case", purpose="promised"),
    Target.CASE_STATUTORY: Q(owner_type="cases.case", purpose="statutory"),
    Target.ACCEPTANCE: Q(owner_type="cases.case", purpose="acceptance"),
    Target.PRE_REVIEW: Q(owner_type="cases.case", purpose__startswith="pre_review"),
    Target.STEP: Q(purpose__startswith="step"),
    Target.DELIVERY: Q(purpose="delivery"),
    # 差评整改 (zwfw.ratings): the 1-working-day call-back and each round's rectification deadline.
    Target.RECTIFICATION: Q(purpose__startswith="rectification"),
}


def target_of(owner_type: str, purpose: str) -> str | None:
    """The target a clock belongs to (None: not supervised)."""
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
    if purpose == "delivery":
        return Target.DELIVERY
    if purpose.startswith("rectification"):
        return Target.RECTIFICATION
    return None


@dataclass(frozen=True)
class DefaultRule:
    code: str
    target: str
    threshold: str
    level: str
    source: str
    share_used_percent: int | None = None
    working_days_left: int | None = None
    feedback_working_days: int = 2


def _defaults() -> list[DefaultRule]:
    rules = []
    for target in Target.values:
        basis = TARGET_SOURCE[target]
        rules.append(DefaultRule(code=f"{target}.yellow", target=target, threshold=ThresholdKind.NEAR,
                                 level=Level.YELLOW, share_used_percent=90, working_days_left=1,
                                 source=f"{NEAR_SOURCE}；{basis}"))
        rules.append(DefaultRule(code=f"{target}.red", target=target, threshold=ThresholdKind.EXCEEDED,
                                 level=Level.RED, source=f"{EXCEEDED_SOURCE}；{basis}", feedback_working_days=1))
    return rules


DEFAULT_RULES: list[DefaultRule] = _defaults()
