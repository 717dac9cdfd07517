"""The 好差评 rules in force for a region, as data with their sources.

- 回访: real-name bad ratings are contacted and verified within 1 working day (上海市优化营商环境条例
  2024 第三十条；安阳市政务服务条例第五十二条).
- 整改: fixed at once or by a set deadline (same articles). The deadline is the region's to set;
  the platform default is 5 working days (issue 11), stated as such on every work order.
- 默认评价: some provinces record a default when an applicant has not rated within a time
  (广东: 7 natural days → 基本满意; 新疆: 5 working days → 满意); off unless a region turns it on,
  and then counted apart (docs/adr/0034-ratings-and-rectification.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from zwfw.organizations.models import region_ancestor_codes

from .models import Level, RatingPolicy

CALLBACK_SOURCE = "上海市优化营商环境条例（2024）第三十条、安阳市政务服务条例第五十二条：实名差评 1 个工作日内回访核实"
RECTIFICATION_SOURCE = ("上海市优化营商环境条例（2024）第三十条、安阳市政务服务条例第五十二条：限期整改；"
                        "期限由地方确定，本平台默认 5 个工作日")
DEFAULT_RATING_SOURCE = "广东省：7 个自然日未评价默认“基本满意”（地方做法，默认关闭）"


@dataclass(frozen=True)
class Policy:
    default_rating_enabled: bool = False
    default_after_days: int = 7  # natural days after conclusion
    default_level: int = Level.FAIRLY_SATISFIED
    callback_working_days: int = 1
    rectification_working_days: int = 5
    source: str = f"{CALLBACK_SOURCE}；{RECTIFICATION_SOURCE}"
    version: int = 0  # 0: the platform default, no stored row


DEFAULT_POLICY = Policy()


def policy_for(region_code: str | None) -> Policy:
    """The policy in force for a region: the highest version of the nearest region (itself, then
    up the tree) that has one, else the platform default."""
    if not region_code:
        return DEFAULT_POLICY
    chain = list(region_ancestor_codes(region_code))
    rows = list(RatingPolicy.objects.filter(region__in=chain).order_by("-version"))
    for code in chain:
        for row in rows:
            if row.region_id == code:
                return Policy(default_rating_enabled=row.default_rating_enabled,
                              default_after_days=row.default_after_days, default_level=row.default_level,
                              callback_working_days=row.callback_working_days,
                              rectification_working_days=row.rectification_working_days, source=row.source,
                              version=row.version)
    return DEFAULT_POLICY
