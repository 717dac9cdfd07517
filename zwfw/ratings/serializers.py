from __future__ import annotations

from rest_framework import serializers

from .models import Appeal, Callback, CallbackMethod, Level, Rating, RatingChannel, Resolution, WorkOrder

ONLINE = [(RatingChannel.PC.value, RatingChannel.PC.label), (RatingChannel.MOBILE.value, RatingChannel.MOBILE.label)]


class RatingSerializer(serializers.ModelSerializer):
    """GB/T 39046—2020 table 9 elements: channel, rater, rated_at, sequence (评价次数), level (A.8 code), comment."""

    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True, default="")
    department_name = serializers.CharField(source="department.name", read_only=True, default="")

    class Meta:
        model = Rating
        fields = ["id", "case", "case_number", "channel", "channel_display", "sequence", "level", "level_display",
                  "tags", "comment", "comment_status", "status", "status_display", "rated_at", "real_name",
                  "is_default", "stage", "window", "staff", "department", "department_name", "service_center"]
        read_only_fields = fields


class RatingInput(serializers.Serializer):
    case = serializers.IntegerField(label="办件", min_value=1)
    level = serializers.ChoiceField(label="满意度", choices=Level.choices)
    channel = serializers.ChoiceField(label="评价渠道", choices=ONLINE, default=RatingChannel.PC.value)
    tags = serializers.ListField(label="评价指标", child=serializers.CharField(max_length=40), max_length=8,
                                 required=False, default=list)
    comment = serializers.CharField(label="评价内容", allow_blank=True, required=False, default="", max_length=20000)


class CallbackSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.full_name", read_only=True, default="")

    class Meta:
        model = Callback
        fields = ["id", "method", "reached", "outcome", "at", "by", "by_name"]
        read_only_fields = fields


class WorkOrderSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    rating_detail = RatingSerializer(source="rating", read_only=True)
    callbacks = CallbackSerializer(many=True, read_only=True)
    # "" until the department submits; then one of Resolution's values.
    resolution = serializers.CharField(read_only=True)

    class Meta:
        model = WorkOrder
        fields = ["id", "rating", "rating_detail", "status", "status_display", "department", "department_name",
                  "region", "callback_required", "opened_at", "callback_due_at", "called_back_at", "due_at", "round",
                  "resolution", "resolution_note", "submitted_at", "late", "review_note", "closed_at", "on_time",
                  "callbacks"]
        read_only_fields = fields


class CallbackInput(serializers.Serializer):
    method = serializers.ChoiceField(label="回访方式", choices=CallbackMethod.choices)
    reached = serializers.BooleanField(label="已联系上")
    outcome = serializers.CharField(label="回访情况", allow_blank=True, max_length=5000)


class SubmitInput(serializers.Serializer):
    resolution = serializers.ChoiceField(label="处理方式", choices=Resolution.choices)
    note = serializers.CharField(label="整改情况", allow_blank=True, max_length=5000)


class NoteInput(serializers.Serializer):
    note = serializers.CharField(label="审核意见", allow_blank=True, required=False, default="", max_length=1000)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(label="理由", allow_blank=True, max_length=5000)


class RatingAppealDecideInput(ReasonInput):
    remove = serializers.BooleanField(label="剔除评价")


class RatingAppealSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Appeal
        fields = ["id", "rating", "status", "status_display", "reason", "filed_at", "filed_by", "decision_reason",
                  "decided_at", "decided_by"]
        read_only_fields = fields


class RatingFiguresSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    ratings = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    bad = serializers.IntegerField()
    defaults = serializers.IntegerField()
    closed = serializers.IntegerField()
    closed_on_time = serializers.IntegerField()
    real_name_bad = serializers.IntegerField()
    called_back = serializers.IntegerField()
    satisfaction_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    on_time_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    callback_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    by = serializers.CharField()
    rows = RatingFiguresSerializer(many=True)
    total = RatingFiguresSerializer()


class StatisticsQuery(serializers.Serializer):
    by = serializers.ChoiceField(choices=[("department", "部门"), ("center", "政务服务中心"), ("window", "窗口"),
                                          ("staff", "工作人员")], default="department", required=False)
    start = serializers.DateField(required=False, allow_null=True, default=None)
    end = serializers.DateField(required=False, allow_null=True, default=None)
