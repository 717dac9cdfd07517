"""GET /api/v1/catalog/review-queue: the signed-in viewer's review queue (待审核 / 待发布), the same
selector as the workbench page (zwfw.catalog.review_queue)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.api.schema import error_responses

from .review_queue import review_queue
from .serializers import VersionSummarySerializer


class QueueVersionSerializer(VersionSummarySerializer):
    item = serializers.IntegerField(source="item_id", read_only=True)
    department = serializers.CharField(source="item.department.name", default="", read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "item", "department", "submitted_at", "approved_at"]


class QueueEntrySerializer(serializers.Serializer):
    version = QueueVersionSerializer()
    step_label = serializers.CharField(help_text="当前审核环节名称")


class ReviewQueueSerializer(serializers.Serializer):
    to_review = QueueEntrySerializer(many=True, help_text="待我审核（按提交时间先后）")
    to_publish = QueueVersionSerializer(many=True, help_text="审核已通过、待我发布")


class ReviewQueueView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=["catalog-write"], responses={200: ReviewQueueSerializer, **error_responses(401, 403)},
                   summary="我的待审核、待发布版本")
    def get(self, request):
        return Response(ReviewQueueSerializer(review_queue(viewer=request.user)).data)
