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


# ---- Special procedures and extension (processing after acceptance) ----

# 行政许可法第四十五条: 行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和
# 专家评审的，所需时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人。
# The time is not counted (every running clock of the case pauses) and the applicant is told the
# expected time in writing (特别程序告知书).
SPECIAL_PROCEDURE_BASIS = _("《中华人民共和国行政许可法》第四十五条")

# 行政许可法第四十二条第一款: 二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将
# 延长期限的理由告知申请人. The maximum is the item version's `extension_max` (10, or 15 for
# 统一办理、联合办理、集中办理, 第四十二条第二款); the clock service enforces it.
EXTENSION_BASIS = _("《中华人民共和国行政许可法》第四十二条")

# The hearing timetable (行政许可法第四十七条第一款, 第四十八条第一款第（一）项):
# - 申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的 … (the request, within 5 days of being told);
# - 行政机关应当在二十日内组织听证 (held within 20 days of the request);
# - 行政机关应当于举行听证的七日前将举行听证的时间、地点通知申请人、利害关系人 (notice 7 days before).
# 行政许可法第八十二条: 本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日. The 20 and 7
# days are the organ's own periods, plainly covered. We read the applicant's 5 days as part of the
# same licensing procedure and count them in working days too (the reading that never shortens the
# applicant's time; docs/adr/0032-special-procedures-and-extensions.md).
HEARING_REQUEST = Rule(5, LimitUnit.WORKING_DAYS, _("《中华人民共和国行政许可法》第四十七条第一款、第八十二条"))
HEARING_HELD_WITHIN = Rule(20, LimitUnit.WORKING_DAYS, _("《中华人民共和国行政许可法》第四十七条第一款、第八十二条"))
HEARING_NOTICE_BEFORE = Rule(7, LimitUnit.WORKING_DAYS,
                             _("《中华人民共和国行政许可法》第四十八条第一款第（一）项、第八十二条"))

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
