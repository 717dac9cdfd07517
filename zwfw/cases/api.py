"""The case API (/api/v1/cases…): apply, submit, every acceptance action, the queue, the public
look-up. Thin: parse, call one service or selector, render; errors in the platform format.

Every POST honours an `Idempotency-Key` header (zwfw.core.idempotency): a retry replays the first
answer, the same key with another body is refused (409 idempotency_key_reused).
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from zwfw.accounts.selectors import applicant_get
from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses
from zwfw.catalog.models import ServiceItem
from zwfw.core.errors import NotFound, ValidationFailed
from zwfw.core.idempotency import idempotent_call, request_fingerprint
from zwfw.core.transactions import unit_of_work

from . import serializers as s
from .api_decision import DecisionActions
from .models import CaseMaterial
from .selectors import acceptance_queue, case_get, case_public_lookup, cases_for
from .services.acceptance import (
    case_accept,
    case_pre_review_decide,
    case_reject,
    case_request_supplement,
    case_settle,
    case_supply,
    case_withdraw,
)
from .services.drafting import (
    case_draft_create,
    case_draft_save,
    case_material_file_add,
    case_pre_review_request,
    case_submit,
)
from .services.window import case_material_check

ERRORS = error_responses()
IDEMPOTENCY = OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                               description="幂等键（8–100 位）：同一键的重试返回首次结果")


def _parse(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _plain_data(request) -> dict:
    data = request.data
    if hasattr(data, "lists"):
        return {k: v if len(v) > 1 else v[0] for k, v in data.lists() if not hasattr(v[0], "read")}
    return dict(data)


def _idempotent(request, run) -> Response:
    """Run `run() -> (status, body)` once per Idempotency-Key (or plainly, in one transaction)."""
    key = request.headers.get("Idempotency-Key")
    if not key:
        with unit_of_work():
            code, body = run()
        return Response(body, status=code)
    files = [(name, f.read()) for name, f in request.FILES.items()]
    for _name, f in request.FILES.items():
        f.seek(0)
    fingerprint = request_fingerprint(method=request.method, path=request.path, data=_plain_data(request),
                                      files=files)
    code, body, replayed = idempotent_call(user=request.user, key=key, fingerprint=fingerprint, run=run)
    response = Response(body, status=code)
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _form_data(value) -> dict:
    if isinstance(value, str):
        try:
            value = json.loads(value or "{}")
        except ValueError:
            raise ValidationFailed.on("form_data", _("申请表应为 JSON 对象"), code="form_invalid") from None
    return value or {}


@extend_schema(tags=["cases"])
class CaseViewSet(DecisionActions, viewsets.GenericViewSet):
    """办件: the viewer's cases (an applicant their own, staff what their post may see)."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    serializer_class = s.CaseSerializer
    pagination_class = PagePagination

    def _case(self, pk):
        return case_get(viewer=self.request.user, case_id=pk)

    def _detail(self, case, code=status.HTTP_200_OK) -> tuple[int, dict]:
        case = self._case(case.pk)
        return code, dict(s.CaseDetailSerializer(case, context={"request": self.request}).data)

    @extend_schema(responses={200: s.CaseSerializer(many=True)}, summary="我的办件 / 可见办件列表",
                   parameters=[OpenApiParameter("status", OpenApiTypes.STR, description="按状态筛选")])
    def list(self, request):
        rows = cases_for(request.user).order_by("-id")
        if request.query_params.get("status"):
            rows = rows.filter(status=request.query_params["status"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.CaseSerializer(page, many=True).data)

    @extend_schema(responses={200: s.CaseDetailSerializer, **ERRORS}, summary="办件详情")
    def retrieve(self, request, pk=None):
        return Response(s.CaseDetailSerializer(self._case(pk), context={"request": request}).data)

    @extend_schema(request={"application/json": s.DraftInput, "multipart/form-data": s.DraftInput},
                   responses={201: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="新建申请（草稿；submit=true 时连同材料文件 material_<序号> 一次提交，返回收件回执）")
    def create(self, request):
        data = _parse(s.DraftInput, {**_plain_data(request), "form_data": _form_data(request.data.get("form_data"))})
        item = ServiceItem.objects.filter(pk=data["item"]).select_related("region", "department").first()
        if item is None:
            raise NotFound(_("未找到该事项"), code="item_not_found")
        applicant = applicant_get(request.user, data["applicant"]) if data.get("applicant") else None

        def run():
            user = request.user
            case = case_draft_create(actor=user, item=item, applicant=applicant, channel=data["channel"],
                                     form_data=data["form_data"], window=getattr(user, "window", None),
                                     service_point=getattr(user, "service_point", None)
                                     if data["channel"] == "proxy_point" else None)
            by_position = {m.position: m for m in case.materials.all()}
            for name, upload in request.FILES.items():
                position = name.removeprefix("material_")
                material = by_position.get(int(position)) if position.isdigit() else None
                if material is None:
                    raise ValidationFailed.on(name, _("材料序号不存在"), code="material_not_found")
                case_material_file_add(actor=user, material=material, content=upload, name=upload.name)
            if not data["submit"]:
                return self._detail(case, status.HTTP_201_CREATED)
            # A submission answers with the receipt (the case's page has the rest).
            case = case_submit(actor=user, case=case)
            return status.HTTP_201_CREATED, dict(s.ReceiptSerializer(case).data)

        return _idempotent(request, run)

    @extend_schema(request=s.SaveInput, responses={200: s.CaseDetailSerializer, **ERRORS}, summary="保存草稿")
    def partial_update(self, request, pk=None):
        data = _parse(s.SaveInput, request.data)
        case = case_draft_save(actor=request.user, case=self._case(pk), **data)
        return Response(self._detail(case)[1])

    def _act(self, request, pk, serializer_class, service, **extra) -> Response:
        data = _parse(serializer_class, request.data) if serializer_class else {}
        case = self._case(pk)

        def run():
            service(actor=request.user, case=case, **data, **extra)
            return self._detail(case)

        return _idempotent(request, run)

    @extend_schema(request=None, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="上传材料文件（multipart：file）")
    @action(detail=True, methods=["post"], url_path=r"materials/(?P<material_id>\d+)/files",
            parser_classes=[MultiPartParser])
    def material_file(self, request, pk=None, material_id=None):
        case = self._case(pk)
        material = CaseMaterial.objects.filter(pk=material_id, case=case).first()
        upload = request.FILES.get("file")
        if material is None:
            raise NotFound(_("未找到该材料"), code="material_not_found")
        if upload is None:
            raise ValidationFailed.on("file", _("请选择要上传的文件"), code="file_missing")

        def run():
            case_material_file_add(actor=request.user, material=material, content=upload, name=upload.name)
            return self._detail(case)

        return _idempotent(request, run)

    @extend_schema(request=s.MaterialCheckInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="窗口核验材料（原件核验 / 复印件留存 / 共享获取）")
    @action(detail=True, methods=["post"], url_path=r"materials/(?P<material_id>\d+)/check")
    def material_check(self, request, pk=None, material_id=None):
        data = _parse(s.MaterialCheckInput, request.data)
        case = self._case(pk)
        material = CaseMaterial.objects.filter(pk=material_id, case=case).first()
        if material is None:
            raise NotFound(_("未找到该材料"), code="material_not_found")

        def run():
            case_material_check(actor=request.user, material=material, **data)
            return self._detail(case)

        return _idempotent(request, run)

    @extend_schema(request=s.RevisionInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="提交申请（收件）")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, pk, s.RevisionInput, case_submit)

    @extend_schema(request=s.RevisionInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="申请网上预审")
    @action(detail=True, methods=["post"], url_path="pre-review")
    def pre_review(self, request, pk=None):
        return self._act(request, pk, s.RevisionInput, case_pre_review_request)

    @extend_schema(request=s.PreReviewDecisionInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="预审意见（通过 / 退回）")
    @action(detail=True, methods=["post"], url_path="pre-review-decision")
    def pre_review_decision(self, request, pk=None):
        return self._act(request, pk, s.PreReviewDecisionInput, case_pre_review_decide)

    @extend_schema(request=s.AcceptInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="受理（可容缺受理）")
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        data = _parse(s.AcceptInput, request.data)
        data["pending"] = {int(k) if str(k).isdigit() else k: v for k, v in data["pending"].items()}
        case = self._case(pk)

        def run():
            case_accept(actor=request.user, case=case, **data)
            return self._detail(case)

        return _idempotent(request, run)

    @extend_schema(request=s.SupplementInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="一次性告知补正")
    @action(detail=True, methods=["post"])
    def supplement(self, request, pk=None):
        data = _parse(s.SupplementInput, request.data)
        data["missing"] = [dict(m) for m in data["missing"]]
        case = self._case(pk)

        def run():
            case_request_supplement(actor=request.user, case=case, **data)
            return self._detail(case)

        return _idempotent(request, run)

    @extend_schema(request=s.RevisionInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="补正提交")
    @action(detail=True, methods=["post"])
    def supply(self, request, pk=None):
        return self._act(request, pk, s.RevisionInput, case_supply)

    @extend_schema(request=s.RejectInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="不予受理")
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._act(request, pk, s.RejectInput, case_reject)

    @extend_schema(request=s.SettleInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="即办件当场办结（首席代表）")
    @action(detail=True, methods=["post"])
    def settle(self, request, pk=None):
        return self._act(request, pk, s.SettleInput, case_settle)

    @extend_schema(request=s.WithdrawInput, responses={200: s.CaseDetailSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="撤回申请")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(request, pk, s.WithdrawInput, case_withdraw)

    @extend_schema(responses={200: s.CaseSerializer(many=True)}, summary="受理队列（视为受理期限近者在前）")
    @action(detail=False, methods=["get"])
    def queue(self, request):
        page = self.paginate_queryset(acceptance_queue(request.user))
        return self.get_paginated_response(s.CaseSerializer(page, many=True).data)


@extend_schema(tags=["cases"])
class CaseLookupViewSet(viewsets.GenericViewSet):
    """办件查询: anyone, by number and 6-digit query code; status and dates only."""

    permission_classes = [permissions.AllowAny]
    serializer_class = s.PublicCaseSerializer
    # A 6-digit code is guessable by brute force without a limit per address.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "case_lookup"

    @extend_schema(parameters=[OpenApiParameter("number", OpenApiTypes.STR, required=True),
                               OpenApiParameter("code", OpenApiTypes.STR, required=True)],
                   responses={200: s.PublicCaseSerializer, **error_responses(400, 404)}, summary="凭编号和查询码查询办件")
    def list(self, request):
        data = _parse(s.LookupInput, request.query_params)
        return Response(s.PublicCaseSerializer(case_public_lookup(number=data["number"], query_code=data["code"])).data)


def register(router):
    from .api_procedures import register as register_procedures  # it builds on this module's helpers
    from .archive.api import ArchivedCaseViewSet

    router.register("archive/cases", ArchivedCaseViewSet, basename="archive-case")
    router.register("cases/lookup", CaseLookupViewSet, basename="case-lookup")
    register_procedures(router)
    router.register("cases", CaseViewSet, basename="case")
    return []
