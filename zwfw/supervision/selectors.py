"""Reads of cards, scoped by the viewer: a supervisor sees the cards of its region subtree."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core.errors import NotFound, PermissionDenied

from .models import LEVEL_RANK, Card, CardStatus

OPEN = (CardStatus.PENDING, CardStatus.ISSUED, CardStatus.ESCALATED)


def _scope(viewer) -> Scope:
    scope = Scope.for_viewer(viewer)
    if not (scope.has(Role.SUPERVISOR) and scope.region is not None):
        raise PermissionDenied(_msg(), code="not_supervisor")
    return scope


def _msg() -> str:
    from django.utils.translation import gettext as _

    return _("只有电子监察人员可以查看监察牌")


def cards_for(viewer, *, open_only: bool = True) -> QuerySet[Card]:
    """The viewer's region subtree's cards, red first, then the oldest."""
    scope = _scope(viewer)
    qs = Card.objects.filter(scope.region_q("region")).select_related("region", "department", "responsible")
    if open_only:
        qs = qs.filter(status__in=OPEN)
    rank = When_(*[When(level=level, then=Value(r)) for level, r in LEVEL_RANK.items()],
                 output_field=IntegerField())
    return qs.annotate(level_rank=rank).order_by("level_rank", "raised_at", "pk")


def card_get(viewer, pk) -> Card:
    card = cards_for(viewer, open_only=False).filter(pk=pk).first()
    if card is None:
        raise NotFound()
    return card
