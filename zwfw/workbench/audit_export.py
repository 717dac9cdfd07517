"""The auditor's export of the audit trail as CSV or Excel.

Formula injection (CWE-1236): a cell of text that starts with = + - @ or a tab/CR would run as a
formula when the file is opened in a spreadsheet. In CSV such text gets a leading apostrophe
(OWASP's advice); in Excel every text cell is written as text (data type "s"), never as a
formula, so the exact text is kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .selectors import AuditRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [_("序号"), _("链序号"), _("时间"), _("操作"), _("操作代码"), _("操作人"), _("角色"),
            _("对象类型"), _("对象"), _("对象ID"), _("来源地址"), _("变更内容")]


def _values(row: AuditRow) -> list:
    occurred = timezone.localtime(row.occurred_at).strftime("%Y-%m-%d %H:%M:%S")
    return [row.seq, row.chain_seq if row.chain_seq is not None else _("待封存"), occurred, row.action_label,
            row.action, str(row.actor), row.actor_role, row.object_type_label, row.object, row.object_id,
            row.ip_address, row.changes]


def csv_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[AuditRow]) -> Iterator[str]:
    """CSV text line by line, with a BOM so that Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff"
    writer.writerow(headers())
    yield flush()
    for row in rows:
        writer.writerow([csv_safe(v) for v in _values(row)])
        yield flush()


def xlsx_bytes(rows: Iterable[AuditRow]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("审计记录"))
    sheet.append(headers())
    for row in rows:
        cells = []
        for value in _values(row):
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text stays text, never a formula
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
