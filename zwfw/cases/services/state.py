"""The case's state machine (zwfw.core.state, ADR 0020): the only writer of `Case.status`.

    draft ──request_pre_review──▶ pre_review ──pre_review_pass──▶ received
      ▲                              │
      └────────pre_review_return─────┘
    draft ──submit──▶ received ──accept / deem_accept──▶ accepted   (processing: the next context)
                       │   ▲
      request_supplement   supply                         received ──settle──▶ concluded (即办件)
                       ▼   │
                     supplement                            received / supplement ──reject──▶ rejected
    pre_review / received / supplement / accepted ──withdraw──▶ withdrawn   (before the decision)
    accepted ──decide──▶ decided ──conclude──▶ concluded   (delivered: 准予 / 不予)
    accepted ──conclude──▶ concluded                       (退件 / 转报 / 作废, without a decision)
    decided ──deliver_post / deliver_electronic──▶ decided  (delivery arranged; done → conclude)

Every move also bumps `revision`, so a page or an API call that acts on what it read earlier
is refused as stale instead of acting on a case that changed meanwhile.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from ..models import CaseStatus

S = CaseStatus

CASE_STATES = StateMachine(
    name="cases.case",
    transitions={
        "request_pre_review": {S.DRAFT: {S.PRE_REVIEW}},
        "pre_review_pass": {S.PRE_REVIEW: {S.RECEIVED}},
        "pre_review_return": {S.PRE_REVIEW: {S.DRAFT}},
        "submit": {S.DRAFT: {S.RECEIVED}},
        "request_supplement": {S.RECEIVED: {S.SUPPLEMENT}},
        "supply": {S.SUPPLEMENT: {S.RECEIVED}},
        "accept": {S.RECEIVED: {S.ACCEPTED}},
        "deem_accept": {S.RECEIVED: {S.ACCEPTED}},
        "settle": {S.RECEIVED: {S.CONCLUDED}},
        "reject": {S.RECEIVED: {S.REJECTED}, S.SUPPLEMENT: {S.REJECTED}},
        "withdraw": {S.PRE_REVIEW: {S.WITHDRAWN}, S.RECEIVED: {S.WITHDRAWN}, S.SUPPLEMENT: {S.WITHDRAWN},
                     S.ACCEPTED: {S.WITHDRAWN}},
        "decide": {S.ACCEPTED: {S.DECIDED}},
        "conclude": {S.DECIDED: {S.CONCLUDED}, S.ACCEPTED: {S.CONCLUDED}},
        # Delivery arranged (sent by post, offered online): no change of status, but a timeline
        # entry and a new revision, through the same conditional UPDATE.
        "deliver_post": {S.DECIDED: {S.DECIDED}},
        "deliver_electronic": {S.DECIDED: {S.DECIDED}},
    },
    labels={
        "request_pre_review": _("申请预审"), "pre_review_pass": _("预审通过"), "pre_review_return": _("预审退回"),
        "submit": _("提交申请"), "request_supplement": _("一次性告知补正"), "supply": _("补正材料"),
        "accept": _("受理"), "deem_accept": _("视为受理"), "settle": _("即办办结"), "reject": _("不予受理"),
        "withdraw": _("撤回申请"), "decide": _("作出决定"), "conclude": _("办结"),
        "deliver_post": _("邮寄送达"), "deliver_electronic": _("电子送达"),
    },
    errors={
        "request_pre_review": (_("只有草稿可以申请预审"), "case_not_draft"),
        "pre_review_pass": (_("该办件不在预审中"), "case_not_in_pre_review"),
        "pre_review_return": (_("该办件不在预审中"), "case_not_in_pre_review"),
        "submit": (_("只有草稿可以提交"), "case_not_draft"),
        "request_supplement": (_("只有已收件、尚未受理的办件可以一次性告知补正"), "case_not_received"),
        "supply": (_("该办件不在待补正状态"), "case_not_awaiting_supplement"),
        "accept": (_("只有已收件、材料齐全的办件可以受理"), "case_not_received"),
        "deem_accept": (_("只有已收件的办件可以视为受理"), "case_not_received"),
        "settle": (_("只有已收件的即办件可以当场办结"), "case_not_received"),
        "reject": (_("该办件已作出受理决定，不能再不予受理"), "case_decided"),
        "withdraw": (_("该办件已作出决定，不能撤回"), "case_decided"),
        "decide": (_("只有已受理、尚未作出决定的办件可以作出决定"), "case_not_accepted"),
        "conclude": (_("该办件不能办结：尚未作出决定或已经办结"), "case_not_concludable"),
        "deliver_post": (_("只有已作出决定、尚未办结的办件可以送达"), "case_not_decided"),
        "deliver_electronic": (_("只有已作出决定、尚未办结的办件可以送达"), "case_not_decided"),
    },
    conflict_message=_("该办件已被他人处理，请刷新页面后查看最新状态"),
    conflict_code="case_changed",
)
