"""The dashboard as an Excel workbook (zwfw.core.spreadsheet: text never becomes a formula) and
the monthly report of one center as a PDF (the documents service's renderer)."""

from __future__ import annotations

import calendar
import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _

from zwfw.core.errors import NotFound
from zwfw.core.spreadsheet import sheet_row
from zwfw.organizations.models import ServiceCenter

from . import tables
from .assessment import COMPONENTS, formula_text
from .selectors import dashboard_where, figures_by, figures_total, supervisor_scope, trend_by_month


def dashboard_workbook(*, where, total, rows, trend, group_label) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    title = _("%(region)s 监察统计 %(start)s 至 %(end)s") % {"region": where.region.name, "start": where.start,
                                                            "end": where.end}
    sheet = book.create_sheet(_("总体指标"))
    sheet.append(sheet_row(sheet, [title]))
    sheet.append(sheet_row(sheet, [_("指标"), _("数值")]))
    for tile in tables.tiles(total):
        sheet.append(sheet_row(sheet, [str(tile["label"]), tile["shown"]]))
    sheet = book.create_sheet(_("考核排名"))
    sheet.append(sheet_row(sheet, [title]))
    sheet.append(sheet_row(sheet, [str(h) for h in tables.ranking_headers(group_label)]))
    for row in tables.ranking_rows(rows):
        sheet.append(sheet_row(sheet, row))
    sheet.append(sheet_row(sheet, [_("考核公式"), formula_text()]))
    for c in COMPONENTS:
        sheet.append(sheet_row(sheet, [str(c.label), f"{c.weight}", f"{c.target:.0%}", str(c.source)]))
    sheet = book.create_sheet(_("月度趋势"))
    sheet.append(sheet_row(sheet, [str(h) for h in tables.TREND_HEADERS]))
    for row in tables.trend_rows(trend):
        sheet.append(sheet_row(sheet, row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def monthly_report_pdf(*, viewer, center_id: int, month: dt.date, now: dt.datetime) -> tuple[bytes, str]:
    """分中心每月的运行情况报政务服务中心 (seed 001, 朔城区): one center's month — its figures, its
    departments ranked by the assessment, and the formula."""
    from zwfw.documents.rendering import pdf_render

    scope = supervisor_scope(viewer)
    center = ServiceCenter.objects.select_related("region").filter(
        pk=center_id, region__code__startswith=scope.region.prefix).first()
    if center is None:
        raise NotFound(_("未找到该服务中心"), code="center_not_found")
    start = month.replace(day=1)
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    where = dashboard_where(viewer, start=start, end=end, region_code=center.region_id, center_id=center.pk)
    total = figures_total(where, now=now)
    rows = figures_by(where, group="department", now=now)
    pdf = pdf_render("stats/monthly_report.html", {
        "center": center, "start": start, "end": end, "tiles": tables.tiles(total),
        "headers": tables.ranking_headers(_("部门")), "rows": tables.ranking_rows(rows),
        "trend": tables.trend_rows(trend_by_month(where)), "components": COMPONENTS, "formula": formula_text(),
        "now": now,
    })
    return pdf, f"monthly-report-{center.pk}-{start:%Y%m}.pdf"
