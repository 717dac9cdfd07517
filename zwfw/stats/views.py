"""The supervisor's dashboard pages (/workbench/stats/): figures, ranking, trend, drill-down,
Excel export and the monthly PDF report per center. Thin: parse, call selectors, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.errors import ValidationFailed
from zwfw.workbench.views import staff_required

from . import tables
from .assessment import ASSESSMENT_VERSION, COMPONENTS, formula_text
from .exports import dashboard_workbook, monthly_report_pdf
from .forms import GROUP_LABELS, DashboardQuery
from .selectors import dashboard_where, drill_cases, figures_by, figures_total, trend_by_month

DRILL_SHOWN = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _query(request) -> tuple[DashboardQuery, object, object]:
    query = DashboardQuery(request.GET)
    if not query.is_valid():
        field, errors = next(iter(query.errors.items()))
        raise ValidationFailed.on(field, errors[0], code="query_invalid")
    now = clock.now()
    where = dashboard_where(request.user, **query.where_args(clock.today(now)))
    return query, where, now


def _params(where, **extra) -> str:
    base = {"start": where.start.isoformat(), "end": where.end.isoformat(), "region": where.region.code}
    for name, value in (("department", where.department_id), ("center", where.center_id),
                        ("kind", where.center_kind)):
        if value is not None:
            base[name] = value
    base.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(base)


def _data(request):
    query, where, now = _query(request)
    group = query.cleaned_data.get("group") or "department"
    total = figures_total(where, now=now)
    rows = figures_by(where, group=group, now=now)
    trend = trend_by_month(where)
    return query, where, now, group, total, rows, trend


@staff_required
def dashboard(request):
    query, where, now, group, total, rows, trend = _data(request)
    drill = reverse("workbench:stats_cases")
    tiles = tables.tiles(total)
    for tile in tiles:
        if tile["kind"] == "count":
            tile["href"] = f"{drill}?{_params(where, metric=tile['name'])}"
    ranking = []
    for row in rows:
        filters = {"department": row.filters.get("department"), "center": row.filters.get("center"),
                   "kind": row.filters.get("kind"), "region": row.filters.get("region")}
        ranking.append({"row": row, "cells": tables.ranking_rows([row])[0][2:],
                        "overdue_href": f"{drill}?{_params(where, metric='overdue_now', **filters)}",
                        "received_href": f"{drill}?{_params(where, metric='received', **filters)}",
                        "unit_href": f"{reverse('workbench:stats')}?{_params(where, group=group, **filters)}",
                        "report_href": (f"{reverse('workbench:stats_report', args=[row.key])}?start={where.start}"
                                        if group == "center" and row.key != "0" else "")})
    chart = {
        "months": [m for m, _f in trend],
        "received": [f["received"] for _m, f in trend],
        "concluded": [f["concluded"] for _m, f in trend],
        "on_time": [None if f.on_time_rate is None else round(f.on_time_rate * 100, 1) for _m, f in trend],
        "units": [r.label for r in rows],
        "overdue": [r.figures.overdue_now for r in rows],
        "units_href": [x["overdue_href"] for x in ranking],
        "months_href": [f"{drill}?{_params(where, metric='received', start=m + '-01', end=_month_end(m))}"
                        for m, _f in trend],
    }
    return render(request, "workbench/stats/dashboard.html", {
        "query": query, "where": where, "group": group, "group_label": GROUP_LABELS[group], "tiles": tiles,
        "ranking": ranking, "ranking_headers": tables.ranking_headers(GROUP_LABELS[group])[2:-1],
        "trend": tables.trend_rows(trend), "trend_headers": tables.TREND_HEADERS, "chart": chart,
        "components": COMPONENTS, "formula": formula_text(), "assessment_version": ASSESSMENT_VERSION,
        "xlsx_href": f"{reverse('workbench:stats_xlsx')}?{_params(where, group=group)}",
        "now": now,
    })


def _month_end(month: str) -> str:
    import calendar
    import datetime as dt

    year, m = (int(x) for x in month.split("-"))
    return dt.date(year, m, calendar.monthrange(year, m)[1]).isoformat()


@staff_required
def cases(request):
    query, where, now = _query(request)
    metric = query.cleaned_data.get("metric") or "received"
    qs = drill_cases(request.user, where, metric=metric, now=now).select_related("department", "service_center")
    label = next((str(label) for name, label, _k in tables.TILES if name == metric), metric)
    total = qs.count()
    return render(request, "workbench/stats/cases.html", {
        "where": where, "metric": metric, "metric_label": label, "total": total,
        "cases": list(qs.order_by("-received_at", "-pk")[:DRILL_SHOWN]), "shown": DRILL_SHOWN,
        "back": f"{reverse('workbench:stats')}?{_params(where)}",
    })


@staff_required
def xlsx(request):
    query, where, now, group, total, rows, trend = _data(request)
    data = dashboard_workbook(where=where, total=total, rows=rows, trend=trend, group_label=GROUP_LABELS[group])
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="stats-{where.region.code}-{where.start:%Y%m%d}.xlsx"'
    return response


@staff_required
def report(request, center_id: int):
    """The monthly report of one center (the month of `start`) as a PDF."""
    query = DashboardQuery(request.GET)
    if not query.is_valid():
        raise ValidationFailed.on("start", _("请选择月份"), code="query_invalid")
    pdf, name = monthly_report_pdf(viewer=request.user, center_id=center_id,
                                   month=query.cleaned_data.get("start") or clock.today(), now=clock.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
