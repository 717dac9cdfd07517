"""The supervision API (/api/v1/supervision/…): a supervisor's open cards (red first), the
actions 撤销 / 督办 / 催办 and the reminders sent; appeals and their decision; the rules in force
and new versions; anomalies; and for the responsible side its cards, 反馈 and 申诉. Thin: parse,
call one service or selector, render. Another region's supervisor gets 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses

from . import serializers as s
from .selectors import (
    anomalies_for,
    appeal_get,
    appeals_for,
    card_get,
    card_to_answer,
    cards_for,
    cards_to_answer,
    rule_versions_for,
    supervisor_region,
)
from .services import (
    appeal_decide,
    card_answer,
    card_appeal,
    card_cancel,
    card_escalate,
    card_remind,
    rule_set,
)

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

    @extend_schema(request=None, responses={200: s.CardSerializer, **ERRORS},
                   summary="催办（站内消息和短信；记录见 reminders）")
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        reminder = card_remind(actor=request.user, card=card_get(request.user, pk))
        return Response(s.CardSerializer(card_get(request.user, reminder.card_id)).data)

    @extend_schema(responses={200: s.ReminderSerializer(many=True), **ERRORS}, summary="催办记录")
    @action(detail=True, methods=["get"])
    def reminders(self, request, pk=None):
        card = card_get(request.user, pk)
        rows = card.reminder_log.select_related("sent_by").prefetch_related("recipients").order_by("-sent_at", "-pk")
        return Response(s.ReminderSerializer(rows, many=True).data)


@extend_schema(tags=["supervision"])
class MyCardViewSet(viewsets.GenericViewSet):
    """我的监察牌: the cards a staff member answers for (responsible, or a head of the department)."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = s.CardSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.CardSerializer(many=True), **ERRORS}, summary="由我反馈的监察牌")
    def list(self, request):
        page = self.paginate_queryset(cards_to_answer(request.user))
        return self.get_paginated_response(s.CardSerializer(page, many=True).data)

    @extend_schema(request=s.AnswerInput, responses={200: s.CardSerializer, **ERRORS}, summary="反馈办理情况")
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        data = _parse(s.AnswerInput, request.data)
        card = card_answer(actor=request.user, card=card_to_answer(request.user, pk), answer=data["answer"])
        return Response(s.CardSerializer(card).data)

    @extend_schema(request=s.AppealInput, responses={201: s.AppealSerializer, **ERRORS}, summary="申诉（部门负责人）")
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        data = _parse(s.AppealInput, request.data)
        appeal = card_appeal(actor=request.user, card=card_to_answer(request.user, pk), reason=data["reason"])
        return Response(s.AppealSerializer(appeal).data, status=201)


@extend_schema(tags=["supervision"])
class AppealViewSet(viewsets.GenericViewSet):
    """申诉: the appeals on the cards of the supervisor's region subtree."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = s.AppealSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.AppealSerializer(many=True), **ERRORS}, summary="待处理的申诉")
    def list(self, request):
        page = self.paginate_queryset(appeals_for(request.user))
        return self.get_paginated_response(s.AppealSerializer(page, many=True).data)

    @extend_schema(request=s.CardAppealDecideInput, responses={200: s.AppealSerializer, **ERRORS},
                   summary="处理申诉：维持、撤销或退回")
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = _parse(s.CardAppealDecideInput, request.data)
        appeal = appeal_decide(actor=request.user, appeal=appeal_get(request.user, pk), outcome=data["outcome"],
                               note=data["note"])
        return Response(s.AppealSerializer(appeal).data)


@extend_schema(tags=["supervision"])
class RuleViewSet(viewsets.GenericViewSet):
    """监察规则: those in force for the supervisor's region; a new version per change."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.RuleSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.RuleSerializer(many=True), **ERRORS}, summary="本辖区现行监察规则")
    def list(self, request):
        page = self.paginate_queryset(rule_versions_for(request.user)["in_force"])
        return self.get_paginated_response(s.RuleSerializer(page, many=True).data)

    @extend_schema(request=s.RuleInput, responses={201: s.RuleSerializer, **ERRORS}, summary="新增规则版本")
    def create(self, request):
        data = _parse(s.RuleInput, request.data)
        rule = rule_set(actor=request.user, region=supervisor_region(request.user), **data)
        return Response(s.RuleSerializer(rule).data, status=201)


@extend_schema(tags=["supervision"])
class AnomalyViewSet(viewsets.GenericViewSet):
    """异常办件: the region's cases of the last 90 days matching an anomaly pattern."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.AnomalySerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.AnomalySerializer(many=True), **ERRORS}, summary="本辖区异常办件（最近 90 天收件）")
    def list(self, request):
        page = self.paginate_queryset(anomalies_for(request.user))
        return self.get_paginated_response(s.AnomalySerializer(page, many=True).data)


def register(router):
    router.register("supervision/cards", CardViewSet, basename="supervision-card")
    router.register("supervision/my-cards", MyCardViewSet, basename="supervision-my-card")
    router.register("supervision/appeals", AppealViewSet, basename="supervision-appeal")
    router.register("supervision/rules", RuleViewSet, basename="supervision-rule")
    router.register("supervision/anomalies", AnomalyViewSet, basename="supervision-anomaly")
    return []
