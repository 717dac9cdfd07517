"""The archive API (/api/v1/archive/cases…, ADR 0033): the archivist's sealed cases and one case's
archive package (a zip with its manifest). Thin: the selector scopes, the service builds and audits."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action

from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses

from ..models import Case
from .package import case_archive_package
from .responses import archive_response
from .selectors import archived_cases_for


class ArchivedCaseSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "number", "status", "status_display", "item_name", "implementation_code", "applicant_name",
                  "department_name", "region", "received_at", "concluded_at", "rejected_at", "withdrawn_at",
                  "archived_at"]


@extend_schema(tags=["archive"])
class ArchivedCaseViewSet(viewsets.GenericViewSet):
    """办件档案: sealed cases of the archivist's department or region; anyone else sees none."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    serializer_class = ArchivedCaseSerializer
    pagination_class = PagePagination

    @extend_schema(responses={200: ArchivedCaseSerializer(many=True)}, summary="已归档办件列表")
    def list(self, request):
        page = self.paginate_queryset(archived_cases_for(request.user))
        return self.get_paginated_response(ArchivedCaseSerializer(page, many=True).data)

    @extend_schema(responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY,
                                                                        description="档案包（zip，含 manifest.json）"),
                              **error_responses(401, 403, 404, 409)},
                   summary="下载办件档案包（记入审计）")
    @action(detail=True, methods=["get"])
    def package(self, request, pk=None):
        return archive_response(case_archive_package(actor=request.user, case_id=pk))
