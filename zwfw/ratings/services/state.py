"""The 好差评 life cycles (zwfw.core.state, ADR 0020): the only writers of their status fields.

Rating:      有效 valid ──appeal──▶ 申诉中 appealed ──uphold──▶ valid
                                              └──remove──▶ 已剔除 removed (kept, never deleted)
Comment:     待审核 pending ──publish──▶ 已公开 published ──hide──▶ 不予公开 hidden
Work order:  待回访 open ──callback──▶ 整改中 called_back ──submit──▶ 待审核 submitted ──close──▶ 已办结
             (open ──submit──▶ submitted when no call-back is owed: an anonymous rating)
             submitted ──send_back──▶ 退回 returned ──submit──▶ submitted
             any open state ──cancel──▶ 已撤销 (the rating was removed on appeal)
Appeal:      待审核 pending ──uphold / remove──▶ 评价维持 upheld / 评价剔除 removed
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from ..models import AppealStatus, CommentStatus, RatingStatus, WorkOrderStatus

R, C, W, A = RatingStatus, CommentStatus, WorkOrderStatus, AppealStatus

RATING_STATES = StateMachine(
    name="ratings.rating",
    transitions={
        "appeal": {R.VALID: {R.APPEALED}},
        "uphold": {R.APPEALED: {R.VALID}},
        "remove": {R.APPEALED: {R.REMOVED}},
    },
    labels={"appeal": _("申诉"), "uphold": _("维持评价"), "remove": _("剔除评价")},
    errors={"appeal": (_("该评价正在申诉中或已被剔除，不能再次申诉"), "rating_not_appealable")},
    conflict_message=_("该评价已被他人处理，请刷新后重试"),
    conflict_code="rating_changed",
)

COMMENT_STATES = StateMachine(
    name="ratings.comment",
    field="comment_status",
    transitions={
        "publish": {C.PENDING: {C.PUBLISHED}, C.HIDDEN: {C.PUBLISHED}},
        "hide": {C.PENDING: {C.HIDDEN}, C.PUBLISHED: {C.HIDDEN}},
    },
    labels={"publish": _("公开评价内容"), "hide": _("不予公开")},
    conflict_message=_("该评价内容已被他人审核，请刷新后重试"),
    conflict_code="comment_changed",
)

WORK_ORDER_STATES = StateMachine(
    name="ratings.work_order",
    transitions={
        "callback": {W.OPEN: {W.CALLED_BACK}},
        "submit": {W.OPEN: {W.SUBMITTED}, W.CALLED_BACK: {W.SUBMITTED}, W.RETURNED: {W.SUBMITTED}},
        "close": {W.SUBMITTED: {W.CLOSED}},
        "send_back": {W.SUBMITTED: {W.RETURNED}},
        "cancel": {W.OPEN: {W.CANCELLED}, W.CALLED_BACK: {W.CANCELLED}, W.SUBMITTED: {W.CANCELLED},
                   W.RETURNED: {W.CANCELLED}},
    },
    labels={"callback": _("回访"), "submit": _("提交整改情况"), "close": _("审核通过并办结"),
            "send_back": _("退回重新整改"), "cancel": _("撤销工单")},
    errors={
        "callback": (_("该工单已回访，无需再次登记为首次回访"), "work_order_not_open"),
        "submit": (_("该工单当前不能提交整改情况"), "work_order_not_in_progress"),
        "close": (_("只有待审核的工单可以办结"), "work_order_not_submitted"),
        "send_back": (_("只有待审核的工单可以退回"), "work_order_not_submitted"),
        "cancel": (_("该工单已办结或已撤销"), "work_order_finished"),
    },
    conflict_message=_("该工单已被他人处理，请刷新后重试"),
    conflict_code="work_order_changed",
)

APPEAL_STATES = StateMachine(
    name="ratings.appeal",
    transitions={"uphold": {A.PENDING: {A.UPHELD}}, "remove": {A.PENDING: {A.REMOVED}}},
    labels={"uphold": _("维持评价"), "remove": _("剔除评价")},
    errors={"uphold": (_("该申诉已审核"), "appeal_decided"), "remove": (_("该申诉已审核"), "appeal_decided")},
    conflict_message=_("该申诉已被他人审核，请刷新后重试"),
    conflict_code="appeal_changed",
)
