"""The supervision office's other duties: moderating comments before they are public, and the
region's 好差评 policy (a new version each time, audited)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import StateError, ValidationFailed

from ..models import BAD_LEVELS, CommentStatus, Level, Rating, RatingPolicy
from ._common import require_reviewer
from .state import COMMENT_STATES


def rating_comment_moderate(*, actor, rating: Rating, publish: bool, now: dt.datetime | None = None) -> Rating:
    """公开 or 不予公开 a comment: public pages show only published comments, never the rater."""
    now = now or core_clock.now()
    require_reviewer(actor, rating.region)
    if not rating.comment:
        raise StateError(_("该评价没有评价内容"), code="rating_no_comment")
    with transaction.atomic():
        rating = Rating.objects.select_for_update(of=("self",)).get(pk=rating.pk)
        to = CommentStatus.PUBLISHED if publish else CommentStatus.HIDDEN
        moved = COMMENT_STATES.move(rating, action="publish" if publish else "hide", to=to)
        audit_record(actor=actor, action="rating.moderate", target=rating, now=now,
                     changes={"comment_status": moved.change})
    return rating


def rating_policy_set(*, actor, region, default_rating_enabled: bool, default_after_days: int, default_level: int,
                      callback_working_days: int, rectification_working_days: int, source: str,
                      now: dt.datetime | None = None) -> RatingPolicy:
    now = now or core_clock.now()
    require_reviewer(actor, region)
    errors: dict[str, list[str]] = {}
    if not 1 <= int(default_after_days) <= 60:
        errors["default_after_days"] = [_("默认评价前等待天数应为 1 至 60")]
    if int(default_level) not in Level.values or int(default_level) in BAD_LEVELS:
        errors["default_level"] = [_("默认评价只能是满意度较好的等级（不能是差评）")]
    if not 1 <= int(callback_working_days) <= 5:
        errors["callback_working_days"] = [_("回访期限应为 1 至 5 个工作日")]
    if not 1 <= int(rectification_working_days) <= 30:
        errors["rectification_working_days"] = [_("整改期限应为 1 至 30 个工作日")]
    source = (source or "").strip()
    if not source or len(source) > 300:
        errors["source"] = [_("请填写依据（300 字以内）")]
    if errors:
        raise ValidationFailed(_("好差评规则填写有误，请按提示修改"), code="rating_policy_invalid", field_errors=errors)
    with transaction.atomic():
        latest = RatingPolicy.objects.filter(region=region).aggregate(v=Max("version"))["v"] or 0
        try:
            with transaction.atomic():
                row = RatingPolicy.objects.create(
                    region=region, version=latest + 1, default_rating_enabled=bool(default_rating_enabled),
                    default_after_days=int(default_after_days), default_level=int(default_level),
                    callback_working_days=int(callback_working_days),
                    rectification_working_days=int(rectification_working_days), source=source, created_at=now,
                    created_by=actor)
        except IntegrityError:
            raise StateError(_("该规则刚被他人修改，请刷新后重试"), code="rating_policy_changed") from None
        audit_record(actor=actor, action="rating_policy.set", target=row, now=now,
                     changes={"region": region.pk, "version": row.version,
                              "default_rating_enabled": row.default_rating_enabled,
                              "default_after_days": row.default_after_days, "default_level": row.default_level,
                              "callback_working_days": row.callback_working_days,
                              "rectification_working_days": row.rectification_working_days})
    return row
