"""The item-version and item state machines: the one place that knows their transitions.

    draft ──submit──▶ submitted ──approve──▶ reviewed ──approve──▶ … ──approve(last step)──▶ approved
      ▲                   │                     │                                               │
      └── (edit) returned ◀───────return────────┘                                          publish
                                                                                                ▼
                                                                                            published (frozen)

`load` (draft → published) is the bulk loaders' edge (demo and seed loads, ADR 0011): one act
of the loading operator, audited once per load by its caller. An item is active until cancelled.
The writes go through zwfw.core.state (ADR 0020).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.core.errors import StateError
from zwfw.core.state import Moved, StateMachine

from ..models import ItemStatus, ItemVersion, VersionStatus

S = VersionStatus

VERSION_STATES = StateMachine(
    name="catalog.version",
    transitions={
        "submit": {S.DRAFT: {S.SUBMITTED}, S.RETURNED: {S.SUBMITTED}},
        "approve": {S.SUBMITTED: {S.REVIEWED, S.APPROVED}, S.REVIEWED: {S.REVIEWED, S.APPROVED}},
        "return": {S.SUBMITTED: {S.RETURNED}, S.REVIEWED: {S.RETURNED}},
        "publish": {S.APPROVED: {S.PUBLISHED}},
        "load": {S.DRAFT: {S.PUBLISHED}},
    },
    labels={"submit": gettext_lazy("提交审核"), "approve": gettext_lazy("审核通过"), "return": gettext_lazy("退回"),
            "publish": gettext_lazy("发布"), "load": gettext_lazy("导入发布")},
    conflict_message=gettext_lazy("该版本已被他人处理，请刷新后重试"),
    conflict_code="version_changed",
)

ITEM_STATES = StateMachine(
    name="catalog.item",
    transitions={"cancel": {ItemStatus.ACTIVE: {ItemStatus.CANCELLED}}},
    labels={"cancel": gettext_lazy("取消")},
    errors={"cancel": (gettext_lazy("事项已取消"), "item_cancelled")},
    conflict_message=gettext_lazy("事项已取消"),
    conflict_code="item_cancelled",
)

EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def require_editable(version: ItemVersion) -> None:
    if version.status not in EDITABLE:
        raise StateError(
            _("版本状态为“%(status)s”，不能修改；已发布的版本不可变更，请新建版本")
            % {"status": version.get_status_display()},
            code="version_not_editable",
        )


def version_move(version: ItemVersion, *, action: str, to: str, **fields) -> Moved:
    """Move `version` along one allowed edge. The UPDATE is conditional on the status and the
    review step read before, so two reviewers acting at once cannot both succeed."""
    return VERSION_STATES.move(version, action=action, to=to, guard={"review_step": version.review_step}, **fields)
