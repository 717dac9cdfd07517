"""The 好差评 API: ratings (/api/v1/ratings…, with statistics and appeal), work orders
(/api/v1/rating-work-orders…: call-back, submit, close, send-back) and appeals
(/api/v1/rating-appeals…: decide). Thin: parse, call one service or selector, render."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses

from . import serializers as s
from .selectors import appeal_get, appeals_for, rating_get, ratings_for, work_order_get, work_orders_for
from .services import (
    rating_appeal_decide,
    rating_appeal_file,
    rating_create_by_applicant,
    work_order_callback,
    work_order_close,
    work_order_send_back,
    work_order_submit,
)
from .stats import rating_statistics

ERRORS = error_responses()
FILTERS = [OpenApiParameter(name, int, required=False) for name in ("department", "center", "window", "staff",
                                                                   "level")]


def _parse(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(tags=["ratings"])
class RatingViewSet(viewsets.GenericViewSet):
    """好差评: the viewer's ratings (applicant: own cases; department: its own; supervision: the region)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.RatingSerializer
    pagination_class = PagePagination

    @extend_schema(parameters=FILTERS, responses={200: s.RatingSerializer(many=True), **ERRORS}, summary="评价明细")
    def list(self, request):
        filters = {k: int(v) for k in ("department", "center", "window", "staff", "level")
                   if (v := request.query_params.get(k, "")).isdigit()}
        page = self.paginate_queryset(ratings_for(request.user, **filters))
        return self.get_paginated_response(s.RatingSerializer(page, many=True).data)

    @extend_schema(responses={200: s.RatingSerializer, **ERRORS}, summary="评价详情")
    def retrieve(self, request, pk=None):
        return Response(s.RatingSerializer(rating_get(request.user, pk)).data)

    @extend_schema(request=s.RatingInput, responses={201: s.RatingSerializer, **ERRORS},
                   summary="评价办件（申请人本人，PC端或移动服务端；每个渠道一次）")
    def create(self, request):
        data = _parse(s.RatingInput, request.data)
        rating = rating_create_by_applicant(actor=request.user, case_id=data.pop("case"), **data)
        return Response(s.RatingSerializer(rating_get(request.user, rating.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReasonInput, responses={201: s.RatingAppealSerializer, **ERRORS}, summary="申诉评价（责任部门）")
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        data = _parse(s.ReasonInput, request.data)
        appeal = rating_appeal_file(actor=request.user, rating=rating_get(request.user, pk), reason=data["reason"])
        return Response(s.RatingAppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[s.StatisticsQuery], responses={200: s.StatisticsSerializer, **ERRORS},
                   summary="评价统计（满意率、差评数、按期整改率、回访率）")
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        query = s.StatisticsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        by = query.validated_data.get("by") or "department"
        rows, total = rating_statistics(request.user, by=by, start=query.validated_data.get("start"),
                                        end=query.validated_data.get("end"))
        return Response(s.StatisticsSerializer({"by": by, "rows": rows, "total": total}).data)


@extend_schema(tags=["ratings"])
class WorkOrderViewSet(viewsets.GenericViewSet):
    """差评整改工单: the department's and the supervision office's."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.WorkOrderSerializer
    pagination_class = PagePagination

    def _answer(self, request, order):
        return Response(s.WorkOrderSerializer(work_order_get(request.user, order.pk)).data)

    @extend_schema(responses={200: s.WorkOrderSerializer(many=True), **ERRORS}, summary="整改工单")
    def list(self, request):
        page = self.paginate_queryset(work_orders_for(request.user).prefetch_related("callbacks__by"))
        return self.get_paginated_response(s.WorkOrderSerializer(page, many=True).data)

    @extend_schema(responses={200: s.WorkOrderSerializer, **ERRORS}, summary="整改工单详情（含回访记录）")
    def retrieve(self, request, pk=None):
        return Response(s.WorkOrderSerializer(work_order_get(request.user, pk)).data)

    @extend_schema(request=s.CallbackInput, responses={200: s.WorkOrderSerializer, **ERRORS}, summary="登记回访")
    @action(detail=True, methods=["post"])
    def callback(self, request, pk=None):
        data = _parse(s.CallbackInput, request.data)
        order = work_order_get(request.user, pk)
        work_order_callback(actor=request.user, work_order=order, **data)
        return self._answer(request, order)

    @extend_schema(request=s.SubmitInput, responses={200: s.WorkOrderSerializer, **ERRORS}, summary="提交整改情况")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = _parse(s.SubmitInput, request.data)
        order = work_order_submit(actor=request.user, work_order=work_order_get(request.user, pk), **data)
        return self._answer(request, order)

    @extend_schema(request=s.NoteInput, responses={200: s.WorkOrderSerializer, **ERRORS}, summary="审核通过并办结")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        data = _parse(s.NoteInput, request.data)
        order = work_order_close(actor=request.user, work_order=work_order_get(request.user, pk), **data)
        return self._answer(request, order)

    @extend_schema(request=s.NoteInput, responses={200: s.WorkOrderSerializer, **ERRORS}, summary="退回重新整改")
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        data = _parse(s.NoteInput, request.data)
        order = work_order_send_back(actor=request.user, work_order=work_order_get(request.user, pk), **data)
        return self._answer(request, order)


@extend_schema(tags=["ratings"])
class AppealViewSet(viewsets.GenericViewSet):
    """评价申诉: filed by the department, decided by the supervision office."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.RatingAppealSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: s.RatingAppealSerializer(many=True), **ERRORS}, summary="评价申诉")
    def list(self, request):
        page = self.paginate_queryset(appeals_for(request.user))
        return self.get_paginated_response(s.RatingAppealSerializer(page, many=True).data)

    @extend_schema(request=s.RatingAppealDecideInput, responses={200: s.RatingAppealSerializer, **ERRORS},
                   summary="审核申诉（维持或剔除，须写理由）")
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = _parse(s.RatingAppealDecideInput, request.data)
        appeal = rating_appeal_decide(actor=request.user, appeal=appeal_get(request.user, pk), **data)
        return Response(s.RatingAppealSerializer(appeal).data)


def register(router):
    router.register("ratings", RatingViewSet, basename="rating")
    router.register("rating-work-orders", WorkOrderViewSet, basename="rating-work-order")
    router.register("rating-appeals", AppealViewSet, basename="rating-appeal")
    return []
