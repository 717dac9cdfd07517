"""The law of applying and acceptance, as data (cited; never a bare number in a service).

Every limit here is in working days (行政许可法第八十二条: 期限以工作日计算，不含法定节假日).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zwfw.calendar.limits import LimitUnit


@dataclass(frozen=True)
class Rule:
    limit: int
    unit: str
    basis: str


# 行政许可法第三十二条第一款第（四）项: incomplete materials are told at once, on the spot or
# within five days; if not told in time, the application counts as accepted from the day the
# materials were received (视为受理).
DEEMED_ACCEPTANCE = Rule(5, LimitUnit.WORKING_DAYS, _("《中华人民共和国行政许可法》第三十二条第一款第（四）项"))

# Online pre-review (网上预审) answered within a number of working days: a local rule (e.g. 安阳市
# 政务服务条例 2021: one working day). The figure is the item version's `pre_review_limit`
# (catalog codes PRE_REVIEW_LIMIT_DAYS / PRE_REVIEW_BASIS); only the unit is fixed here.
PRE_REVIEW = Rule(1, LimitUnit.WORKING_DAYS, _("地方政务服务条例（网上预审一个工作日内反馈）"))

# 行政许可法第三十二条第一款第（一）（二）项 and 第三十八条第二款: a refusal states its reasons and,
# where the matter is not this body's, which body to apply to; remedies are printed on the notice.
REFUSAL_BASIS = _("《中华人民共和国行政许可法》第三十二条、第三十八条")

# 行政许可法第三十二条第一款第（四）项: everything missing is told once (一次性告知).
SUPPLEMENT_BASIS = _("《中华人民共和国行政许可法》第三十二条第一款第（四）项")

# 国务院令第716号（国务院关于在线政务服务的若干规定）第七条: what can be obtained by sharing is not
# asked of the applicant again.
SHARED_DATA_BASIS = _("《国务院关于在线政务服务的若干规定》（国务院令第716号）第七条")

# 行政许可法第四十二条: the limit (20 working days, +10 on the head's approval) is the time for
# *making the decision* ("自受理行政许可申请之日起二十日内作出行政许可决定"). So the statutory clock
# — and the promised one, the platform's shortened promise of the same decision — stop when the
# decision is taken; what follows runs on the delivery clock below.
DECISION_BASIS = _("《中华人民共和国行政许可法》第四十二条")

# 行政许可法第四十四条: "行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人颁发、送达
# 行政许可证件". Working days by 第八十二条. The law fixes no separate limit for delivering a denial;
# we read the same ten days as the platform's rule for every decision document (ADR 0031).
DELIVERY = Rule(10, LimitUnit.WORKING_DAYS, _("《中华人民共和国行政许可法》第四十四条"))

# 行政许可法第三十八条第二款: a denial states its reasons and tells the applicant of the right to
# administrative reconsideration or litigation.
DENIAL_BASIS = _("《中华人民共和国行政许可法》第三十八条")


@dataclass(frozen=True)
class Remedy:
    """A remedy printed on a denial: within what time, counted from when, and its source."""

    limit: int
    unit: str
    basis: str


# 行政复议法（2023年修订）第二十条第一款: "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；
# 但是法律规定的申请期限超过六十日的除外" — 60 (natural) days. 第二十四条: a county-level people's
# government is the reconsideration body for its own departments' acts (hence "<区划>人民政府").
RECONSIDERATION = Remedy(60, "days", _("《中华人民共和国行政复议法》（2023年修订）第二十条"))
# 行政诉讼法第四十六条第一款: "应当自知道或者应当知道作出行政行为之日起六个月内提出" — 6 months; 第十四条、
# 第十八条: the basic people's court where the organ that acted is located.
LITIGATION = Remedy(6, "months", _("《中华人民共和国行政诉讼法》第四十六条"))
