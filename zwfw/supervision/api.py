"""The supervision API (/api/v1/supervision/cards…): a supervisor's open cards (red first) and
the actions 撤销 / 督办 / 催办. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses

from . import serializers as s
from .selectors import card_get, cards_for
from .services import card_cancel, card_escalate, card_remind

ERRORS = error_responses()


def _parse(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(tags=["supervision"])
class CardViewSet(viewsets.GenericViewSet):
    """监察牌: the cards of the supervisor's region subtree."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = s.CardSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.CardSerializer(many=True), **ERRORS}, summary="本辖区未办结的监察牌（红牌在前）")
    def list(self, request):
        page = self.paginate_queryset(cards_for(request.user))
        return self.get_paginated_response(s.CardSerializer(page, many=True).data)

    @extend_schema(responses={200: s.CardSerializer, **ERRORS}, summary="监察牌详情")
    def retrieve(self, request, pk=None):
        return Response(s.CardSerializer(card_get(request.user, pk)).data)

    @extend_schema(request=s.CancelInput, responses={200: s.CardSerializer, **ERRORS}, summary="撤销监察牌（须填写原因）")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = _parse(s.CancelInput, request.data)
        card = card_cancel(actor=request.user, card=card_get(request.user, pk), reason=data["reason"])
        return Response(s.CardSerializer(card_get(request.user, card.pk)).data)

    @extend_schema(request=s.EscalateInput, responses={200: s.CardSerializer, **ERRORS}, summary="督办")
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        data = _parse(s.EscalateInput, request.data)
        card = card_escalate(actor=request.user, card=card_get(request.user, pk), note=data["note"])
        return Response(s.CardSerializer(card_get(request.user, card.pk)).data)

    @extend_schema(request=None, responses={200: s.CardSerializer, **ERRORS}, summary="催办（站内消息和短信）")
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        card = card_remind(actor=request.user, card=card_get(request.user, pk))
        return Response(s.CardSerializer(card_get(request.user, card.pk)).data)


def register(router):
    router.register("supervision/cards", CardViewSet, basename="supervision-card")
    return []
