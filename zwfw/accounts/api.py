"""API of the accounts context: staff, applicants, tokens, the signed-in account."""

from django.contrib.auth import logout
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.api.schema import error_responses
from zwfw.core.context import client_ip
from zwfw.core.errors import ValidationFailed

from . import serializers as s
from .models import ApiToken, ApplicantKind, LoginThrottle
from .selectors import applicant_get, applicants_visible_to, staff_get, staff_visible_to
from .services import (
    applicant_register_enterprise,
    applicant_register_person,
    applicant_reveal_id_number,
    role_grant,
    role_revoke,
    sign_out,
    staff_create,
    staff_deactivate,
    staff_sign_in,
    staff_update,
)
from .services.throttle import sign_in_lock_get, sign_in_locks, sign_in_unlock
from .tokens import api_token_get, api_token_issue, api_token_revoke, api_tokens_visible_to

ERRORS = error_responses()


def _ok(serializer, code=200):
    return {code: serializer, **{k: v for k, v in ERRORS.items() if k != code}}


class StaffViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.StaffOut

    def get_queryset(self):
        return (staff_visible_to(self.request.user).select_related("department", "region")
                .prefetch_related("role_grants").order_by("pk"))

    @extend_schema(summary="工作人员列表（按查看者权限范围）", responses=_ok(s.StaffOut(many=True)))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="工作人员详情", responses=_ok(s.StaffOut))
    def retrieve(self, request, pk=None):
        return Response(s.StaffOut(staff_get(request.user, pk)).data)

    @extend_schema(summary="创建工作人员账号", request=s.StaffCreateIn, responses=_ok(s.StaffOut, 201))
    def create(self, request):
        data = _valid(s.StaffCreateIn, request.data)
        user = staff_create(actor=request.user, **data)
        return Response(s.StaffOut(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="修改工作人员信息或权限范围", request=s.StaffUpdateIn, responses=_ok(s.StaffOut))
    def partial_update(self, request, pk=None):
        user = staff_get(request.user, pk)
        data = _valid(s.StaffUpdateIn, request.data, partial=True)
        return Response(s.StaffOut(staff_update(actor=request.user, user=user, **data)).data)

    @extend_schema(summary="停用工作人员账号", request=None, responses=_ok(s.StaffOut))
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = staff_deactivate(actor=request.user, user=staff_get(request.user, pk))
        return Response(s.StaffOut(user).data)

    @extend_schema(summary="授予角色", request=s.RoleIn, responses=_ok(s.StaffOut, 201))
    @action(detail=True, methods=["post"], url_path="roles")
    def grant(self, request, pk=None):
        user = staff_get(request.user, pk)
        role_grant(actor=request.user, user=user, **_valid(s.RoleIn, request.data))
        return Response(s.StaffOut(staff_get(request.user, pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="收回角色", request=s.RoleIn, responses=_ok(s.StaffOut))
    @action(detail=True, methods=["post"], url_path="roles/revoke")
    def revoke(self, request, pk=None):
        user = staff_get(request.user, pk)
        role_revoke(actor=request.user, user=user, **_valid(s.RoleIn, request.data))
        return Response(s.StaffOut(staff_get(request.user, pk)).data)


class ApplicantViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ApplicantOut

    def get_queryset(self):
        return applicants_visible_to(self.request.user).order_by("pk")

    @extend_schema(summary="申请人列表（身份证号、电话均脱敏）", responses=_ok(s.ApplicantOut(many=True)))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="申请人详情（脱敏）", responses=_ok(s.ApplicantOut))
    def retrieve(self, request, pk=None):
        return Response(s.ApplicantOut(applicant_get(request.user, pk)).data)

    @extend_schema(summary="登记申请人（自然人或法人）", request=s.ApplicantIn, responses=_ok(s.ApplicantOut, 201))
    def create(self, request):
        data = _valid(s.ApplicantIn, request.data)
        kind, common = data.pop("kind"), {k: data.get(k, "") for k in ("name", "phone", "address")}
        if kind == ApplicantKind.PERSON:
            applicant = applicant_register_person(
                actor=request.user, id_number=data.get("id_number", ""), region=data.get("region"), **common)
        else:
            applicant = applicant_register_enterprise(
                actor=request.user, credit_code=data.get("credit_code", ""), region=data.get("region"),
                legal_representative=data.get("legal_representative", ""), **common)
        return Response(s.ApplicantOut(applicant).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="查看完整身份证号码（仅限窗口、审批、部门负责人、代办员；记入审计）",
                   request=None, responses=_ok(s.RevealOut))
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        applicant = applicant_get(request.user, pk)
        return Response({"id_number": applicant_reveal_id_number(viewer=request.user, applicant=applicant)})


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(summary="以用户名和密码换取接口令牌（与登录相同的锁定规则）", request=s.TokenIn,
                   responses=_ok(s.TokenOut, 201), auth=[])
    def post(self, request):
        data = _valid(s.TokenIn, request.data)
        user = staff_sign_in(username=data["username"], password=data["password"], ip=client_ip(request),
                             channel="api")
        token, key = api_token_issue(user=user, name="api")
        body = {"token": key, "token_type": "Bearer", "expires_at": token.expires_at}
        return Response(s.TokenOut(body).data, status=status.HTTP_201_CREATED)


class SignOutView(APIView):
    @extend_schema(summary="退出登录：吊销本次请求所用的接口令牌（会话登录则结束会话）", request=None,
                   responses={204: None, **ERRORS})
    def post(self, request):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        sign_out(user=request.user, ip=client_ip(request), token=token)
        if token is None:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ApiTokenOut

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no viewer
            return ApiToken.objects.none()
        return api_tokens_visible_to(self.request.user)

    @extend_schema(summary="有效的接口令牌（本人的；安全管理员可见全部）", responses=_ok(s.ApiTokenOut(many=True)))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="吊销接口令牌（本人或安全管理员；记入审计）", request=None, responses=_ok(s.ApiTokenOut))
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        token = api_token_get(request.user, pk)
        api_token_revoke(token=token, actor=request.user)
        return Response(s.ApiTokenOut(token).data)


class SignInLockViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SignInLockOut

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LoginThrottle.objects.none()
        return sign_in_locks(viewer=self.request.user)

    @extend_schema(summary="锁定中的登录名、来源地址和设备（安全管理员）", responses=_ok(s.SignInLockOut(many=True)))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="解除登录锁定（安全管理员；记入审计）", request=None, responses={204: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        sign_in_unlock(actor=request.user, throttle=sign_in_lock_get(viewer=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(summary="当前登录账号", responses=_ok(s.MeOut))
    def get(self, request):
        return Response(s.MeOut(request.user).data)


def _valid(serializer_class, data, partial=False) -> dict:
    """Shape-check the body; the rules themselves live in the services."""
    serializer = serializer_class(data=data, partial=partial)
    if not serializer.is_valid():
        fields = {k: [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in serializer.errors.items()}
        raise ValidationFailed(field_errors=fields)
    return dict(serializer.validated_data)


def register(router):
    from .api_applicants import urls as applicant_urls

    router.register("staff", StaffViewSet, basename="staff")
    router.register("applicants", ApplicantViewSet, basename="applicant")
    router.register("tokens", ApiTokenViewSet, basename="api-token")
    router.register("sign-in-locks", SignInLockViewSet, basename="sign-in-lock")
    return [
        path("auth/token", TokenView.as_view(), name="auth-token"),
        path("auth/sign-out", SignOutView.as_view(), name="auth-sign-out"),
        path("me", MeView.as_view(), name="me"),
        *applicant_urls(),
    ]
