"""Review and publication: submit → chain of reviewers (approve / return with comments) → publish."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import PermissionDenied, StateError, ValidationFailed

from ..in_force import version_latest_published
from ..models import ItemVersion, ReviewDecision, ReviewOutcome, ServiceItem, VersionStatus
from ..search.indexing import search_index_items
from ..snapshots import COMMENTABLE_FIELDS
from .permissions import can_edit_item, can_publish, can_review_step, require, review_chain_steps
from .state import version_move


def _locked(version: ItemVersion) -> ItemVersion:
    return ItemVersion.objects.select_for_update().select_related("item__region").get(pk=version.pk)


def item_submit_for_review(*, actor, version: ItemVersion, now=None) -> ItemVersion:
    now = now or clock.now()
    with transaction.atomic():
        version = _locked(version)
        require(can_edit_item(actor, version.item), _("只有本部门的事项编辑人员可以提交审核"))
        # A resubmission after a return is audited as returned → submitted: the edge actually taken.
        moved = version_move(version, action="submit", to=VersionStatus.SUBMITTED, submitted_at=now, review_step=0)
        audit_record(actor=actor, action="catalog.version.submit", target=version, role=Role.CATALOG_EDITOR,
                     changes={"status": moved.change}, now=now)
    return version


def _current_step(actor, version: ItemVersion):
    steps = review_chain_steps(version.item.region)
    if version.status not in (VersionStatus.SUBMITTED, VersionStatus.REVIEWED):
        raise StateError(_("该版本不在审核中"), code="not_under_review")
    # A chain shortened while a version is under review: the version stands at its last step.
    step = steps[min(version.review_step, len(steps) - 1)]
    if not can_review_step(actor, version.item, step):
        raise PermissionDenied(_("当前审核环节为“%s”，您不是该环节的审核人员") % step.label)
    if version.created_by_id is not None and version.created_by_id == actor.pk:
        # Four-eyes principle: nobody approves or returns their own draft.
        raise PermissionDenied(_("不能审核本人起草的版本"), code="own_version")
    if passed_earlier_step(actor, version):
        raise PermissionDenied(_("您已审核通过本版本的前一环节，同一人不能审核多个环节"), code="step_already_passed")
    return step, steps


def passed_earlier_step(actor, version: ItemVersion) -> bool:
    """One person, one step: whether `actor` approved an earlier step of this round (since the last
    return), which bars them from a later one, or the chain would be one person's decision."""
    last_return = (version.decisions.filter(outcome=ReviewOutcome.RETURN).order_by("-id")
                   .values_list("id", flat=True).first() or 0)
    return version.decisions.filter(outcome=ReviewOutcome.APPROVE, reviewer=actor, id__gt=last_return).exists()


def item_review_approve(*, actor, version: ItemVersion, comment: str = "", now=None) -> ItemVersion:
    """The current step of the chain approves; after the last step the version is approved."""
    now = now or clock.now()
    with transaction.atomic():
        version = _locked(version)
        step, steps = _current_step(actor, version)
        ReviewDecision.objects.create(version=version, step_position=step.position, step_label=step.label,
                                      outcome=ReviewOutcome.APPROVE, comment=comment, reviewer=actor,
                                      decided_at=now)
        if step.position + 1 >= len(steps):
            moved = version_move(version, action="approve", to=VersionStatus.APPROVED, approved_at=now)
        else:
            moved = version_move(version, action="approve", to=VersionStatus.REVIEWED, review_step=step.position + 1)
        audit_record(actor=actor, action="catalog.version.approve", target=version, role=step.role,
                     changes={"status": moved.change, "step": step.label, "comment": comment}, now=now)
    return version


def item_review_return(*, actor, version: ItemVersion, comment: str = "",
                       field_comments: dict[str, str] | None = None, now=None) -> ItemVersion:
    """Return the version to its editors with an overall comment and/or comments on fields."""
    now = now or clock.now()
    field_comments = {k: str(v).strip() for k, v in (field_comments or {}).items() if str(v).strip()}
    unknown = sorted(set(field_comments) - COMMENTABLE_FIELDS)
    if unknown:
        raise ValidationFailed.on("field_comments", _("未知的事项要素：%s") % "、".join(unknown))
    if not comment.strip() and not field_comments:
        raise ValidationFailed.on("comment", _("退回时必须填写审核意见"), code="comment_required")
    with transaction.atomic():
        version = _locked(version)
        step, _steps = _current_step(actor, version)
        ReviewDecision.objects.create(version=version, step_position=step.position, step_label=step.label,
                                      outcome=ReviewOutcome.RETURN, comment=comment,
                                      field_comments=field_comments, reviewer=actor, decided_at=now)
        moved = version_move(version, action="return", to=VersionStatus.RETURNED, review_step=0)
        audit_record(actor=actor, action="catalog.version.return", target=version, role=step.role,
                     changes={"status": moved.change, "step": step.label, "comment": comment,
                              "field_comments": field_comments}, now=now)
    return version


def item_publish(*, actor, version: ItemVersion, effective_on: dt.date | None = None, now=None) -> ItemVersion:
    """Publish an approved version; it is frozen. Effective today (the default) it becomes the
    item's current version at once; with a later `effective_on` it is scheduled and
    `catalog_versions_take_effect` makes it current on that day. Older published versions stay
    readable."""
    now = now or clock.now()
    today = clock.today(now)
    effective_on = effective_on or today
    with transaction.atomic():
        version = _locked(version)
        item = ServiceItem.objects.select_for_update().get(pk=version.item_id)
        require(can_publish(actor, item), _("只有本区域的事项审核人员可以发布事项"))
        if item.status != "active":
            raise StateError(_("事项已取消，不能发布"), code="item_cancelled")
        latest = version_latest_published(item)
        if latest is not None and effective_on < latest.effective_on:
            # Versions take effect in the order they are published: otherwise older content (a
            # scheduled version, or the one in force) would come back into force after this one.
            raise ValidationFailed.on(
                "effective_on",
                _("第 %(number)s 版的生效日期为 %(date)s，新版本的生效日期不能早于该日")
                % {"number": latest.number, "date": latest.effective_on.isoformat()},
                code="effective_before_previous",
            )
        previous = item.current_version_id
        moved = version_move(version, action="publish", to=VersionStatus.PUBLISHED, published_at=now,
                             published_by=actor, effective_on=effective_on)
        scheduled = effective_on > today
        if not scheduled:
            item.current_version = version
            item.save(update_fields=["current_version"])
            search_index_items([item.pk], now=now)
        audit_record(actor=actor, action="catalog.version.publish", target=version, role=Role.CATALOG_REVIEWER,
                     changes={"status": moved.change, "previous_version_id": previous,
                              "effective_on": version.effective_on, "scheduled": scheduled}, now=now)
    return version
