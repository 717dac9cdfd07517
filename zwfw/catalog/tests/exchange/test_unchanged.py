"""Issue 12 point 11: importing a file whose rows equal the published versions opens no draft and
counts them as unchanged; the export numbers materials and steps from 1."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from zwfw.catalog.exchange.exporting import catalog_export_xlsx
from zwfw.catalog.exchange.importing import catalog_import
from zwfw.catalog.models import ItemVersion
from zwfw.core.models import AuditEvent

from .conftest import cell

pytestmark = pytest.mark.django_db


def _export(path) -> None:
    with path.open("wb") as fh:
        catalog_export_xlsx(viewer=None, out=fh)


def _numbers(path, title: str) -> list:
    return [r[1] for r in load_workbook(path, read_only=True)[title].iter_rows(min_row=2, values_only=True)]


def test_export_numbers_child_rows_from_one(published, tmp_path):
    assert sorted(published.materials.values_list("position", flat=True)) == [0, 1]  # stored sort keys
    path = tmp_path / "export.xlsx"
    _export(path)
    assert _numbers(path, "申请材料") == [1, 2]
    assert _numbers(path, "办理环节") == [1, 2, 3]


def test_reimporting_an_export_changes_nothing(published, editor, tmp_path, now):
    path = tmp_path / "export.xlsx"
    _export(path)
    versions, events = ItemVersion.objects.count(), AuditEvent.objects.count()
    with path.open("rb") as fh:
        report = catalog_import(actor=editor, source=fh, file_name="export.xlsx", now=now)
    assert (report.created, report.updated, report.errors) == ([], [], [])
    assert [(e["key"], e["number"]) for e in report.unchanged] == [("1151130168236467954000104002000", 1)]
    assert ItemVersion.objects.count() == versions
    assert list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)[events:]) == ["catalog.import"]
    out = io.StringIO()
    call_command("catalog", "import", str(path), "--user", editor.username, stdout=out)
    assert "新建 0 个事项，更新 0 个事项（均为草稿版本），未变化 1 个，未导入 0 个" in out.getvalue()


def test_a_changed_cell_opens_a_draft(published, editor, tmp_path, now):
    path = tmp_path / "export.xlsx"
    _export(path)
    workbook = load_workbook(path)
    sheet, ref = cell("事项", "promised_limit", 2).split("!")
    workbook[sheet][ref] = 3
    workbook.save(path)
    with path.open("rb") as fh:
        report = catalog_import(actor=editor, source=fh, file_name="export.xlsx", now=now)
    assert ([e["number"] for e in report.updated], report.unchanged) == ([2], [])
    assert ItemVersion.objects.get(item=published.item, number=2).promised_limit == 3
