"""Reports: consistency (四级四同), quality lint, statistics (page and Excel)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from zwfw.catalog.consistency import catalog_consistency
from zwfw.catalog.lint import RULE_INFO
from zwfw.catalog.scope import catalog_scope
from zwfw.catalog.stats import catalog_stats
from zwfw.catalog.stats_export import stats_tables, stats_workbook
from zwfw.core import clock

from ..views import staff_required
from . import selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def consistency(request):
    return render(request, "workbench/catalog/consistency.html",
                  {"report": catalog_consistency(viewer=request.user)})


@staff_required
def lint(request):
    scope, groups = selectors.lint_page(viewer=request.user)
    return render(request, "workbench/catalog/lint.html", {
        "scope": scope, "groups": groups, "finding_count": sum(len(g["findings"]) for g in groups),
        "rules": RULE_INFO,
    })


def _stats(request):
    scope = catalog_scope(request.user)
    return scope, catalog_stats(viewer=request.user, region=scope.stats_region())


@staff_required
def stats(request):
    scope, data = _stats(request)
    chart = {"labels": [], "values": []}
    for table in stats_tables(data):
        if table.key == "by_type":
            chart = {"labels": [row[1] for row in table.rows], "values": [row[2] for row in table.rows]}
    return render(request, "workbench/catalog/stats.html", {
        "scope": scope, "data": data, "tables": stats_tables(data), "chart": chart,
    })


@staff_required
def stats_xlsx(request):
    scope, data = _stats(request)
    response = HttpResponse(stats_workbook(data, scope_label=str(scope.label)), content_type=XLSX)
    name = f"catalog-stats-{clock.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
