"""Catalog write API and staff reports (/api/v1/catalog/…): drafts, versions, review actions,
recorded changes, zero reports, statistics (JSON and Excel) and the consistency report.

Thin: each endpoint parses its input, calls one service or selector and renders; rules and
permissions live in the services, errors come out in the platform format (zwfw.api.errors).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.api.schema import error_responses
from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.organizations.models import Department
from zwfw.organizations.selectors import region_from_query_or_home

from . import api_write_serializers as w
from . import selectors, services
from . import serializers as s
from .consistency import catalog_consistency
from .models import CatalogLevel, ServiceItem
from .scope import item_get
from .stats import catalog_stats
from .stats_export import stats_workbook

ERRORS = error_responses()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _parse(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _version(request, pk):
    return selectors.version_get(viewer=request.user, version_id=int(pk))


def _ok(version, code=status.HTTP_200_OK) -> Response:
    return Response(s.VersionSerializer(version).data, status=code)


@extend_schema(tags=["catalog-write"])
class DraftViewSet(viewsets.GenericViewSet):
    """Items in the making: create an item with its first draft, edit a draft version."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = s.VersionSerializer

    @extend_schema(request=w.DraftCreateInput, responses={201: s.VersionSerializer, **ERRORS},
                   summary="起草事项（新建实施清单事项及其首个草稿版本）")
    def create(self, request):
        data = _parse(w.DraftCreateInput, request.data)
        scope = Scope.for_viewer(request.user)
        department = scope.department
        if department is None or not scope.has(Role.CATALOG_EDITOR):
            # Refused before the input is looked at: 403 for everyone who may not draft at all.
            raise PermissionDenied(_("只有本部门的事项编辑人员可以起草事项"))
        base_item = None
        if data.get("base_item"):
            base_item = ServiceItem.objects.filter(pk=data["base_item"], catalog_level=CatalogLevel.BASE).first()
            if base_item is None:
                raise ValidationFailed.on("base_item", "基本目录事项不存在")
        version = services.item_draft_create(
            actor=request.user, department=department, base_code=data["base_code"], name=data["name"],
            item_type=data["item_type"], base_item=base_item, local_code=data.get("local_code", ""),
            sub_code=data.get("sub_code", ""), fields=data.get("fields") or {},
            materials=data.get("materials"), steps=data.get("steps"), form_fields=data.get("form_fields"),
        )
        return _ok(version, status.HTTP_201_CREATED)

    @extend_schema(request=w.VersionUpdateInput, responses={200: s.VersionSerializer, **ERRORS},
                   summary="修改草稿版本（子表给出时整体替换）")
    def partial_update(self, request, pk=None):
        data = _parse(w.VersionUpdateInput, request.data)
        version = services.item_version_update(actor=request.user, version=_version(request, pk), **data)
        return _ok(version)


@extend_schema(tags=["catalog-write"])
class VersionActionViewSet(viewsets.GenericViewSet):
    """Review actions on a version: submit, approve, return with field comments, publish."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = s.VersionSerializer

    @extend_schema(request=None, responses={200: s.VersionSerializer, **ERRORS}, summary="提交审核")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return _ok(services.item_submit_for_review(actor=request.user, version=_version(request, pk)))

    @extend_schema(request=w.CommentInput, responses={200: s.VersionSerializer, **ERRORS},
                   summary="审核通过（当前审核环节）")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = _parse(w.CommentInput, request.data)
        return _ok(services.item_review_approve(actor=request.user, version=_version(request, pk), **data))

    @extend_schema(request=w.ReturnInput, responses={200: s.VersionSerializer, **ERRORS},
                   summary="退回修改（可逐项填写意见）")
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = _parse(w.ReturnInput, request.data)
        return _ok(services.item_review_return(actor=request.user, version=_version(request, pk), **data))

    @extend_schema(request=w.PublishInput, responses={200: s.VersionSerializer, **ERRORS}, summary="发布")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = _parse(w.PublishInput, request.data)
        return _ok(services.item_publish(actor=request.user, version=_version(request, pk), **data))


@extend_schema(tags=["catalog-write"])
class ItemActionViewSet(viewsets.GenericViewSet):
    """Item-level acts: open a new version, cancel (取消), delegate (赋权), take over (承接)."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = w.ItemChangeSerializer

    def _item(self, pk):
        return item_get(viewer=self.request.user, item_id=int(pk))

    @extend_schema(request=w.NewVersionInput, responses={201: s.VersionSerializer, **ERRORS},
                   summary="新建版本（复制现行版本为草稿）")
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        data = _parse(w.NewVersionInput, request.data)
        version = services.item_version_create(actor=request.user, item=self._item(pk), **data)
        return _ok(version, status.HTTP_201_CREATED)

    @extend_schema(request=w.ChangeInput, responses={201: w.ItemChangeSerializer, **ERRORS}, summary="取消事项")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = _parse(w.ChangeInput, request.data)
        change = services.item_cancel(actor=request.user, item=self._item(pk), **data)
        return Response(w.ItemChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=w.DelegateInput, responses={201: w.ItemChangeSerializer, **ERRORS},
                   summary="赋权乡镇（街道）")
    @action(detail=True, methods=["post"])
    def delegate(self, request, pk=None):
        data = _parse(w.DelegateInput, request.data)
        to_department = Department.objects.filter(pk=data.pop("to_department"), is_active=True).first()
        if to_department is None:
            raise ValidationFailed.on("to_department", "部门不存在")
        change = services.item_delegate(actor=request.user, item=self._item(pk), to_department=to_department,
                                        **data)
        return Response(w.ItemChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=w.ChangeInput, responses={201: w.ItemChangeSerializer, **ERRORS},
                   summary="承接上级事项（本部门）")
    @action(detail=True, methods=["post"], url_path="take-over")
    def take_over(self, request, pk=None):
        data = _parse(w.ChangeInput, request.data)
        if request.user.department is None:
            raise ValidationFailed.on("department", "您的账号尚未关联部门")
        change = services.item_take_over(actor=request.user, item=self._item(pk),
                                         department=request.user.department, **data)
        return Response(w.ItemChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class ZeroReportView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=["catalog-write"], request=w.ZeroReportInput,
                   responses={201: w.ZeroReportSerializer, **ERRORS}, summary="填报零报告（本部门）")
    def post(self, request):
        data = _parse(w.ZeroReportInput, request.data)
        if request.user.department is None:
            raise ValidationFailed.on("department", "您的账号尚未关联部门")
        report = services.zero_report_file(actor=request.user, department=request.user.department, **data)
        return Response(w.ZeroReportSerializer(report).data, status=status.HTTP_201_CREATED)



REGION_PARAM = OpenApiParameter("region", str, description="区划代码（含下级）；缺省为本地区划（ZWFW_HOME_REGION），all 为全部")


class StatsView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(tags=["catalog"], parameters=[REGION_PARAM], responses={200: w.StatsSerializer, **ERRORS},
                   summary="事项统计（已发布的在用事项）")
    def get(self, request):
        return Response(catalog_stats(viewer=request.user, region=region_from_query_or_home(request)))


class StatsExportView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(tags=["catalog"], parameters=[REGION_PARAM],
                   responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Excel 统计表"), **ERRORS},
                   summary="事项统计 Excel 导出")
    def get(self, request):
        region = region_from_query_or_home(request)
        data = catalog_stats(viewer=request.user, region=region)
        body = stats_workbook(data, scope_label=region.name if region else "全部")
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="catalog-stats.xlsx"'
        return response


class ConsistencyView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=["catalog"], responses={200: w.ConsistencySerializer, **ERRORS},
                   summary="四级四同一致性报告（按当前用户的工作范围）")
    def get(self, request):
        return Response(catalog_consistency(viewer=request.user).as_dict())


def register(router) -> list:
    """Called from zwfw.catalog.api.register; returns the non-router URL patterns."""
    from django.urls import path

    router.register("catalog/drafts", DraftViewSet, basename="catalog-draft")
    router.register("catalog/versions", VersionActionViewSet, basename="catalog-version-action")
    router.register("catalog/items", ItemActionViewSet, basename="catalog-item-action")
    return [
        path("catalog/zero-reports", ZeroReportView.as_view(), name="catalog-zero-reports"),
        path("catalog/stats", StatsView.as_view(), name="catalog-stats"),
        path("catalog/stats/export", StatsExportView.as_view(), name="catalog-stats-export"),
        path("catalog/consistency", ConsistencyView.as_view(), name="catalog-consistency"),
    ]
