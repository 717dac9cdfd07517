"""Write the exchange workbook: the empty template or the published catalog, same layout.

Streamed (openpyxl write_only): every sheet writes its rows as they come, so exporting a
county's whole catalog keeps memory flat.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from zwfw.core.spreadsheet import sheet_cell

from .cells import format_cell
from .columns import BOOL, CHILD_SHEETS, CHOICE, ITEM_SHEET, KIND_LABELS, SHEETS, Column, Sheet

CODES_SHEET = "代码表"
HELP_SHEET = "填写说明"
MAX_VALIDATED_ROW = 20000
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
INTRO = (
    "政务服务事项导入导出模板（依据 C 0102—2018《政务服务事项基本目录及实施清单 第2部分：要素要求》）",
    "“事项”表每行一个事项；“申请材料”“办理环节”“特别程序”“收费项目”各表用“事项标识”和“序号”关联到事项。",
    "红色列名为必填列。编码列可填代码、名称或“代码 名称”（如 01、行政许可 或 01 行政许可）。",
    "导入时先检查全部单元格：文件有任何错误则不导入任何事项，并列出每个有误的单元格；"
    "选择“仅导入无误事项”时，只导入事项行及其全部子表行都无误的事项，绝不导入半个事项。",
    "导入的事项成为草稿版本：新事项为第1版，已有事项（同一实施编码）新建一个版本，须经审核发布后才对外公开。",
    "办理窗口不在模板中交换（各地窗口不同），导入后请在工作台中设置。",
)


def _header(ws, column: Column):
    cell = WriteOnlyCell(ws, value=column.header)
    cell.font = REQUIRED_FONT if column.required else HEADER_FONT
    cell.fill = HEADER_FILL
    return cell


def _value_cell(ws, value):
    return sheet_cell(ws, value)  # never let exported text become a formula


class _SheetWriter:
    def __init__(self, workbook: Workbook, sheet: Sheet, code_ranges: dict[str, str]):
        self.sheet = sheet
        self.ws = workbook.create_sheet(sheet.title)
        for index, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            self.ws.column_dimensions[letter].width = column.width
            formula = code_ranges.get(column.field) if column.kind == CHOICE else None
            if column.kind == BOOL:
                formula = '"是,否"'
            if formula:
                validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                            errorTitle="填写有误", error=f"请从下拉列表中选择“{column.header}”")
                validation.add(f"{letter}2:{letter}{MAX_VALIDATED_ROW}")
                self.ws.data_validations.append(validation)
        self.ws.freeze_panes = "B2"
        self.ws.append([_header(self.ws, c) for c in sheet.columns])

    def write(self, record: dict) -> None:
        self.ws.append([_value_cell(self.ws, format_cell(c, record.get(c.field))) for c in self.sheet.columns])


def _code_lists() -> tuple[list[tuple[str, tuple[str, ...]]], dict[tuple[str, str], str]]:
    """One column per distinct code list on the hidden code sheet, and for each coded column
    (sheet title, field) the range its data validation points at."""
    lists: dict[tuple[str, ...], tuple[str, str]] = {}
    ranges: dict[tuple[str, str], str] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.kind != CHOICE:
                continue
            displays = tuple(column.displays)
            if displays not in lists:
                lists[displays] = (get_column_letter(len(lists) + 1), column.header)
            letter = lists[displays][0]
            ranges[(sheet.title, column.field)] = (f"{quote_sheetname(CODES_SHEET)}!${letter}$2:"
                                                   f"${letter}${len(displays) + 1}")
    return [(header, displays) for displays, (_letter, header) in lists.items()], ranges


def _code_sheet(workbook: Workbook, lists: list[tuple[str, tuple[str, ...]]]) -> None:
    ws = workbook.create_sheet(CODES_SHEET)
    ws.append([header for header, _ in lists])
    for row in range(max(len(d) for _, d in lists)):
        ws.append([d[row] if row < len(d) else None for _, d in lists])
    ws.sheet_state = "hidden"


def _help_sheet(workbook: Workbook) -> None:
    ws = workbook.create_sheet(HELP_SHEET)
    for letter, width in zip("ABCDEFGH", (12, 6, 24, 8, 16, 40, 44, 30), strict=True):
        ws.column_dimensions[letter].width = width
    for line in INTRO:
        ws.append([line])
    ws.append([])
    titles = ("工作表", "列", "列名", "必填", "类型", "允许值", "说明", "示例")
    ws.append([_header(ws, Column(t, t)) for t in titles])
    for sheet in SHEETS:
        for index, column in enumerate(sheet.columns, start=1):
            allowed = "、".join(column.displays) if column.choices else ("是、否" if column.kind == BOOL else "")
            cells = [sheet.title, get_column_letter(index), column.header, "是" if column.required else "",
                     KIND_LABELS[column.kind], allowed, column.describe(), column.example]
            row = [WriteOnlyCell(ws, value=v) for v in cells]
            for cell in row:
                cell.alignment = WRAP
            ws.append(row)


def workbook_write(records: Iterable[dict], out: BinaryIO) -> int:
    """Write the template with `records` (item records from records.item_record; none for the
    empty template) to `out`. Returns the number of items written."""
    workbook = Workbook(write_only=True)
    _help_sheet(workbook)
    lists, ranges = _code_lists()
    writers = {s.key: _SheetWriter(workbook, s, {f: r for (t, f), r in ranges.items() if t == s.title})
               for s in SHEETS}
    count = 0
    for record in records:
        writers[ITEM_SHEET.key].write(record)
        for sheet in CHILD_SHEETS:
            for row in record.get(sheet.key, ()):
                writers[sheet.key].write({"key": record["key"], **row})
        count += 1
    _code_sheet(workbook, lists)
    workbook.save(out)
    return count
