"""The one escaping rule for every spreadsheet the platform writes (catalog export and template,
statistics exports): text never becomes a formula.

A cell whose text starts like a formula (=, +, -, @, tab, carriage return — OWASP's list for
spreadsheet injection) is written as a string cell with Excel's quote prefix, so it is shown as
typed and stays text when someone edits the cell; a department named '=HYPERLINK(…)' must never
become a live link in a file an anonymous visitor downloads.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def sheet_cell(ws, value):
    """`value` as it should be appended to the worksheet `ws` (write-only or not): plain values
    unchanged (they stream fastest), formula-like text as an inert string cell."""
    if not looks_like_formula(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def sheet_row(ws, values) -> list:
    return [sheet_cell(ws, v) for v in values]


# --- Reading an uploaded workbook -------------------------------------------------------------
#
# An .xlsx is a zip of XML parts, and both layers can be turned against a reader: a part that
# unpacks to hundreds of megabytes (one shared string of 500 MiB fits in 511 KB), thousands of
# parts, a row numbered 1,048,576 or a cell in column XFD that the reader pads out with millions
# of empty cells, and XML with entities (XXE, "billion laughs") or cut short. So: the archive's
# declared sizes and entry count are checked before anything is parsed (zipfile never unpacks
# more than an entry declares — a lying entry fails its CRC), the parts are read by openpyxl in
# read-only (streaming) mode through defusedxml, with the declared dimensions ignored, every row
# counted (blank or not), rows cut at the caller's width, and each cell's length checked.

MAX_CELL_CHARS = 32767  # Excel's own limit per cell ("Excel specifications and limits")
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetRefused(Exception):
    """The upload cannot be read safely; `code` is stable, `message` Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def xlsx_check(data: bytes) -> None:
    """Refuse an archive that is not an .xlsx from its first byte, or that declares more entries
    or more unpacked bytes than the limits (ZWFW_XLSX_MAX_ENTRIES, ZWFW_XLSX_MAX_UNPACKED_BYTES)."""
    # A zip is read from its end, so a page or a PDF in front of one still opens: such a polyglot
    # is not a spreadsheet anyone saved.
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetRefused("unreadable_file", _("文件不是有效的Excel（.xlsx）文件"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SpreadsheetRefused("unreadable_file", _("文件不是有效的Excel（.xlsx）文件")) from exc
    max_entries = _limit("ZWFW_XLSX_MAX_ENTRIES", 1000)
    if len(entries) > max_entries:
        raise SpreadsheetRefused("xlsx_too_many_entries",
                                 _("Excel文件包含的部件过多（%(count)d个，上限%(max)d个），不是有效的表格文件")
                                 % {"count": len(entries), "max": max_entries})
    max_unpacked = _limit("ZWFW_XLSX_MAX_UNPACKED_BYTES", 64 * 1024 * 1024)
    if sum(e.file_size for e in entries) > max_unpacked:
        raise SpreadsheetRefused("xlsx_too_large", _("Excel文件解压后超过%(mb)dMB，请删除无关内容或分文件导入")
                                 % {"mb": max_unpacked // (1024 * 1024)})


def _malformed(exc: BaseException) -> SpreadsheetRefused:
    refused = SpreadsheetRefused("xlsx_malformed",
                                 _("Excel文件内容已损坏或含有不允许的结构（如XML实体），无法读取，请用Excel另存后重新上传"))
    refused.__cause__ = exc
    return refused


def xlsx_open(data: bytes):
    """The workbook in `data`, read-only (streaming) and with values instead of formulas, after
    `xlsx_check`. Close it when done."""
    xlsx_check(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # hostile input: whatever the parser raises is a refusal, not a 500
        raise _malformed(exc) from exc


def xlsx_rows(ws, *, max_rows: int, max_columns: int, header_rows: int = 1):
    """The rows of the read-only sheet `ws` as tuples of at most `max_columns` values.

    Every row after the `header_rows` counts against `max_rows`, blank ones and those the file
    skips included; a cell
    longer than MAX_CELL_CHARS, too many rows or broken XML is a SpreadsheetRefused."""
    ws.reset_dimensions()  # the file's <dimension> is whatever the sender wrote
    rows = ws.iter_rows(max_col=max_columns, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # hostile input, as above
            raise _malformed(exc) from exc
        number += 1
        if number > max_rows + header_rows:
            raise SpreadsheetRefused("xlsx_too_many_rows",
                                     _("“%(sheet)s”表超过%(max)d行（空白行也计入），请删除空白行或分文件导入")
                                     % {"sheet": ws.title, "max": max_rows})
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise SpreadsheetRefused("xlsx_cell_too_long",
                                         _("“%(sheet)s”表%(cell)s单元格超过%(max)d个字符（Excel单元格的上限）")
                                         % {"sheet": ws.title, "cell": f"{get_column_letter(index + 1)}{number}",
                                            "max": MAX_CELL_CHARS})
        yield values
