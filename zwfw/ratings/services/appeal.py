"""申诉: the responsible department contests a rating it holds malicious or mistaken; the
supervision office upholds it or removes it, with reasons either way. Nothing is deleted: a
removed rating keeps its row (status 已剔除, left out of the statistics), the appeal keeps both
reasons, and the audit trail keeps every step."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record

from ..models import Appeal, AppealStatus, Rating, RatingStatus, WorkOrder
from ._common import require_department_staff, require_reviewer, text_required
from .state import APPEAL_STATES, RATING_STATES
from .work_order import work_order_cancel

REASON_MAX = 1000


def rating_appeal_file(*, actor, rating: Rating, reason: str, now: dt.datetime | None = None) -> Appeal:
    now = now or core_clock.now()
    require_department_staff(actor, rating.department)
    reason = text_required(reason, field="reason", label=_("申诉理由"), limit=REASON_MAX, code="appeal_reason")
    with transaction.atomic():
        rating = Rating.objects.select_for_update(of=("self",)).get(pk=rating.pk)
        moved = RATING_STATES.move(rating, action="appeal", to=RatingStatus.APPEALED)
        appeal = Appeal.objects.create(rating=rating, reason=reason, filed_at=now, filed_by=actor)
        audit_record(actor=actor, action="rating.appeal", target=rating, now=now,
                     changes={"status": moved.change, "appeal": appeal.pk, "reason": reason})
    return appeal


def rating_appeal_decide(*, actor, appeal: Appeal, remove: bool, reason: str,
                         now: dt.datetime | None = None) -> Appeal:
    """Uphold (the rating counts again) or remove (it stays recorded, counted nowhere, and its
    open work order is withdrawn)."""
    now = now or core_clock.now()
    require_reviewer(actor, appeal.rating.region)
    reason = text_required(reason, field="reason", label=_("审核理由"), limit=REASON_MAX, code="appeal_decision")
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update(of=("self",)).select_related("rating").get(pk=appeal.pk)
        rating = Rating.objects.select_for_update(of=("self",)).get(pk=appeal.rating_id)
        outcome = AppealStatus.REMOVED if remove else AppealStatus.UPHELD
        moved = APPEAL_STATES.move(appeal, action="remove" if remove else "uphold", to=outcome,
                                   decision_reason=reason, decided_at=now, decided_by=actor)
        rating_moved = RATING_STATES.move(rating, action="remove" if remove else "uphold",
                                          to=RatingStatus.REMOVED if remove else RatingStatus.VALID)
        audit_record(actor=actor, action="rating.appeal_decide", target=rating, now=now,
                     changes={"appeal": appeal.pk, "appeal_status": moved.change, "status": rating_moved.change,
                              "reason": reason})
        order = WorkOrder.objects.filter(rating=rating).first()
        if remove and order is not None:
            work_order_cancel(actor=actor, work_order=order, reason=_("评价经申诉审核剔除：%s") % reason, now=now)
    appeal.rating = rating
    return appeal
