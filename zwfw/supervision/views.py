"""The supervisor's workbench page: the region's open cards, red first, with 催办 / 督办 / 撤销."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.core.errors import DomainError
from zwfw.workbench.views import staff_required

from .selectors import card_get, cards_for
from .services import card_cancel, card_escalate, card_remind
from .state import CARD_STATES

CARDS_SHOWN = 200


@staff_required
def cards(request):
    rows = list(cards_for(request.user)[:CARDS_SHOWN])
    for card in rows:
        card.actions = CARD_STATES.actions(card.status)
    return render(request, "workbench/supervision/cards.html", {"cards": rows})


def _act(request, pk: int, run, done: str):
    card = card_get(request.user, pk)
    try:
        run(card)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("workbench:supervision_cards")


@staff_required
@require_POST
def cancel(request, pk: int):
    return _act(request, pk, lambda card: card_cancel(actor=request.user, card=card,
                                                      reason=request.POST.get("reason", "")), _("已撤销该监察牌"))


@staff_required
@require_POST
def escalate(request, pk: int):
    return _act(request, pk, lambda card: card_escalate(actor=request.user, card=card,
                                                        note=request.POST.get("note", "")), _("已督办"))


@staff_required
@require_POST
def remind(request, pk: int):
    return _act(request, pk, lambda card: card_remind(actor=request.user, card=card), _("已催办"))
