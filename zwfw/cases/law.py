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
