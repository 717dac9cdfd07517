"""The card's and the appeal's lives (zwfw.core.state, ADR 0020): the only writers of their status.

    待发 pending ──issue──▶ 已发 issued ──answer──▶ 已反馈 answered
    issued / answered ──escalate──▶ 督办 escalated ──answer──▶ answered
    issued / answered / escalated ──appeal──▶ 申诉中 appealed ──resume──▶ the status before the appeal
    any open status ──cancel──▶ 撤销 cancelled (by the supervisor, or as an appeal's outcome)

    appeal: 待处理 submitted ──decide──▶ 维持 upheld / 撤销 cancelled / 退回 returned
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from .models import AppealStatus as A
from .models import CardStatus as S

BEFORE_APPEAL = (S.ISSUED, S.ANSWERED, S.ESCALATED)

CARD_STATES = StateMachine(
    name="supervision.card",
    transitions={
        "issue": {S.PENDING: {S.ISSUED}},
        "answer": {S.ISSUED: {S.ANSWERED}, S.ESCALATED: {S.ANSWERED}},
        "escalate": {S.ISSUED: {S.ESCALATED}, S.ANSWERED: {S.ESCALATED}},
        "appeal": {status: {S.APPEALED} for status in BEFORE_APPEAL},
        "resume": {S.APPEALED: set(BEFORE_APPEAL)},
        "cancel": {S.PENDING: {S.CANCELLED}, S.ISSUED: {S.CANCELLED}, S.ANSWERED: {S.CANCELLED},
                   S.ESCALATED: {S.CANCELLED}, S.APPEALED: {S.CANCELLED}},
    },
    labels={"issue": _("发出"), "answer": _("反馈"), "escalate": _("督办"), "appeal": _("申诉"),
            "resume": _("恢复"), "cancel": _("撤销")},
    errors={
        "answer": (_("只有已发出或督办中的监察牌可以反馈"), "card_not_open"),
        "escalate": (_("只有已发出或已反馈的监察牌可以督办"), "card_not_issued"),
        "appeal": (_("该监察牌当前不能申诉"), "card_not_appealable"),
        "cancel": (_("该监察牌已撤销"), "card_cancelled"),
    },
    conflict_message=_("该监察牌已被他人处理，请刷新后重试"),
    conflict_code="card_changed",
)

APPEAL_STATES = StateMachine(
    name="supervision.appeal",
    transitions={"decide": {A.SUBMITTED: {A.UPHELD, A.CANCELLED, A.RETURNED}}},
    labels={"decide": _("处理申诉")},
    errors={"decide": (_("该申诉已处理"), "appeal_decided")},
    conflict_message=_("该申诉已被他人处理，请刷新后重试"),
    conflict_code="appeal_changed",
)
