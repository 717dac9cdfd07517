import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from zwfw.catalog.models import ServiceItem

from .conftest import item_row

pytestmark = pytest.mark.django_db


def test_template_and_export_commands(published, tmp_path):
    out = io.StringIO()
    call_command("catalog", "template", "--out", str(tmp_path / "t.xlsx"), stdout=out)
    assert load_workbook(tmp_path / "t.xlsx")["事项"].max_row == 1
    call_command("catalog", "export", "--region", "511602000000", "--out", str(tmp_path / "e.xlsx"), stdout=out)
    assert load_workbook(tmp_path / "e.xlsx")["事项"].max_row == 2
    assert "已导出 1 个事项" in out.getvalue()
    out = io.StringIO()
    call_command("catalog", "export", "--json", stdout=out)
    assert [r["key"] for r in json.loads(out.getvalue())] == ["1151130168236467954000104002000"]


def test_import_command_prints_every_bad_cell_and_fails(xlsx, editor, approval_dept):
    path = xlsx(items=[item_row("A"), item_row("B", base_code="000104002001", name=None)])
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("catalog", "import", str(path), "--user", "editor", stdout=out)
    assert exc.value.returncode == 1
    assert "错误 事项!J3 第3行 “事项名称”不能为空" in out.getvalue()
    assert ServiceItem.objects.count() == 0

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("catalog", "import", str(path), "--user", "editor", "--good-rows-only",
                     "--department", approval_dept.credit_code, stdout=out)
    assert "新建 1 个事项，更新 0 个事项（均为草稿版本），未变化 0 个，未导入 1 个" in out.getvalue()
    assert ServiceItem.objects.count() == 1

    with pytest.raises(CommandError) as exc:
        call_command("catalog", "import", str(path), stdout=out)
    assert exc.value.returncode == 2
