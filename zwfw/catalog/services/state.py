"""The item-version state machine: the one place that knows the transitions and writes `status`.

    draft ──submit──▶ submitted ──approve──▶ reviewed ──approve──▶ … ──approve(last step)──▶ approved
      ▲                   │                     │                                               │
      └── (edit) returned ◀───────return────────┘                                          publish
                                                                                                ▼
                                                                                            published (frozen)
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwfw.core.errors import Conflict, StateError

from ..models import ItemVersion, VersionStatus

S = VersionStatus

# action -> {from status: allowed target statuses}
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    "submit": {S.DRAFT: frozenset({S.SUBMITTED}), S.RETURNED: frozenset({S.SUBMITTED})},
    "approve": {S.SUBMITTED: frozenset({S.REVIEWED, S.APPROVED}), S.REVIEWED: frozenset({S.REVIEWED, S.APPROVED})},
    "return": {S.SUBMITTED: frozenset({S.RETURNED}), S.REVIEWED: frozenset({S.RETURNED})},
    "publish": {S.APPROVED: frozenset({S.PUBLISHED})},
}
EDITABLE = frozenset({S.DRAFT, S.RETURNED})
ACTION_LABELS = {"submit": "提交审核", "approve": "审核通过", "return": "退回", "publish": "发布", "edit": "修改"}


def require_editable(version: ItemVersion) -> None:
    if version.status not in EDITABLE:
        raise StateError(
            _("版本状态为“%(status)s”，不能修改；已发布的版本不可变更，请新建版本")
            % {"status": version.get_status_display()},
            code="version_not_editable",
        )


def version_move(version: ItemVersion, *, action: str, to: str, **fields) -> None:
    """Move `version` along one allowed edge. The UPDATE is conditional on the status (and
    review step) read before, so two reviewers acting at once cannot both succeed."""
    allowed = TRANSITIONS.get(action, {}).get(version.status, frozenset())
    if to not in allowed:
        raise StateError(
            _("版本状态为“%(status)s”，不能%(action)s")
            % {"status": version.get_status_display(), "action": ACTION_LABELS.get(action, action)},
            code="invalid_transition",
        )
    updated = ItemVersion.objects.filter(
        pk=version.pk, status=version.status, review_step=version.review_step
    ).update(status=to, **fields)
    if updated != 1:
        raise Conflict(_("该版本已被他人处理，请刷新后重试"), code="version_changed")
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)
