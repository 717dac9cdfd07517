"""The card's life (zwfw.core.state, ADR 0020): the only writer of `Card.status`.

    待发 pending ──issue──▶ 已发 issued ──escalate──▶ 督办 escalated
    pending / issued / escalated ──cancel──▶ 撤销 cancelled
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from .models import CardStatus as S

CARD_STATES = StateMachine(
    name="supervision.card",
    transitions={
        "issue": {S.PENDING: {S.ISSUED}},
        "escalate": {S.ISSUED: {S.ESCALATED}},
        "cancel": {S.PENDING: {S.CANCELLED}, S.ISSUED: {S.CANCELLED}, S.ESCALATED: {S.CANCELLED}},
    },
    labels={"issue": _("发出"), "escalate": _("督办"), "cancel": _("撤销")},
    errors={
        "escalate": (_("只有已发出的监察牌可以督办"), "card_not_issued"),
        "cancel": (_("该监察牌已撤销"), "card_cancelled"),
    },
    conflict_message=_("该监察牌已被他人处理，请刷新后重试"),
    conflict_code="card_changed",
)
