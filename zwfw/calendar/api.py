"""Calendar API: working-day arithmetic for any signed-in user; coverage and year import for admins."""

from __future__ import annotations

import json

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.core.errors import DomainError, NotFound

from . import selectors, services
from .engine import add_working_days, working_days_between
from .hours import deadline_at

TAG = ["calendar"]
REGION = OpenApiParameter("region", str, description="区划代码（12 位）；缺省为全国日历")


class AddQuery(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField(min_value=0, max_value=3650)
    region = serializers.CharField(required=False, max_length=12)


class BetweenQuery(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    region = serializers.CharField(required=False, max_length=12)


class DaysQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=1949, max_value=2200)


class YearDaySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    date = serializers.DateField()
    isOffDay = serializers.BooleanField()  # noqa: N815 — the holiday-cn field name


class YearFileSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    papers = serializers.ListField(child=serializers.CharField(max_length=500), required=False)
    days = YearDaySerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.CharField()
    papers = serializers.ListField(child=serializers.CharField())
    imported_at = serializers.DateTimeField()


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField()
    year = serializers.IntegerField()
    message = serializers.CharField()


def _parse(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _calendar(region_code: str | None):
    if not region_code:
        return selectors.calendar_for(None)
    from zwfw.organizations.models import Region

    region = Region.objects.filter(pk=region_code).first()
    if region is None:
        raise NotFound("未找到该区划")
    return selectors.calendar_for(region)


class AddView(APIView):
    @extend_schema(
        tags=TAG, operation_id="calendar_add", parameters=[AddQuery, REGION],
        summary="起算日加 N 个工作日（起算日不计入；N=0 为当日）",
        responses=inline_serializer("CalendarAddResult", {
            "start": serializers.DateField(), "days": serializers.IntegerField(),
            "due": serializers.DateField(), "deadline": serializers.DateTimeField(),
        }),
    )
    def get(self, request):
        q = _parse(AddQuery, request.query_params)
        cal = _calendar(q.get("region"))
        due = add_working_days(cal, q["start"], q["days"])
        deadline = deadline_at(cal, q["start"], q["days"])
        return Response({"start": q["start"], "days": q["days"], "due": due, "deadline": deadline.isoformat()})


class BetweenView(APIView):
    @extend_schema(
        tags=TAG, operation_id="calendar_between", parameters=[BetweenQuery, REGION],
        summary="两个日期之间的工作日数（不含起始日，含结束日）",
        responses=inline_serializer("CalendarBetweenResult", {
            "start": serializers.DateField(), "end": serializers.DateField(), "working_days": serializers.IntegerField(),
        }),
    )
    def get(self, request):
        q = _parse(BetweenQuery, request.query_params)
        count = working_days_between(_calendar(q.get("region")), q["start"], q["end"])
        return Response({"start": q["start"], "end": q["end"], "working_days": count})


class DaysView(APIView):
    @extend_schema(
        tags=TAG, operation_id="calendar_days", parameters=[DaysQuery], summary="一年的法定节假日和调休上班日",
        responses=inline_serializer("CalendarDay", {
            "date": serializers.DateField(), "name": serializers.CharField(),
            "kind": serializers.CharField(help_text="holiday 法定节假日 / makeup_workday 调休上班 / local_holiday 地方休息日"),
            "is_workday": serializers.BooleanField(),
        }, many=True),
    )
    def get(self, request):
        q = _parse(DaysQuery, request.query_params)
        if selectors.covered_year(q["year"]) is None:
            raise NotFound(f"{q['year']} 年工作日历尚未导入")
        days = selectors.calendar_days(year=q["year"])
        return Response([{"date": d.date, "name": d.name, "kind": d.kind, "is_workday": d.is_workday} for d in days])


class YearsView(APIView):
    @extend_schema(
        tags=TAG, operation_id="calendar_years", summary="已导入的年度与缺失提醒（系统管理员、电子监察）",
        responses=inline_serializer("CalendarCoverage", {
            "years": CoverageSerializer(many=True), "warnings": WarningSerializer(many=True),
        }),
    )
    def get(self, request):
        years = selectors.calendar_years(viewer=request.user)
        warnings = selectors.calendar_coverage_warnings(viewer=request.user)
        return Response({"years": CoverageSerializer(years, many=True).data, "warnings": warnings})


class YearImportView(APIView):
    @extend_schema(
        tags=TAG, operation_id="calendar_year_import", request=YearFileSerializer,
        parameters=[OpenApiParameter("replace", bool, description="覆盖已存在的年度")],
        summary="导入一个年度的节假日安排（holiday-cn 格式；系统管理员）",
        responses={201: CoverageSerializer},
    )
    def post(self, request):
        replace = request.query_params.get("replace", "").lower() in ("1", "true", "yes")
        try:
            raw = json.dumps(request.data, ensure_ascii=False)
        except (TypeError, ValueError):
            raise DomainError("请求内容应为 JSON 对象") from None
        row = services.calendar_year_import(actor=request.user, raw=raw, replace=replace, source="API 导入")
        return Response(CoverageSerializer(row).data, status=201)


def register(router):
    return [
        path("calendar/add", AddView.as_view(), name="calendar-add"),
        path("calendar/between", BetweenView.as_view(), name="calendar-between"),
        path("calendar/days", DaysView.as_view(), name="calendar-days"),
        path("calendar/years", YearsView.as_view(), name="calendar-years"),
        path("calendar/years/import", YearImportView.as_view(), name="calendar-year-import"),
    ]
