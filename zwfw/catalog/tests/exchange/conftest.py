"""Helpers for the exchange tests: write real .xlsx files and name their cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from zwfw.catalog.exchange.columns import ITEM_SHEET, SHEETS

SHEET_BY_TITLE = {s.title: s for s in SHEETS}
CREDIT = "115113016823646795"  # approval_dept of the catalog test fixtures


def cell(sheet_title: str, field: str, row: int) -> str:
    """"事项!K3" for the column of `field` in the template."""
    sheet = SHEET_BY_TITLE[sheet_title]
    index = [c.field for c in sheet.columns].index(field) + 1
    return f"{sheet_title}!{get_column_letter(index)}{row}"


def item_row(key: str, **values) -> dict:
    row = {"key": key, "department": CREDIT, "base_code": "000104002000", "name": "固定资产投资项目节能审查",
           "item_type": "01 行政许可", "statutory_limit": 20, "promised_limit": 5, "max_visits": 1,
           "online_depth": "3", "audience": "1 自然人、2 企业法人", "legal_basis": "《中华人民共和国节约能源法》"}
    row.update(values)
    return row


def write_xlsx(path: Path, sheets: dict[str, list[dict]]) -> Path:
    """A workbook with the template's headers on every sheet and `sheets` rows (by field name)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
        for row in sheets.get(sheet.title, []):
            unknown = set(row) - {c.field for c in sheet.columns}
            assert not unknown, unknown
            ws.append([row.get(c.field) for c in sheet.columns])
    workbook.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path):
    counter = iter(range(1000))

    def make(**sheets) -> Path:
        named = {{"items": ITEM_SHEET.title, "materials": "申请材料", "steps": "办理环节",
                  "special": "特别程序", "fees": "收费项目"}[k]: v for k, v in sheets.items()}
        return write_xlsx(tmp_path / f"import-{next(counter)}.xlsx", named)

    return make
