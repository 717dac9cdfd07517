from __future__ import annotations

from rest_framework import serializers

from .models import Card


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
