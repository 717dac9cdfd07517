"""GET /api/v1/stats/dashboard and /api/v1/stats/cases: the dashboard's figures and the cases
behind one of them, for a supervisor's region subtree. Thin: parse, call selectors, render."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses
from zwfw.cases.serializers import CaseSerializer
from zwfw.core import clock

from .assessment import ASSESSMENT_VERSION, COMPONENTS, formula_text
from .forms import GROUP_CHOICES, KIND_CHOICES
from .selectors import DRILLABLE, dashboard_where, drill_cases, figures_by, figures_total, trend_by_month

ERRORS = error_responses()


class QuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text=_("开始日期（含），默认近六个月"))
    end = serializers.DateField(required=False, help_text=_("结束日期（含），默认今天"))
    region = serializers.RegexField(r"^\d{12}$", required=False, max_length=12,
                                    help_text=_("区划代码（12位），须在本人辖区内，含下级"))
    department = serializers.IntegerField(required=False, min_value=1, help_text=_("部门ID"))
    center = serializers.IntegerField(required=False, min_value=0, help_text=_("服务中心ID；0 = 网上申请（未经服务中心）"))
    kind = serializers.ChoiceField(required=False, choices=[k for k, _l in KIND_CHOICES if k])
    group = serializers.ChoiceField(required=False, default="department", choices=[g for g, _l in GROUP_CHOICES])

    def where(self, user, today):
        from .forms import default_period

        d = self.validated_data
        start, end = default_period(today)
        return dashboard_where(user, start=d.get("start") or start, end=d.get("end") or end,
                               region_code=d.get("region"), department_id=d.get("department"),
                               center_id=d.get("center"), center_kind=d.get("kind"))


class DrillQuerySerializer(QuerySerializer):
    metric = serializers.ChoiceField(choices=[m for m in DRILLABLE if not m.startswith("days_")],
                                     help_text=_("指标，如 received、on_time、overdue_now"))


class FiguresSerializer(serializers.Serializer):
    received = serializers.IntegerField(help_text=_("收件"))
    online = serializers.IntegerField(help_text=_("网上申请（电脑端、移动端）"))
    proxy_point = serializers.IntegerField(help_text=_("代办点收件"))
    accepted = serializers.IntegerField(help_text=_("受理"))
    deemed = serializers.IntegerField(help_text=_("视为受理"))
    rejected = serializers.IntegerField(help_text=_("不予受理"))
    open = serializers.IntegerField(help_text=_("期内收件中尚未办结的"))
    concluded = serializers.IntegerField(help_text=_("办结"))
    timed = serializers.IntegerField(help_text=_("有承诺办结日期的办结件"))
    on_time = serializers.IntegerField(help_text=_("按时办结"))
    ahead = serializers.IntegerField(help_text=_("提前办结"))
    late = serializers.IntegerField(help_text=_("超期办结"))
    days_used = serializers.IntegerField(help_text=_("实际用时合计（工作日）"))
    days_promised = serializers.IntegerField(help_text=_("承诺时限合计（工作日）"))
    days_statutory = serializers.IntegerField(help_text=_("法定时限合计（工作日）"))
    speed_base = serializers.IntegerField(help_text=_("计入提速统计的办结件"))
    one_visit = serializers.IntegerField(help_text=_("最多跑一次事项的办结件"))
    in_progress = serializers.IntegerField(help_text=_("此刻在办"))
    overdue_now = serializers.IntegerField(help_text=_("此刻超期（承诺时限）"))
    cards_raised = serializers.IntegerField(allow_null=True)
    cards_answered = serializers.IntegerField(allow_null=True)
    cards_escalated = serializers.IntegerField(allow_null=True)
    cards_cancelled = serializers.IntegerField(allow_null=True)
    on_time_rate = serializers.FloatField(allow_null=True)
    ahead_rate = serializers.FloatField(allow_null=True)
    speedup_promised = serializers.FloatField(allow_null=True, help_text=_("1 − 实际用时 ÷ 承诺时限"))
    speedup_statutory = serializers.FloatField(allow_null=True, help_text=_("1 − 实际用时 ÷ 法定时限"))
    promised_speedup = serializers.FloatField(allow_null=True, help_text=_("提速比：(法定 − 承诺) ÷ 法定"))
    average_days = serializers.FloatField(allow_null=True)
    one_visit_share = serializers.FloatField(allow_null=True)
    online_share = serializers.FloatField(allow_null=True)


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    score = serializers.FloatField(help_text=_("考核得分（0–100）"))
    figures = FiguresSerializer()


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    figures = FiguresSerializer()


class ComponentSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.IntegerField()
    target = serializers.FloatField()
    source = serializers.CharField()


@extend_schema_serializer(many=False)
class DashboardSerializer(serializers.Serializer):
    region = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    group = serializers.CharField()
    total = FiguresSerializer()
    rows = RowSerializer(many=True)
    trend = MonthSerializer(many=True)
    formula = serializers.CharField()
    formula_version = serializers.IntegerField()
    components = ComponentSerializer(many=True)


class StatsViewSet(viewsets.GenericViewSet):
    """监察统计: figures of the supervisor's region subtree."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = PagePagination
    serializer_class = DashboardSerializer

    @extend_schema(parameters=[QuerySerializer], responses={200: DashboardSerializer, **ERRORS},
                   summary="监察统计指标（总体、分组考核排名、月度趋势）", tags=["supervision"])
    def dashboard(self, request):
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        now = clock.now()
        where = query.where(request.user, clock.today(now))
        rows = figures_by(where, group=query.validated_data["group"], now=now)
        return Response(DashboardSerializer({
            "region": where.region.code, "start": where.start, "end": where.end,
            "group": query.validated_data["group"], "total": figures_total(where, now=now).as_dict(),
            "rows": [{"key": r.key, "label": r.label, "score": r.score, "figures": r.figures.as_dict()} for r in rows],
            "trend": [{"month": m, "figures": f.as_dict()} for m, f in trend_by_month(where)],
            "formula": formula_text(), "formula_version": ASSESSMENT_VERSION,
            "components": [{"key": c.key, "label": str(c.label), "weight": c.weight, "target": c.target,
                            "source": str(c.source)} for c in COMPONENTS],
        }).data)

    @extend_schema(parameters=[DrillQuerySerializer], responses={200: CaseSerializer(many=True), **ERRORS},
                   summary="某项指标对应的办件", tags=["supervision"])
    def cases(self, request):
        query = DrillQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        now = clock.now()
        where = query.where(request.user, clock.today(now))
        qs = drill_cases(request.user, where, metric=query.validated_data["metric"], now=now)
        page = self.paginate_queryset(qs.select_related("department", "region", "applicant").order_by("-received_at", "-pk"))
        return self.get_paginated_response(CaseSerializer(page, many=True, context={"request": request}).data)


def register(router):
    from django.urls import path

    return [
        path("stats/dashboard", StatsViewSet.as_view({"get": "dashboard"}), name="stats-dashboard"),
        path("stats/cases", StatsViewSet.as_view({"get": "cases"}), name="stats-cases"),
    ]
