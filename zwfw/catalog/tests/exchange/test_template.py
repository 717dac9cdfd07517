import io

import pytest
from openpyxl import load_workbook

from zwfw.catalog.exchange.columns import ITEM_SHEET, SHEETS
from zwfw.catalog.exchange.exporting import catalog_export_xlsx, template_xlsx
from zwfw.catalog.models import ItemVersion
from zwfw.catalog.snapshots import CHILD_FIELDS, GUIDE_FIELDS


def _template():
    buffer = io.BytesIO()
    template_xlsx(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def test_template_covers_every_guide_element_and_child_field():
    exchanged = {c.field for c in ITEM_SHEET.columns}
    # windows are local organisation rows (not exchanged); effective_on is set on publication
    assert set(GUIDE_FIELDS) - exchanged == {"effective_on"}
    for sheet in SHEETS[1:]:
        # A step's joint department is a row of this platform's organisation (chosen in the editor, like windows).
        local = {"joint_department"} if sheet.key == "steps" else set()
        assert set(CHILD_FIELDS[sheet.key]) - local | {"key", "position"} == {c.field for c in sheet.columns}
    assert "themes" in exchanged


def test_template_sheets_headers_validations_and_help():
    workbook = _template()
    assert workbook.sheetnames == ["填写说明", "事项", "申请材料", "办理环节", "特别程序", "收费项目", "代码表"]
    assert workbook["代码表"].sheet_state == "hidden"
    for sheet in SHEETS:
        ws = workbook[sheet.title]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        assert ws.freeze_panes == "B2"
        assert ws.max_row == 1  # no data rows: an example row would be imported
    items = workbook["事项"]
    headers = [c.value for c in items[1]]
    type_letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("事项类型")]
    validations = {str(dv.sqref): dv for dv in items.data_validations.dataValidation}
    rule = validations[f"{type_letter}2:{type_letter}20000"]
    codes = workbook["代码表"]
    column = rule.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    listed = [r[0].value for r in codes[f"{column}2:{column}12"]]
    assert listed == ["01 行政许可", "02 行政处罚", "03 行政强制", "04 行政征收", "05 行政给付", "06 行政检查",
                      "07 行政确认", "08 行政奖励", "09 行政裁决", "10 其他行政权力", "20 公共服务"]
    assert items[1][headers.index("事项名称")].font.color.rgb.endswith("C00000")  # required: red
    help_rows = list(workbook["填写说明"].iter_rows(values_only=True))
    described = {(r[0], r[2]) for r in help_rows if r and r[0] in {s.title for s in SHEETS}}
    assert described == {(s.title, c.header) for s in SHEETS for c in s.columns}
    type_help = next(r for r in help_rows if r[:3] == ("事项", type_letter, "事项类型"))
    assert type_help[3] == "是" and type_help[5].startswith("01 行政许可、02 行政处罚") and type_help[7] == "01 行政许可"


@pytest.mark.django_db
def test_export_writes_published_versions_only(published, editor, now, tmp_path):
    from zwfw.catalog.services import item_version_create, item_version_update

    v2 = item_version_create(actor=editor, item=published.item, now=now)
    item_version_update(actor=editor, version=v2, fields={"name": "草稿中的新名称"}, now=now)
    path = tmp_path / "out.xlsx"
    with path.open("wb") as fh:
        assert catalog_export_xlsx(viewer=None, out=fh) == 1
    workbook = load_workbook(path)
    rows = list(workbook["事项"].iter_rows(min_row=2, values_only=True))
    headers = [c.header for c in ITEM_SHEET.columns]
    assert len(rows) == 1
    row = dict(zip(headers, rows[0], strict=True))
    assert row["事项名称"] == "固定资产投资项目节能审查"
    assert (row["事项类型"], row["网上办理深度"], row["服务对象"], row["是否收费"]) == (
        "01 行政许可", "3 Ⅲ级（网上预审、受理，到现场一次）", "1 自然人、2 企业法人", "否")
    assert row["事项标识"] == row["实施编码"] == "1151130168236467954000104002000"
    materials = list(workbook["申请材料"].iter_rows(min_row=2, max_col=3, values_only=True))
    assert materials == [(row["事项标识"], 1, "申请书"), (row["事项标识"], 2, "营业执照")]  # numbered from 1
    assert ItemVersion.objects.count() == 2
