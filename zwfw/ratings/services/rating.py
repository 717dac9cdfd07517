"""Rating a case (好差评, GB/T 39046—2020 table 9): once per channel, five levels (A.8), indicator
tags, an optional comment. Entry points by channel — the applicant's account, the SMS link, the
QR code on the receipt, the hall's rating tablet — all end in `_rate`, one transaction that also
opens the work order of a bad rating (work_order.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import AccountKind
from zwfw.cases.models import Case, CaseStatus
from zwfw.cases.selectors import case_get
from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, NotFound, StateError, ValidationFailed
from zwfw.organizations.models import Window

from ..indicators import indicators_for
from ..models import BAD_LEVELS, ONLINE_RATING_CHANNELS, Level, Rating, RatingChannel
from ..tokens import case_from_token, window_from_token
from .work_order import work_order_open

COMMENT_MAX = 500
TAGS_MAX = 8
# Any tag or entity: comments are shown on public pages, so markup is refused, not escaped later.
HTML = re.compile(r"<\s*[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
# A case is rated once acceptance is behind it (the acceptance experience) and after conclusion.
# Keyed on the status only: whatever path concluded a case, a status not listed here is rateable.
NOT_YET_RATEABLE = frozenset({CaseStatus.DRAFT, CaseStatus.PRE_REVIEW, CaseStatus.RECEIVED, CaseStatus.SUPPLEMENT,
                              CaseStatus.WITHDRAWN, CaseStatus.REJECTED})


def case_rateable(case: Case) -> bool:
    return case.status not in NOT_YET_RATEABLE


def _clean(*, channel: str, level, tags: Iterable[str], comment: str) -> tuple[int, list[str], str]:
    errors: dict[str, list[str]] = {}
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in Level.values:
        errors["level"] = [_("请选择满意度（非常满意至非常不满意）")]
    allowed = {i.code for i in indicators_for(channel in ONLINE_RATING_CHANNELS)}
    tags = list(dict.fromkeys(t for t in (tags or []) if t))
    if any(t not in allowed for t in tags) or len(tags) > TAGS_MAX:
        errors["tags"] = [_("评价指标不在本渠道的指标范围内")]
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [_("评价内容不能超过 %s 个字") % COMMENT_MAX]
    elif HTML.search(comment):
        errors["comment"] = [_("评价内容不能包含网页代码（如尖括号标签），请用文字描述")]
    if errors:
        code = ("rating_comment_too_long" if "comment" in errors and len(comment) > COMMENT_MAX else
                "rating_comment_html" if "comment" in errors else
                "rating_level_invalid" if "level" in errors else "rating_tags_invalid")
        raise ValidationFailed(_("评价填写有误，请按提示修改"), code=code, field_errors=errors)
    return level, tags, comment


def _staff_of(case: Case):
    person = case.accepted_by if case.accepted_by_id else None
    return person if person is not None and person.kind == AccountKind.STAFF else None


def _rate(*, case: Case, channel: str, level, tags, comment: str, actor, rater_name: str, real_name: bool,
          window: Window | None, now: dt.datetime, is_default: bool = False) -> Rating:
    if channel not in RatingChannel.values:
        raise ValidationFailed.on("channel", _("未知的评价渠道"), code="rating_channel_invalid")
    level, tags, comment = _clean(channel=channel, level=level, tags=tags, comment=comment)
    with transaction.atomic():
        # The case row lock orders concurrent ratings of one case, so 评价次数 counts without gaps.
        case = (Case.objects.select_for_update(of=("self",)).select_related("accepted_by", "window")
                .get(pk=case.pk))
        if not case_rateable(case):
            raise StateError(_("该办件尚未受理或办结，暂不能评价"), code="case_not_rateable")
        if Rating.objects.filter(case=case, channel=channel).exists():
            raise Conflict(_("该办件已通过“%s”评价过，每个渠道只能评价一次") % RatingChannel(channel).label,
                           code="rating_exists")
        sequence = Rating.objects.filter(case=case).count() + 1
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    case=case, channel=channel, sequence=sequence, level=level, tags=tags, comment=comment,
                    rated_at=now, rater=actor, rater_name=rater_name[:60], real_name=real_name,
                    is_default=is_default, stage=case.status, window=window or case.window,
                    staff=_staff_of(case), region_id=case.region_id, department_id=case.department_id,
                    service_center_id=case.service_center_id or (window.center_id if window else None),
                )
        except IntegrityError:
            raise Conflict(_("该办件已通过“%s”评价过，每个渠道只能评价一次") % RatingChannel(channel).label,
                           code="rating_exists") from None
        audit_record(actor=actor, action="rating.create", target=rating, now=now,
                     changes={"case": case.pk, "channel": channel, "level": level, "sequence": sequence,
                              "tags": tags, "comment_chars": len(comment), "default": is_default,
                              "real_name": real_name})
        if level in BAD_LEVELS:
            work_order_open(rating=rating, now=now)
    return rating


def _applicant_name(case: Case) -> str:
    return str(case.applicant.name) if case.applicant_id else ""


def rating_create_by_applicant(*, actor, case_id, level, tags=(), comment: str = "",
                               channel: str = RatingChannel.PC, now: dt.datetime | None = None) -> Rating:
    """From the applicant's account (PC端 or 移动服务端): only a case the account may see as applicant."""
    now = now or core_clock.now()
    if channel not in ONLINE_RATING_CHANNELS:
        raise ValidationFailed.on("channel", _("从个人账号评价只能选择PC端或移动服务端"), code="rating_channel_invalid")
    if getattr(actor, "kind", None) not in (AccountKind.CITIZEN, AccountKind.ENTERPRISE):
        raise NotFound(_("未找到该办件"), code="case_not_found")
    case = case_get(viewer=actor, case_id=case_id)
    return _rate(case=case, channel=channel, level=level, tags=tags, comment=comment, actor=actor,
                 rater_name=actor.full_name or _applicant_name(case), real_name=True, window=None, now=now)


def rating_create_by_link(*, token: str, level, tags=(), comment: str = "", now: dt.datetime | None = None) -> Rating:
    """From the SMS link (短信) or the receipt's QR code (二维码): the signed token names the case;
    whoever holds the applicant's message or receipt rates on the applicant's behalf."""
    now = now or core_clock.now()
    case_id, purpose = case_from_token(token)
    channel = {"sms": RatingChannel.SMS, "qr": RatingChannel.QR}.get(purpose)
    case = Case.objects.select_related("applicant").filter(pk=case_id).first()
    if case is None or channel is None:
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid")
    return _rate(case=case, channel=channel, level=level, tags=tags, comment=comment, actor=None,
                 rater_name=_applicant_name(case), real_name=True, window=None, now=now)


def rating_create_at_tablet(*, window_token: str, case_token: str, level, tags=(), comment: str = "",
                            now: dt.datetime | None = None) -> Rating:
    """On the hall's rating tablet (大厅平板), bound to one window, no sign-in: the case comes from
    the receipt's QR code; the rating is also about that window and the clerk who accepted."""
    now = now or core_clock.now()
    window = Window.objects.filter(pk=window_from_token(window_token), is_active=True).first()
    if window is None:
        raise NotFound(_("评价平板的绑定无效，请联系窗口工作人员"), code="tablet_binding_invalid")
    case_id, purpose = case_from_token(case_token, "qr")
    case = Case.objects.select_related("applicant").filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid")
    return _rate(case=case, channel=RatingChannel.HALL_TABLET, level=level, tags=tags, comment=comment, actor=None,
                 rater_name=_applicant_name(case), real_name=True, window=window, now=now)
