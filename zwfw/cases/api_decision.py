"""The case API's decision, delivery and conclusion actions (/api/v1/cases/{id}/decide …), mixed
into the case viewset. Thin like the rest: parse, call one service, answer with the case.
Every POST honours an Idempotency-Key as the other case actions do."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from zwfw.api.schema import error_responses
from zwfw.core.errors import ValidationFailed

from . import serializers as s
from .models import DecisionOutcome, DeliveryMethod
from .services.decision import case_certificate_record, case_decide
from .services.delivery import (
    CLOSE_RESULT_CHOICES,
    case_conclude,
    case_deliver_at_window,
    case_deliver_by_post,
    case_deliver_electronically,
    case_delivery_confirm,
    case_result_download,
)

ERRORS = error_responses()
IDEMPOTENCY = OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                               description="幂等键（8–100 位）：同一键的重试返回首次结果")


class CertificateInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    number = serializers.CharField(max_length=100)
    valid_from = serializers.DateField(required=False, help_text="有效期起（默认决定当日）")
    valid_until = serializers.DateField(required=False, allow_null=True, help_text="有效期止（空为长期有效）")
    issuing_body = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                         help_text="发证机关（默认受理单位）")


class DecideInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices, help_text="approve 准予 / deny 不予")
    # Blank passes the parser so that the service answers with its own code (reasons_required).
    reasons = serializers.CharField(max_length=4000, allow_blank=True, help_text="决定理由（必填）")
    certificate = CertificateInput(required=False, allow_null=True, help_text="准予时颁发的结果证照")


class CertificateRecordInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    certificate = CertificateInput()


class DeliverInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    method = serializers.ChoiceField(choices=DeliveryMethod.choices,
                                     help_text="window 窗口领取 / post 邮寄送达 / electronic 电子送达")
    recipient_name = serializers.CharField(required=False, default="", allow_blank=True, max_length=60,
                                           help_text="窗口领取：领取人")
    carrier = serializers.CharField(required=False, default="", allow_blank=True, max_length=60,
                                    help_text="邮寄：快递公司")
    waybill = serializers.CharField(required=False, default="", allow_blank=True, max_length=40,
                                    help_text="邮寄：运单号")
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class ConcludeInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    result_type = serializers.ChoiceField(choices=CLOSE_RESULT_CHOICES,
                                          help_text="returned 退件 / forwarded 转报 / voided 作废")
    note = serializers.CharField(max_length=2000, allow_blank=True, help_text="办结说明（必填）")


class RevisionOnly(serializers.Serializer):
    revision = serializers.IntegerField(required=False)


class DocumentLink(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.CharField()
    url = serializers.CharField()
    verify_url = serializers.CharField()


def _deliver(*, actor, case, method: str, recipient_name: str, carrier: str, waybill: str, note: str,
             revision=None):
    if method == DeliveryMethod.WINDOW:
        return case_deliver_at_window(actor=actor, case=case, recipient_name=recipient_name, note=note,
                                      revision=revision)
    if method == DeliveryMethod.POST:
        return case_deliver_by_post(actor=actor, case=case, carrier=carrier, waybill=waybill, note=note,
                                    revision=revision)
    if method == DeliveryMethod.ELECTRONIC:
        return case_deliver_electronically(actor=actor, case=case, revision=revision)
    raise ValidationFailed.on("method", _("请选择送达方式"), code="delivery_method_invalid")


class DecisionActions:
    """Mixed into CaseViewSet (zwfw.cases.api): uses its `_act` and `_case`."""

    @extend_schema(request=DecideInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY], summary="作出决定（准予 / 不予）")
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self._act(request, pk, DecideInput, case_decide)

    @extend_schema(request=CertificateRecordInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="登记结果证照（准予后、送达前）")
    @action(detail=True, methods=["post"])
    def certificate(self, request, pk=None):
        return self._act(request, pk, CertificateRecordInput, case_certificate_record)

    @extend_schema(request=DeliverInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="送达（窗口领取即办结；邮寄登记运单；电子送达待申请人下载）")
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        return self._act(request, pk, DeliverInput, _deliver)

    @extend_schema(request=RevisionOnly, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY], summary="邮寄签收确认（办结）")
    @action(detail=True, methods=["post"], url_path="delivery-confirm")
    def delivery_confirm(self, request, pk=None):
        return self._act(request, pk, RevisionOnly, case_delivery_confirm)

    @extend_schema(request=ConcludeInput, responses={200: s.CaseDetailSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="未作决定办结（退件 / 转报 / 作废）")
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        return self._act(request, pk, ConcludeInput, case_conclude)

    @extend_schema(request=None, responses={200: DocumentLink, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="申请人下载决定书（电子送达：首次下载即送达并办结）")
    @action(detail=True, methods=["post"], url_path="result-download")
    def result_download(self, request, pk=None):
        case = self._case(pk)

        def run():
            document = case_result_download(actor=request.user, case=case)
            return 200, {"id": document.pk, "title": document.title, "number": document.number,
                         "url": reverse("files:download", args=[document.stored_file_id]),
                         "verify_url": reverse("documents:verify", args=[document.verify_token])}

        from .api import _idempotent

        return _idempotent(request, run)
