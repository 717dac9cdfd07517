"""The catalog statistics as tables: one definition for the workbench page and the Excel export
(openpyxl), so both always show the same figures (zwfw.catalog.stats.catalog_stats)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _

from zwfw.core.spreadsheet import sheet_row

from .models import FastTrackTag, InitiatedBy, ItemType


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def stats_tables(data: dict) -> list[Table]:
    total = data["total"]
    by_type = [
        [code, str(ItemType(code).label), n, _pct(n / total if total else 0.0)]
        for code, n in sorted(data["by_type"].items())
    ]
    by_initiated = [[str(InitiatedBy(key).label), n] for key, n in sorted(data["by_initiated"].items())]
    type_codes = sorted(data["by_type"])
    by_department = [
        [row["department"] or _("（未指定部门）"), row["total"],
         row["by_initiated"].get(InitiatedBy.APPLICATION, 0), row["by_initiated"].get(InitiatedBy.AUTHORITY, 0),
         *[row["by_type"].get(code, 0) for code in type_codes]]
        for row in data["by_department"]
    ]
    fast = data["fast_track"]
    fast_track = [[str(tag.label), fast["main"].get(tag.value, 0), fast["sub"].get(tag.value, 0)]
                  for tag in FastTrackTag]
    figures = [
        [_("事项总数"), total, ""],
        [_("最多跑一次（到现场不超过1次）"), data["at_most_one_visit"], _pct(data["at_most_one_visit_share"])],
        [_("可网上办理（深度Ⅲ级及以上）"), data["online"], _pct(data["online_share"])],
        [_("全程网办（深度Ⅳ级）"), data["fully_online"], _pct(data["fully_online_share"])],
        [_("平均提速比（法定−承诺）/法定"), data["speedup_items"], _pct(data["speedup_mean"])],
        [_("赋权乡镇（街道）事项"), data["delegated_to_towns"], ""],
    ]
    return [
        Table("figures", _("主要指标"), [_("指标"), _("事项数"), _("比例")], figures),
        Table("by_type", _("按事项类型"), [_("类型代码"), _("事项类型"), _("事项数"), _("占比")], by_type),
        Table("by_initiated", _("按行使方式"), [_("行使方式"), _("事项数")], by_initiated),
        Table("fast_track", _("四办事项"), [_("四办"), _("主项"), _("子项")], fast_track),
        Table("by_department", _("按部门"),
              [_("部门"), _("合计"), _("依申请"), _("依职权"), *[str(ItemType(c).label) for c in type_codes]],
              by_department),
    ]


def stats_workbook(data: dict, *, scope_label: str) -> bytes:
    """An .xlsx file with one sheet per table, in the page's order."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in stats_tables(data):
        sheet = book.create_sheet(title=table.title[:31])
        sheet.append(sheet_row(sheet, [f"{table.title}（{scope_label}）"]))
        sheet["A1"].font = Font(bold=True)
        sheet.append(sheet_row(sheet, table.headers))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(sheet_row(sheet, row))
        for i, header in enumerate(table.headers, start=1):
            width = max([len(str(header)), *(len(str(r[i - 1])) for r in table.rows)])
            sheet.column_dimensions[sheet.cell(row=2, column=i).column_letter].width = min(60, 2 * width + 2)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
