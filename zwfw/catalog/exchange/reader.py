"""Read an exchange workbook completely, cell by cell, collecting every problem.

Nothing here touches the database: the result is parsed rows plus a list of cell problems,
each naming its sheet, row, column letter, header and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from openpyxl.utils import get_column_letter

from zwfw.core.spreadsheet import SpreadsheetRefused, xlsx_open, xlsx_rows

from .cells import is_blank, parse_cell
from .columns import ITEM_SHEET, SHEETS, Column, Sheet

MAX_ROWS_PER_SHEET = 50000
# Columns read per row: the template's own plus room for columns someone added (reported as
# ignored); a cell far to the right is not padded out to column XFD.
EXTRA_COLUMNS = 50


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: str  # letter, "" when the problem is about a missing column
    header: str
    value: object
    message: str

    @property
    def ref(self) -> str:
        # A whole-row reference ("事项!1:1") when the problem is not one cell's, e.g. a missing column.
        return f"{self.sheet}!{self.column}{self.row}" if self.column else f"{self.sheet}!{self.row}:{self.row}"

    @property
    def text(self) -> str:
        value = "" if self.value is None or self.value == "" else f"（填写值：{self.value}）"
        return f"“{self.header}”{self.message}{value}" if self.header else f"{self.message}{value}"

    def as_dict(self) -> dict:
        value = self.value if self.value is None or isinstance(self.value, int | float | str | bool) else str(self.value)
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.ref,
                "header": self.header, "value": value, "message": self.message}


@dataclass
class Row:
    sheet: Sheet
    number: int
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, object] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    bad: set[str] = field(default_factory=set)  # fields with a problem

    def problem(self, field_name: str, message: str) -> CellProblem:
        column = self.sheet.column(field_name)
        problem = CellProblem(self.sheet.title, self.number, self.letters.get(field_name, ""), column.header,
                              self.raw.get(field_name), message)
        self.problems.append(problem)
        self.bad.add(field_name)
        return problem

    @property
    def key(self) -> str:
        return self.values.get("key") or ""


@dataclass
class ParsedFile:
    rows: dict[str, list[Row]]  # sheet key -> rows
    problems: list[CellProblem]  # problems that belong to no row (missing sheet or column)
    warnings: list[CellProblem]


class UnreadableFile(Exception):
    def __init__(self, message: str, code: str = "unreadable_file"):
        super().__init__(message)
        self.code = code


def _normal(header) -> str:
    return str(header).strip().rstrip("*＊").strip() if header is not None else ""


def _read_sheet(ws, sheet: Sheet, problems: list[CellProblem], warnings: list[CellProblem]) -> list[Row]:
    # Every row counts, blank ones included.
    rows_iter = xlsx_rows(ws, max_rows=MAX_ROWS_PER_SHEET, max_columns=len(sheet.columns) + EXTRA_COLUMNS)
    header_row = next(rows_iter, ()) or ()
    positions: dict[str, int] = {}
    by_header = {c.header: c for c in sheet.columns}
    for index, header in enumerate(header_row):
        column = by_header.get(_normal(header))
        if column is None:
            if _normal(header):
                warnings.append(CellProblem(sheet.title, 1, get_column_letter(index + 1), _normal(header), None,
                                            "不是模板中的列，已忽略"))
            continue
        if column.field in positions:
            problems.append(CellProblem(sheet.title, 1, get_column_letter(index + 1), column.header, None, "列重复"))
            continue
        positions[column.field] = index
    missing: list[Column] = [c for c in sheet.columns if c.field not in positions]
    for column in missing:
        if column.required:
            problems.append(CellProblem(sheet.title, 1, "", column.header, None, "缺少必填列"))
    rows = []
    for number, values in enumerate(rows_iter, start=2):
        if all(is_blank(v) for v in values):
            continue
        row = Row(sheet, number)
        for column in sheet.columns:
            index = positions.get(column.field)
            raw = values[index] if index is not None and index < len(values) else None
            row.raw[column.field] = raw
            if index is not None:
                row.letters[column.field] = get_column_letter(index + 1)
            if index is None and column.required:
                row.bad.add(column.field)  # reported once for the whole column, not on every row
                continue
            value, message = parse_cell(column, raw)
            row.values[column.field] = value
            if message:
                row.problem(column.field, message)
        rows.append(row)
    return rows


def workbook_read(source: BinaryIO) -> ParsedFile:
    """Parse every sheet of the template. Raises UnreadableFile (with a code) when it is not an
    .xlsx file, or one that cannot be read safely (zwfw.core.spreadsheet)."""
    try:
        return _workbook_read(source.read())
    except SpreadsheetRefused as exc:
        raise UnreadableFile(exc.message, exc.code) from exc


def _workbook_read(data: bytes) -> ParsedFile:
    workbook = xlsx_open(data)
    problems: list[CellProblem] = []
    warnings: list[CellProblem] = []
    rows: dict[str, list[Row]] = {}
    try:
        for sheet in SHEETS:
            if sheet.title not in workbook.sheetnames:
                if sheet is ITEM_SHEET:
                    problems.append(CellProblem(sheet.title, 1, "", "", None, "缺少“事项”工作表"))
                rows[sheet.key] = []
                continue
            rows[sheet.key] = _read_sheet(workbook[sheet.title], sheet, problems, warnings)
    finally:
        workbook.close()
    return ParsedFile(rows=rows, problems=problems, warnings=warnings)
