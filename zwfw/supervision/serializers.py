from __future__ import annotations

from rest_framework import serializers

from .models import (
    AnomalyKind,
    AppealStatus,
    Card,
    CardAppeal,
    CardReminder,
    Level,
    SupervisionRule,
    Target,
    ThresholdKind,
)


class CardSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    responsible_name = serializers.CharField(source="responsible.full_name", read_only=True, default="")

    class Meta:
        model = Card
        fields = ["id", "level", "level_display", "status", "status_display", "summary", "owner_type", "owner_id",
                  "region", "department", "department_name", "responsible", "responsible_name", "rule_code",
                  "rule_version", "due_at", "raised_at", "issued_at", "feedback_due_at", "closed_at",
                  "close_reason", "reminders"]
        read_only_fields = fields


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(label="撤销原因", allow_blank=True, required=False, default="", max_length=1000)


class EscalateInput(serializers.Serializer):
    note = serializers.CharField(label="督办意见", allow_blank=True, required=False, default="", max_length=1000)


class ReminderSerializer(serializers.ModelSerializer):
    sent_by_name = serializers.CharField(source="sent_by.full_name", read_only=True)
    recipient_names = serializers.SerializerMethodField()

    class Meta:
        model = CardReminder
        fields = ["id", "card", "sent_at", "sent_by", "sent_by_name", "recipient_names", "channels"]
        read_only_fields = fields

    def get_recipient_names(self, obj) -> list[str]:
        return [person.full_name for person in obj.recipients.all()]


class AppealSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    submitted_by_name = serializers.CharField(source="submitted_by.full_name", read_only=True)

    class Meta:
        model = CardAppeal
        fields = ["id", "card", "status", "status_display", "reason", "card_status_before", "submitted_by",
                  "submitted_by_name", "submitted_at", "decided_by", "decided_at", "decision_note"]
        read_only_fields = fields


class RuleSerializer(serializers.ModelSerializer):
    target_display = serializers.CharField(source="get_target_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    threshold_display = serializers.CharField(source="get_threshold_display", read_only=True)

    class Meta:
        model = SupervisionRule
        fields = ["id", "code", "version", "region", "target", "target_display", "level", "level_display",
                  "threshold", "threshold_display", "share_used_percent", "working_days_left",
                  "feedback_working_days", "source", "active", "created_at", "created_by"]
        read_only_fields = fields


class RuleInput(serializers.Serializer):
    target = serializers.ChoiceField(label="监察对象", choices=Target.choices)
    level = serializers.ChoiceField(label="级别", choices=Level.choices)
    threshold = serializers.ChoiceField(label="阈值类型", choices=ThresholdKind.choices)
    share_used_percent = serializers.IntegerField(label="已用时限比例（%）", required=False, allow_null=True,
                                                  default=None)
    working_days_left = serializers.IntegerField(label="剩余工作日", required=False, allow_null=True, default=None)
    feedback_working_days = serializers.IntegerField(label="反馈期限（工作日）", required=False, allow_null=True,
                                                     default=None)
    active = serializers.BooleanField(label="启用", required=False, default=True)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(label="反馈情况", allow_blank=True, max_length=1000)


class AppealInput(serializers.Serializer):
    reason = serializers.CharField(label="申诉理由", allow_blank=True, max_length=1000)


class CardAppealDecideInput(serializers.Serializer):
    outcome = serializers.ChoiceField(label="处理结果", choices=[(s, label) for s, label in AppealStatus.choices
                                                              if s != AppealStatus.SUBMITTED])
    note = serializers.CharField(label="处理意见", allow_blank=True, required=False, default="", max_length=1000)


class AnomalySerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case.pk")
    number = serializers.CharField(source="case.number", allow_null=True)
    item_name = serializers.CharField(source="case.item_name")
    department_name = serializers.CharField(source="case.department.name")
    received_at = serializers.DateTimeField(source="case.received_at")
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=AnomalyKind.choices))
