"""What the step API shows: staff see every fact of a step (GB/T 39046 table 7); the applicant's
side sees the steps' names, states and dates only (opinions and handlers are internal)."""

from __future__ import annotations

from rest_framework import serializers

from zwfw.core import clock

from .models import CaseStep
from .selectors_work import URGENCY_LABELS, step_remaining_days

TEXT_MAX = 2000
PUBLIC_FIELDS = ("position", "run", "name", "kind", "kind_display", "status", "status_display", "gb_step_status",
                 "started_at", "finished_at")


def _person(user) -> str:
    return (user.full_name or user.username) if user is not None else ""


class StepSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    business_action_display = serializers.CharField(source="get_business_action_display", read_only=True)
    gb_step_status = serializers.CharField(read_only=True)
    department = serializers.CharField(source="department.name", read_only=True)
    joint_department = serializers.CharField(source="joint_department.name", read_only=True, default="")
    assignee = serializers.SerializerMethodField()
    handled_by = serializers.SerializerMethodField()
    second_verifier = serializers.SerializerMethodField()
    joint_answered_by = serializers.SerializerMethodField()
    due_at = serializers.DateTimeField(source="clock.due_at", read_only=True, default=None)
    remaining_working_days = serializers.SerializerMethodField()

    class Meta:
        model = CaseStep
        fields = ["id", "position", "run", "name", "kind", "kind_display", "role", "role_display", "working_days",
                  "department", "joint_department", "status", "status_display", "gb_step_status", "assignee",
                  "claimed_at", "opinion", "business_action", "business_action_display", "return_reason",
                  "handled_by", "second_verifier", "joint_requested_at", "joint_request_note", "joint_answered_by",
                  "joint_answered_at", "joint_agreed", "joint_opinion", "started_at", "finished_at", "due_at",
                  "remaining_working_days"]

    def get_assignee(self, obj) -> str:
        return _person(obj.assignee)

    def get_handled_by(self, obj) -> str:
        return _person(obj.handled_by)

    def get_second_verifier(self, obj) -> str:
        return _person(obj.second_verifier)

    def get_joint_answered_by(self, obj) -> str:
        return _person(obj.joint_answered_by)

    def get_remaining_working_days(self, obj) -> int | None:
        return step_remaining_days(obj, today=clock.today(clock.now()))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("staff"):
            data = {k: v for k, v in data.items() if k in PUBLIC_FIELDS}
        return data


class CaseStepsSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    revision = serializers.IntegerField()
    steps = StepSerializer(many=True)


class WorkQueueEntrySerializer(StepSerializer):
    case_id = serializers.IntegerField(read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    case_revision = serializers.IntegerField(source="case.revision", read_only=True)
    item_name = serializers.CharField(source="case.item_name", read_only=True)
    applicant = serializers.CharField(source="case.applicant.name", read_only=True)
    urgency = serializers.IntegerField(read_only=True)
    urgency_display = serializers.SerializerMethodField()
    step_due_at = serializers.DateTimeField(read_only=True)
    promised_due_at = serializers.DateTimeField(read_only=True)

    class Meta(StepSerializer.Meta):
        fields = ["case_id", "case_number", "case_revision", "item_name", "applicant", "urgency", "urgency_display",
                  "step_due_at", "promised_due_at", *StepSerializer.Meta.fields]

    def get_urgency_display(self, obj) -> str:
        return str(URGENCY_LABELS.get(obj.urgency, ""))

    def to_representation(self, instance):
        return serializers.ModelSerializer.to_representation(self, instance)


class StepRevisionInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)


class AssignInput(StepRevisionInput):
    assignee = serializers.IntegerField(help_text="被分派人账号编号")


class OpinionInput(StepRevisionInput):
    opinion = serializers.CharField(max_length=TEXT_MAX)


class PassInput(StepRevisionInput):
    opinion = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    second_verifier = serializers.IntegerField(required=False, allow_null=True, default=None,
                                               help_text="现场核查环节的共同核查人账号编号（行政许可法第三十四条）")


class StepReturnInput(StepRevisionInput):
    reason = serializers.CharField(max_length=TEXT_MAX)


class JointInput(StepRevisionInput):
    note = serializers.CharField(max_length=TEXT_MAX)


class JointAnswerInput(StepRevisionInput):
    agreed = serializers.BooleanField()
    opinion = serializers.CharField(max_length=TEXT_MAX)
