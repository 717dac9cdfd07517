"""API of catalog import and export.

GET  /api/v1/catalog/template.xlsx   the empty template (public)
GET  /api/v1/catalog/export.xlsx     the published catalog in the template (public, 七公开)
GET  /api/v1/catalog/export.json     the same as JSON records, paginated (public)
POST /api/v1/catalog/import          multipart upload of a filled template (catalog editors);
                                     a file with errors answers 400 {"code": "import_failed",
                                     "fields": {"事项!C5": [...]}} and imports nothing
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from zwfw.api.schema import ErrorSerializer, error_responses
from zwfw.organizations.selectors import region_from_query_or_home

from .exporting import catalog_export_xlsx, template_xlsx
from .importing import catalog_import
from .records import export_queryset, item_records, record_json

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="按模板填写的 .xlsx 文件")
    good_rows_only = serializers.BooleanField(default=False, help_text="仅导入无误的事项（事项行及其全部子表行都无误）")


class CellProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField()
    column = serializers.CharField()
    cell = serializers.CharField()
    header = serializers.CharField()
    value = serializers.JSONField(allow_null=True)
    message = serializers.CharField()


class ImportedItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    row = serializers.IntegerField()
    item_id = serializers.IntegerField()
    version_id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()


class SkippedItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    row = serializers.IntegerField()
    reason = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    file = serializers.CharField()
    good_rows_only = serializers.BooleanField()
    created = ImportedItemSerializer(many=True)
    updated = ImportedItemSerializer(many=True)
    unchanged = ImportedItemSerializer(many=True, help_text="与现行版本相同、未新建草稿的事项")
    skipped = SkippedItemSerializer(many=True)
    errors = CellProblemSerializer(many=True)
    warnings = CellProblemSerializer(many=True)


class ExportRecordSerializer(serializers.Serializer):
    """One published item: identity, every guide element (stored codes) and its child rows."""

    key = serializers.CharField()
    department = serializers.CharField(allow_null=True, help_text="实施主体统一社会信用代码")
    department_name = serializers.CharField()
    base_code = serializers.CharField()
    implementation_code = serializers.CharField(allow_null=True)
    sub_code = serializers.CharField()
    local_code = serializers.CharField()
    parent = serializers.CharField(allow_null=True)
    variant = serializers.CharField()
    version_number = serializers.IntegerField()
    effective_on = serializers.DateField(allow_null=True)
    guide = serializers.DictField(help_text="全部办事指南要素，键为字段名，值为存储值（代码）")
    themes = serializers.ListField(child=serializers.CharField())
    materials = serializers.ListField(child=serializers.DictField())
    steps = serializers.ListField(child=serializers.DictField())
    special_procedures = serializers.ListField(child=serializers.DictField())
    fee_items = serializers.ListField(child=serializers.DictField())



def _xlsx_response(buffer: io.BytesIO, filename: str) -> HttpResponse:
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


REGION = OpenApiParameter("region", str, description="区划代码（6、9或12位，含下级区划）；缺省为本地区划（ZWFW_HOME_REGION），all 为全部")


@extend_schema(tags=["catalog"])
class CatalogExchangeViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = ExportRecordSerializer

    def get_queryset(self):
        return export_queryset(viewer=self.request.user, region=region_from_query_or_home(self.request))

    @extend_schema(summary="下载事项导入模板", responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], url_path="template.xlsx", url_name="template")
    def template(self, request):
        buffer = io.BytesIO()
        template_xlsx(buffer)
        return _xlsx_response(buffer, "catalog-template.xlsx")

    @extend_schema(summary="导出已发布事项（Excel，与导入模板同格式）", parameters=[REGION],
                   responses={(200, XLSX): OpenApiTypes.BINARY, **error_responses(404)})
    @action(detail=False, methods=["get"], url_path="export.xlsx", url_name="export-xlsx")
    def export_xlsx(self, request):
        buffer = io.BytesIO()
        catalog_export_xlsx(viewer=request.user, out=buffer, region=region_from_query_or_home(request))
        return _xlsx_response(buffer, "catalog-export.xlsx")

    @extend_schema(summary="导出已发布事项（JSON，分页）", parameters=[REGION],
                   responses={200: ExportRecordSerializer(many=True), **error_responses(404)})
    @action(detail=False, methods=["get"], url_path="export.json", url_name="export-json")
    def export_json(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([record_json(r) for r in item_records(page)])

    @extend_schema(summary="导入事项（Excel）", request={"multipart/form-data": ImportUploadSerializer},
                   responses={200: ImportReportSerializer, **error_responses(401, 403, 409),
                              400: OpenApiResponse(ErrorSerializer, description="文件有错误，未导入任何事项："
                                                   "code 为 import_failed，fields 的键为单元格引用，如“事项!C5”")})
    @action(detail=False, methods=["post"], url_path="import", url_name="import",
            permission_classes=[permissions.IsAuthenticated], parser_classes=[MultiPartParser])
    def import_file(self, request):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        report = catalog_import(actor=request.user, source=file, file_name=file.name,
                                good_rows_only=upload.validated_data["good_rows_only"])
        return Response(report.as_dict())


def register(router) -> list:
    router.register("catalog", CatalogExchangeViewSet, basename="catalog-exchange")
    return []
