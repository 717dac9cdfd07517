"""API of applicants' own accounts (issue 8 points 2 and 6): sign-up and password reset with an
SMS code, enterprise accounts and their agents, proxy mandates. Thin: shape-check, one service
or selector, render; errors in the one format (code + Chinese message)."""

from __future__ import annotations

from django.apps import apps
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.api.schema import ErrorSerializer, error_responses
from zwfw.core.context import client_ip
from zwfw.core.errors import NotFound

from .acting import (
    applicants_acting_for,
    authorisation_get,
    authorisations_visible_to,
    enterprise_get,
    is_legal_representative,
    mandate_get,
    mandates_visible_to,
)
from .selectors import applicant_find_by_id_number
from .serializers import MaskedField
from .services import (
    agent_authorisation_revoke,
    agent_authorise,
    citizen_password_reset,
    citizen_sign_up,
    enterprise_account_open,
    password_reset_code_send,
    proxy_mandate_create,
    proxy_mandate_revoke,
    sign_up_code_send,
)
from .services.citizens import RESET_SENT

TOO_MANY = {429: OpenApiResponse(ErrorSerializer, description="获取验证码过于频繁（sms_code_rate_limited）")}


def _ok(serializer, code=200, *extra):
    out = {code: serializer, **{k: v for k, v in error_responses().items() if k != code}}
    for more in extra:
        out.update(more)
    return out


def _valid(serializer_class, data) -> dict:
    from .api import _valid as valid

    return valid(serializer_class, data)


def _published_items():
    return apps.get_model("catalog", "ServiceItem").objects.filter(current_version__isnull=False)


# ---- shapes ------------------------------------------------------------------------------------

class DetailOut(serializers.Serializer):
    detail = serializers.CharField()


class SignUpCodeIn(serializers.Serializer):
    phone = serializers.CharField(max_length=20, allow_blank=True)


class SignUpIn(serializers.Serializer):
    name = serializers.CharField(max_length=60, allow_blank=True)
    id_number = serializers.CharField(max_length=32, allow_blank=True)
    phone = serializers.CharField(max_length=20, allow_blank=True)
    code = serializers.CharField(max_length=10, allow_blank=True, help_text="6位短信验证码")
    password = serializers.CharField(max_length=256, trim_whitespace=False, write_only=True)


class AccountOut(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    kind = serializers.CharField()
    phone = MaskedField(help_text="手机号码（脱敏）")


class ResetCodeIn(serializers.Serializer):
    id_number = serializers.CharField(max_length=32, allow_blank=True)


class ResetIn(serializers.Serializer):
    id_number = serializers.CharField(max_length=32, allow_blank=True)
    code = serializers.CharField(max_length=10, allow_blank=True)
    password = serializers.CharField(max_length=256, trim_whitespace=False, write_only=True)


class EnterpriseOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    credit_code = serializers.CharField()
    legal_representative = serializers.CharField()
    role = serializers.SerializerMethodField(help_text="legal_representative 法定代表人 / agent 经办人")

    def get_role(self, obj) -> str:
        return "legal_representative" if is_legal_representative(self.context["user"], obj) else "agent"


class EnterpriseIn(serializers.Serializer):
    name = serializers.CharField(max_length=120, allow_blank=True)
    credit_code = serializers.CharField(max_length=32, allow_blank=True)


class AuthorisationOut(serializers.Serializer):
    id = serializers.IntegerField()
    enterprise = serializers.IntegerField(source="enterprise_id")
    agent = serializers.IntegerField(source="agent_id")
    agent_name = serializers.CharField(source="agent.full_name")
    item = serializers.IntegerField(source="item_id", allow_null=True, help_text="空：全部事项")
    valid_until = serializers.DateField()
    granted_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)


class AuthoriseIn(serializers.Serializer):
    agent_name = serializers.CharField(max_length=60, allow_blank=True)
    agent_id_number = serializers.CharField(max_length=32, allow_blank=True)
    item = serializers.PrimaryKeyRelatedField(queryset=_published_items(), required=False, allow_null=True,
                                              help_text="已发布事项的编号；不填为全部事项")
    valid_until = serializers.DateField()


class MandateOut(serializers.Serializer):
    id = serializers.IntegerField()
    agent = serializers.IntegerField(source="agent_id")
    service_point = serializers.IntegerField(source="service_point_id")
    applicant = serializers.IntegerField(source="applicant_id")
    applicant_name = serializers.CharField(source="applicant.name")
    item = serializers.IntegerField(source="item_id", allow_null=True)
    valid_until = serializers.DateField()
    material = serializers.IntegerField(source="material_id", help_text="委托书文件编号（私有文件）")
    created_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)


class MandateIn(serializers.Serializer):
    applicant_id_number = serializers.CharField(max_length=32, help_text="委托人身份证号码")
    item = serializers.PrimaryKeyRelatedField(queryset=_published_items(), required=False, allow_null=True)
    valid_until = serializers.DateField()
    material = serializers.FileField(help_text="委托人签字的委托书或扫描件（PDF、OFD、图片、Word、Excel）")


# ---- views -------------------------------------------------------------------------------------

class _Anonymous(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class SignUpCodeView(_Anonymous):
    @extend_schema(summary="发送注册短信验证码", request=SignUpCodeIn, responses=_ok(DetailOut, 202, TOO_MANY),
                   auth=[])
    def post(self, request):
        data = _valid(SignUpCodeIn, request.data)
        sign_up_code_send(phone=data["phone"], ip=client_ip(request))
        return Response({"detail": "验证码已发送。"}, status=status.HTTP_202_ACCEPTED)


class SignUpView(_Anonymous):
    @extend_schema(summary="个人注册（身份证号码 + 短信验证码确认的手机号码 + 密码）", request=SignUpIn,
                   responses=_ok(AccountOut, 201), auth=[])
    def post(self, request):
        data = _valid(SignUpIn, request.data)
        user = citizen_sign_up(ip=client_ip(request), **data)
        return Response(AccountOut(user).data, status=status.HTTP_201_CREATED)


class ResetCodeView(_Anonymous):
    @extend_schema(summary="发送找回密码验证码（无论账号是否存在，答复相同）", request=ResetCodeIn,
                   responses=_ok(DetailOut, 202, TOO_MANY), auth=[])
    def post(self, request):
        data = _valid(ResetCodeIn, request.data)
        password_reset_code_send(id_number=data["id_number"], ip=client_ip(request))
        return Response({"detail": RESET_SENT}, status=status.HTTP_202_ACCEPTED)


class ResetView(_Anonymous):
    @extend_schema(summary="以短信验证码重置密码", request=ResetIn, responses=_ok(DetailOut), auth=[])
    def post(self, request):
        data = _valid(ResetIn, request.data)
        citizen_password_reset(ip=client_ip(request), **data)
        return Response({"detail": "密码已重置。"})


class EnterprisesView(APIView):
    @extend_schema(summary="我的企业（法定代表人或在授权期内的经办人）", responses=_ok(EnterpriseOut(many=True)))
    def get(self, request):
        rows = applicants_acting_for(request.user).filter(kind="enterprise").distinct().order_by("pk")
        return Response(EnterpriseOut(rows, many=True, context={"user": request.user}).data)

    @extend_schema(summary="开通法人账号（由法定代表人本人）", request=EnterpriseIn, responses=_ok(EnterpriseOut, 201))
    def post(self, request):
        account = enterprise_account_open(actor=request.user, **_valid(EnterpriseIn, request.data))
        return Response(EnterpriseOut(account.applicant, context={"user": request.user}).data,
                        status=status.HTTP_201_CREATED)


class AgentsView(APIView):
    @extend_schema(summary="经办人授权列表（法定代表人看全部，经办人只看自己的）",
                   responses=_ok(AuthorisationOut(many=True)))
    def get(self, request, enterprise_id: int):
        enterprise = enterprise_get(request.user, enterprise_id)
        return Response(AuthorisationOut(authorisations_visible_to(request.user, enterprise), many=True).data)

    @extend_schema(summary="授权经办人（按事项或全部事项，至某日）", request=AuthoriseIn,
                   responses=_ok(AuthorisationOut, 201))
    def post(self, request, enterprise_id: int):
        enterprise = enterprise_get(request.user, enterprise_id)
        data = _valid(AuthoriseIn, request.data)
        grant = agent_authorise(actor=request.user, enterprise=enterprise, item=data.get("item"),
                                agent_id_number=data["agent_id_number"], agent_name=data["agent_name"],
                                valid_until=data["valid_until"])
        return Response(AuthorisationOut(grant).data, status=status.HTTP_201_CREATED)


class AgentRevokeView(APIView):
    @extend_schema(summary="撤销经办人授权", request=None, responses=_ok(AuthorisationOut))
    def post(self, request, enterprise_id: int, authorisation_id: int):
        grant = authorisation_get(request.user, authorisation_id)
        if grant.enterprise_id != enterprise_id:
            raise NotFound()
        return Response(AuthorisationOut(agent_authorisation_revoke(actor=request.user, authorisation=grant)).data)


class MandatesView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(summary="代办授权列表（代办员看自己登记的）", responses=_ok(MandateOut(many=True)))
    def get(self, request):
        return Response(MandateOut(mandates_visible_to(request.user).order_by("-pk"), many=True).data)

    @extend_schema(summary="登记代办授权（上传委托书）", request={"multipart/form-data": MandateIn},
                   responses=_ok(MandateOut, 201))
    def post(self, request):
        data = _valid(MandateIn, request.data)
        applicant = applicant_find_by_id_number(viewer=request.user, id_number=data["applicant_id_number"])
        if applicant is None:
            raise NotFound("未找到该身份证号码的申请人，请先登记申请人。", code="applicant_not_found")
        mandate = proxy_mandate_create(actor=request.user, applicant=applicant, item=data.get("item"),
                                       valid_until=data["valid_until"], material=data["material"],
                                       material_name=data["material"].name)
        return Response(MandateOut(mandate).data, status=status.HTTP_201_CREATED)


class MandateRevokeView(APIView):
    @extend_schema(summary="撤销代办授权", request=None, responses=_ok(MandateOut))
    def post(self, request, mandate_id: int):
        mandate = proxy_mandate_revoke(actor=request.user, mandate=mandate_get(request.user, mandate_id))
        return Response(MandateOut(mandate).data)


def urls() -> list:
    return [
        path("auth/sign-up/code", SignUpCodeView.as_view(), name="sign-up-code"),
        path("auth/sign-up", SignUpView.as_view(), name="sign-up"),
        path("auth/password-reset/code", ResetCodeView.as_view(), name="password-reset-code"),
        path("auth/password-reset", ResetView.as_view(), name="password-reset"),
        path("enterprises", EnterprisesView.as_view(), name="enterprises"),
        path("enterprises/<int:enterprise_id>/agents", AgentsView.as_view(), name="enterprise-agents"),
        path("enterprises/<int:enterprise_id>/agents/<int:authorisation_id>/revoke", AgentRevokeView.as_view(),
             name="enterprise-agent-revoke"),
        path("proxy-mandates", MandatesView.as_view(), name="proxy-mandates"),
        path("proxy-mandates/<int:mandate_id>/revoke", MandateRevokeView.as_view(), name="proxy-mandate-revoke"),
    ]
