"""/api/v1/cases/{id}/special-procedures…, /extensions…, /time-limits: 特别程序 and 延期 of a case.

Thin: the case is read through the viewer's scope (another's case is "not found"), one service
per POST, every POST honours an `Idempotency-Key` like the other case actions.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.api.schema import error_responses
from zwfw.calendar.limits import LimitUnit
from zwfw.catalog.models import SpecialProcedureKind

from .api import IDEMPOTENCY, _idempotent, _parse
from .models import CaseExtension, CaseSpecialProcedure
from .selectors import case_get
from .selectors_procedures import (
    case_extensions,
    case_special_procedures,
    case_time_limits,
    extension_get,
    procedure_get,
    procedure_hearing_timetable,
)
from .services.procedures import (
    case_extension_decide,
    case_extension_request,
    special_procedure_end,
    special_procedure_start,
)

ERRORS = error_responses()


class ProcedureSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    gb_code_display = serializers.CharField(source="get_gb_code_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    notice_number = serializers.CharField(source="notice.number", default=None, read_only=True, allow_null=True)
    hearing_timetable = serializers.SerializerMethodField()
    case_revision = serializers.IntegerField(source="case.revision", read_only=True)

    class Meta:
        model = CaseSpecialProcedure
        fields = ["id", "kind", "kind_display", "gb_code", "gb_code_display", "status", "status_display", "reason",
                  "expected_duration", "duration_unit", "expected_end_on", "started_at", "ended_at", "result",
                  "notice", "notice_number", "hearing_right_told_on", "hearing_requested_on", "hearing_on",
                  "hearing_timetable", "case_revision"]

    def get_hearing_timetable(self, obj) -> dict | None:
        plan = procedure_hearing_timetable(obj)
        return plan and {"request_by": plan.request_by, "hold_by": plan.hold_by, "notify_by": plan.notify_by}


class ExtensionSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    gb_code_display = serializers.CharField(source="get_gb_code_display", read_only=True)
    notice_number = serializers.CharField(source="notice.number", default=None, read_only=True, allow_null=True)
    case_revision = serializers.IntegerField(source="case.revision", read_only=True)

    class Meta:
        model = CaseExtension
        fields = ["id", "gb_code", "gb_code_display", "status", "status_display", "days", "reason", "requested_at",
                  "decided_at", "decision_note", "statutory_due_before", "statutory_due_after", "promised_due_after",
                  "notice", "notice_number", "case_revision"]


class PauseOut(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    excluded_days = serializers.IntegerField(allow_null=True, help_text="不计入时限的天数（进行中为空）")


class ClockOut(serializers.Serializer):
    id = serializers.IntegerField()
    purpose = serializers.CharField()
    label = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    limit = serializers.IntegerField()
    unit = serializers.CharField()
    extension_days = serializers.IntegerField()
    extension_max = serializers.IntegerField()
    due_date = serializers.DateField(allow_null=True)
    remaining_days = serializers.IntegerField(allow_null=True, help_text="剩余工作日（负数为超期；暂停时为空）")
    pauses = PauseOut(many=True)


class StartInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=SpecialProcedureKind.choices)
    reason = serializers.CharField(max_length=500)
    expected_duration = serializers.IntegerField(required=False, min_value=1, max_value=3650,
                                                 help_text="预计所需时间；不填取事项版本中该特别程序的时限")
    duration_unit = serializers.ChoiceField(choices=[LimitUnit.WORKING_DAYS, LimitUnit.NATURAL_DAYS], required=False)
    hearing_right_told_on = serializers.DateField(required=False, help_text="听证：告知听证权利日期")
    hearing_requested_on = serializers.DateField(required=False, help_text="听证：申请听证日期")
    hearing_on = serializers.DateField(required=False, help_text="听证：举行听证日期")


class EndInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    result = serializers.CharField(max_length=2000)


class ExtensionInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    days = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField(max_length=500)


class DecisionInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class _CaseChild(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    pagination_class = None  # a case has a handful of each: the whole list, unpaged

    def _case(self):
        return case_get(viewer=self.request.user, case_id=self.kwargs["case_pk"])


@extend_schema(tags=["cases"])
class SpecialProcedureViewSet(_CaseChild):
    """特别程序（行政许可法第四十五条）：启动时暂停办件的全部时限并书面告知申请人，结束时恢复计时。"""

    serializer_class = ProcedureSerializer

    @extend_schema(responses={200: ProcedureSerializer(many=True), **ERRORS}, summary="办件的特别程序")
    def list(self, request, case_pk=None):
        return Response(ProcedureSerializer(case_special_procedures(self._case()), many=True).data)

    @extend_schema(request=StartInput, responses={201: ProcedureSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="启动特别程序（暂停计时，出具特别程序告知书）")
    def create(self, request, case_pk=None):
        data = _parse(StartInput, request.data)
        case = self._case()

        def run():
            procedure = special_procedure_start(actor=request.user, case=case, **data)
            return status.HTTP_201_CREATED, dict(ProcedureSerializer(procedure).data)

        return _idempotent(request, run)

    @extend_schema(request=EndInput, responses={200: ProcedureSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="结束特别程序（记录结果，恢复计时）")
    @action(detail=True, methods=["post"])
    def end(self, request, case_pk=None, pk=None):
        data = _parse(EndInput, request.data)
        case = self._case()
        procedure = procedure_get(case, pk)

        def run():
            ended = special_procedure_end(actor=request.user, case=case, procedure=procedure, **data)
            ended.refresh_from_db()
            return status.HTTP_200_OK, dict(ProcedureSerializer(ended).data)

        return _idempotent(request, run)


@extend_schema(tags=["cases"])
class ExtensionViewSet(_CaseChild):
    """延长审批期限（行政许可法第四十二条）：承办人员申请，部门负责人批准后延长时限并告知申请人。"""

    serializer_class = ExtensionSerializer

    @extend_schema(responses={200: ExtensionSerializer(many=True), **ERRORS}, summary="办件的延期申请")
    def list(self, request, case_pk=None):
        return Response(ExtensionSerializer(case_extensions(self._case()), many=True).data)

    @extend_schema(request=ExtensionInput, responses={201: ExtensionSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="申请延长审批期限")
    def create(self, request, case_pk=None):
        data = _parse(ExtensionInput, request.data)
        case = self._case()

        def run():
            extension = case_extension_request(actor=request.user, case=case, **data)
            return status.HTTP_201_CREATED, dict(ExtensionSerializer(extension).data)

        return _idempotent(request, run)

    @extend_schema(request=DecisionInput, responses={200: ExtensionSerializer, **ERRORS}, parameters=[IDEMPOTENCY],
                   summary="部门负责人审批延期（批准 / 不予批准）")
    @action(detail=True, methods=["post"])
    def decision(self, request, case_pk=None, pk=None):
        data = _parse(DecisionInput, request.data)
        case = self._case()
        extension = extension_get(case, pk)

        def run():
            decided = case_extension_decide(actor=request.user, case=case, extension=extension, **data)
            decided.refresh_from_db()
            return status.HTTP_200_OK, dict(ExtensionSerializer(decided).data)

        return _idempotent(request, run)


@extend_schema(tags=["cases"])
class TimeLimitViewSet(_CaseChild):
    """办件的时限：法定、承诺及环节时限，剩余工作日、暂停区间和延期。"""

    serializer_class = ClockOut

    @extend_schema(responses={200: ClockOut(many=True), **ERRORS}, summary="办件时限（剩余工作日、暂停、延期）")
    def list(self, request, case_pk=None):
        return Response(ClockOut(case_time_limits(self._case()), many=True).data)


def register(router):
    router.register(r"cases/(?P<case_pk>\d+)/special-procedures", SpecialProcedureViewSet,
                    basename="case-special-procedure")
    router.register(r"cases/(?P<case_pk>\d+)/extensions", ExtensionViewSet, basename="case-extension")
    router.register(r"cases/(?P<case_pk>\d+)/time-limits", TimeLimitViewSet, basename="case-time-limit")
    return []
