"""Acceptance (issue 3): importing a file with bad rows changes nothing and names every bad cell."""

import pytest

from zwfw.catalog.exchange.importing import ImportFailed, catalog_import
from zwfw.catalog.models import FeeItem, ItemVersion, Material, ProcessStep, ServiceItem
from zwfw.core.models import AuditEvent

from .conftest import cell, item_row

pytestmark = pytest.mark.django_db

UNKNOWN_CREDIT = "11511301MB1550442U"  # a valid credit code no department in the database has


@pytest.fixture
def bad_file(xlsx):
    return xlsx(
        items=[
            item_row("A"),                                                        # row 2: good
            item_row("B", base_code="000104002001", item_type="99"),              # row 3: wrong type code
            item_row("C", base_code="000104002002", name=None),                   # row 4: missing name
            item_row("D", base_code="G-000007-001"),                              # row 5: bad base code
            item_row("E", base_code="000104002003", department=UNKNOWN_CREDIT),   # row 6: unknown department
            item_row("F", base_code="000104002004", statutory_limit="二十"),       # row 7: non-numeric limit
            item_row("G", base_code="000104002005"),                              # row 8: good row, bad material
        ],
        materials=[
            {"key": "A", "position": 1, "name": "申请书", "original_count": 1},     # row 2: good
            {"key": "Z", "position": 1, "name": "营业执照"},                        # row 3: no such item
            {"key": "B", "position": 1, "name": "申请书"},                          # row 4: good row of bad item
            {"key": "G", "position": 1, "name": "申请书", "source": "网上捡的"},     # row 5: bad source
        ],
        steps=[{"key": "A", "position": 1, "name": "受理", "role": "窗口人员", "working_days": 1},
               {"key": "B", "position": 1, "name": "受理", "role": "窗口人员", "working_days": 1}],
        fees=[{"key": "A", "position": 1, "name": "工本费", "standard": "每件10元", "basis": "川发改价格〔2019〕1号"}],
    )


EXPECTED = {
    cell("事项", "item_type", 3),
    cell("事项", "name", 4),
    cell("事项", "base_code", 5),
    cell("事项", "department", 6),
    cell("事项", "statutory_limit", 7),
    cell("申请材料", "key", 3),
    cell("申请材料", "source", 5),
}


def _counts():
    return [m.objects.count() for m in (ServiceItem, ItemVersion, Material, ProcessStep, FeeItem, AuditEvent)]


def test_bad_file_changes_nothing_and_names_every_bad_cell(bad_file, editor, published, now):
    before = _counts()
    with pytest.raises(ImportFailed) as exc, bad_file.open("rb") as fh:
        catalog_import(actor=editor, source=fh, file_name=bad_file.name, now=now)
    assert _counts() == before
    error = exc.value
    assert error.code == "import_failed"
    assert set(error.field_errors) == EXPECTED
    assert error.message == "导入文件有7处错误，未导入任何事项"
    fields = error.field_errors
    assert fields["事项!K3"] == ["“事项类型”不是允许的值，可选：01 行政许可、02 行政处罚、03 行政强制、04 行政征收、"
                                "05 行政给付、06 行政检查、07 行政确认、08 行政奖励、09 行政裁决、10 其他行政权力、"
                                "20 公共服务（填写值：99）"]
    assert fields["事项!J4"] == ["“事项名称”不能为空"]
    assert fields["事项!D5"] == ["“基本编码”基本编码应为12位数字或大写字母（填写值：G-000007-001）"]
    assert fields["事项!B6"] == [f"“实施主体统一社会信用代码”系统中没有该统一社会信用代码的部门（填写值：{UNKNOWN_CREDIT}）"]
    assert fields[cell("事项", "statutory_limit", 7)] == ["“法定办结时限”应为不小于0的整数（填写值：二十）"]
    assert fields["申请材料!A3"] == ["“事项标识”“事项”表中没有该事项标识（填写值：Z）"]
    report = error.report.as_dict()
    assert [(e["sheet"], e["row"], e["header"]) for e in report["errors"]] == [
        ("事项", 3, "事项类型"), ("事项", 4, "事项名称"), ("事项", 5, "基本编码"), ("事项", 6, "实施主体统一社会信用代码"),
        ("事项", 7, "法定办结时限"), ("申请材料", 3, "事项标识"), ("申请材料", 5, "来源渠道")]


def test_good_rows_only_imports_exactly_the_good_items(bad_file, editor, now):
    with bad_file.open("rb") as fh:
        report = catalog_import(actor=editor, source=fh, file_name=bad_file.name, good_rows_only=True, now=now)
    assert [e["key"] for e in report.created] == ["A"]
    assert [(s["key"], s["row"]) for s in report.skipped] == [("B", 3), ("C", 4), ("D", 5), ("E", 6), ("F", 7),
                                                              ("G", 8)]
    assert len(report.errors) == 7
    item = ServiceItem.objects.get()
    assert item.implementation_code == "1151130168236467954000104002000"
    version = item.versions.get()
    assert (version.number, version.status, version.created_by) == (1, "draft", editor)
    assert list(version.materials.values_list("name", "original_count")) == [("申请书", 1)]
    assert list(version.steps.values_list("name", flat=True)) == ["受理"]
    assert list(version.fee_items.values_list("name", "standard")) == [("工本费", "每件10元")]
    # Never half an item: G's item row was good, its material was not, so nothing of G.
    assert Material.objects.count() == 1 and ProcessStep.objects.count() == 1
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["catalog.item.draft_create", "catalog.version.update", "catalog.import"]
    summary = AuditEvent.objects.get(action="catalog.import")
    assert summary.actor_id == editor.pk
    assert summary.changes["created"] == ["A"]
    assert summary.changes["skipped"] == ["B", "C", "D", "E", "F", "G"]
    assert summary.changes["errors"] == 7


def test_more_checks_each_name_their_cell(xlsx, editor, other_dept, published, now):
    path = xlsx(
        items=[
            item_row("A", base_code="000104002010", implementation_code="1151130168236467954000104009999"),
            item_row("A", base_code="000104002011"),                                   # duplicate key
            item_row("C", base_code="000104002010"),                                   # same item as row 2
            item_row("D", base_code="000104002012", department=other_dept.credit_code),  # not my department
            item_row("E", base_code="000104002013", parent="NOPE", fee_charged="也许"),
            item_row("F", base_code="000104002014", audience="1 自然人、外星人", name="x" * 301),
            item_row("H", base_code="000104002015", sub_code="2", themes="T99"),
            item_row("I"),  # the published fixture's item, which has no open version: fine
        ],
        steps=[{"key": "I", "position": 1, "name": "受理", "role": "窗口人员", "working_days": -1},
               {"key": "I", "position": 1, "name": "审查", "role": "审批人员"}],
        special=[{"key": "I", "position": 1, "kind": "专家评审"}],
    )
    before = _counts()
    with pytest.raises(ImportFailed) as exc, path.open("rb") as fh:
        catalog_import(actor=editor, source=fh, now=now)
    assert _counts() == before
    assert set(exc.value.field_errors) == {
        cell("事项", "implementation_code", 2), cell("事项", "key", 3), cell("事项", "base_code", 4),
        cell("事项", "department", 5), cell("事项", "parent", 6), cell("事项", "fee_charged", 6),
        cell("事项", "audience", 7), cell("事项", "name", 7), cell("事项", "sub_code", 8), cell("事项", "themes", 8),
        cell("办理环节", "working_days", 2), cell("办理环节", "position", 3), cell("特别程序", "duration", 2),
    }
    fields = exc.value.field_errors
    assert fields[cell("事项", "key", 3)] == ["“事项标识”与第2行的事项标识重复（填写值：A）"]
    assert fields[cell("事项", "department", 5)] == [
        f"“实施主体统一社会信用代码”不能导入“区民政局”的事项：只能导入本部门的事项（填写值：{other_dept.credit_code}）"]
    assert fields[cell("事项", "name", 7)] == ["“事项名称”不能超过300个字符（现有301个）（填写值：" + "x" * 301 + "）"]


def test_open_version_and_header_problems(xlsx, editor, draft, now, tmp_path):
    path = xlsx(items=[item_row("A")])
    with pytest.raises(ImportFailed) as exc, path.open("rb") as fh:
        catalog_import(actor=editor, source=fh, now=now)
    assert exc.value.field_errors == {"事项!A2": ["“事项标识”该事项已有草稿的第1版，请先处理该版本再导入（填写值：A）"]}

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "事项"
    workbook.active.append(["事项标识", "基本编码", "备注"])
    workbook.active.append(["X", "000104002099", "随便写"])
    workbook.save(tmp_path / "short.xlsx")
    with pytest.raises(ImportFailed) as exc, (tmp_path / "short.xlsx").open("rb") as fh:
        catalog_import(actor=editor, source=fh, now=now)
    assert exc.value.field_errors == {"事项!1:1": ["“事项名称”缺少必填列", "“事项类型”缺少必填列"]}
    assert ItemVersion.objects.count() == 1


def test_unreadable_file(editor, now, tmp_path):
    from zwfw.core.errors import ValidationFailed

    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(ValidationFailed) as exc, path.open("rb") as fh:
        catalog_import(actor=editor, source=fh, now=now)
    assert exc.value.field_errors == {"file": ["文件不是有效的Excel（.xlsx）文件"]}
