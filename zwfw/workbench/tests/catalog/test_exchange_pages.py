"""Catalog Excel pages: template and export downloads, import by a catalog editor showing every
bad cell; refusals (wrong role → 403, bad file → Chinese message) change nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.catalog.tests.exchange.conftest import cell, item_row
from zwfw.core.models import AuditEvent
from zwfw.portal.tests.pages import assert_page

pytestmark = pytest.mark.django_db


def _upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _counts():
    return ServiceItem.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count()


def test_editor_sees_downloads_and_the_import_form(client, editor):
    client.force_login(editor)
    assert_page(client.get(reverse("workbench:catalog_exchange")), "空白导入模板", "导出已发布事项", "导出本部门事项",
                'enctype="multipart/form-data"')
    home = assert_page(client.get(reverse("workbench:role", args=["catalog_editor"])))
    assert reverse("workbench:catalog_exchange") in home


def test_template_and_export_are_workbooks(client, editor, published):
    client.force_login(editor)
    template = client.get(reverse("workbench:catalog_template"))
    assert template.status_code == 200 and "catalog-template.xlsx" in template["Content-Disposition"]
    assert "事项" in load_workbook(io.BytesIO(template.content)).sheetnames
    export = client.get(reverse("workbench:catalog_export"), {"department": "own"})
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content))["事项"]
    assert sheet.max_row == 2  # the header and the one published item


def test_import_creates_drafts(client, editor, xlsx):
    client.force_login(editor)
    path = xlsx(items=[item_row("A")])
    response = client.post(reverse("workbench:catalog_import"), {"file": _upload(path)})
    html = assert_page(response, "导入完成：新建 1 个", "导入结果")
    version = ItemVersion.objects.get()
    assert reverse("workbench:catalog_version_edit", args=[version.pk]) in html
    assert AuditEvent.objects.filter(action="catalog.import").exists()


def test_a_bad_file_shows_every_bad_cell_and_imports_nothing(client, editor, xlsx):
    client.force_login(editor)
    path = xlsx(items=[item_row("A"), item_row("B", base_code="000104002001", item_type="99"),
                       item_row("C", base_code="000104002002", name=None)])
    before = _counts()
    response = client.post(reverse("workbench:catalog_import"), {"file": _upload(path)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "文件有 2 处错误，未导入任何事项" in html
    for ref in (cell("事项", "item_type", 3), cell("事项", "name", 4)):
        assert f"<code>{ref}</code>" in html, ref
    assert _counts() == before


def test_not_a_workbook_is_refused_in_chinese(client, editor):
    client.force_login(editor)
    before = _counts()
    response = client.post(reverse("workbench:catalog_import"),
                           {"file": SimpleUploadedFile("x.txt", b"hello", content_type="text/plain")})
    assert response.status_code == 400 and "请上传按模板填写的 .xlsx 文件。" in response.content.decode()
    response = client.post(reverse("workbench:catalog_import"),
                           {"file": SimpleUploadedFile("x.xlsx", b"not a zip", content_type="text/plain")})
    assert response.status_code == 400
    assert _counts() == before


@pytest.mark.parametrize("who", ["reviewer", "clerk", "sysadmin"])
def test_only_catalog_editors_import(client, who, reviewer, clerk, xlsx, county):
    from zwfw.catalog.tests.conftest import make_user

    actor = {"reviewer": reviewer, "clerk": clerk, "sysadmin": make_user("sys", "system_admin")}[who]
    client.force_login(actor)
    before = _counts()
    response = client.post(reverse("workbench:catalog_import"), {"file": _upload(xlsx(items=[item_row("A")]))})
    assert response.status_code == 403
    assert _counts() == before
    page = assert_page(client.get(reverse("workbench:catalog_exchange")), "只有部门的事项编辑人员可以导入")
    assert 'enctype="multipart/form-data"' not in page
