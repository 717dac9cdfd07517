"""四级四同 consistency report: mismatches with the base catalog, base items not implemented,
codes that do not validate; each scoped to the viewer; and `zwfw catalog consistency`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.catalog.consistency import catalog_consistency
from zwfw.catalog.demo.bulk import ItemSpec, VersionSpec, bulk_publish
from zwfw.catalog.models import CatalogLevel, ServiceItem
from zwfw.core.errors import PermissionDenied
from zwfw.organizations.models import Department, Region, RegionLevel

from .conftest import make_user

pytestmark = pytest.mark.django_db

BASIS = "《中华人民共和国节约能源法》第十五条"


def _publish(actor, now, **item_fields):
    fields = item_fields.pop("fields")
    item = ServiceItem(**item_fields)
    with transaction.atomic():
        bulk_publish(actor=actor, now=now, specs=[ItemSpec(item=item, versions=[VersionSpec(fields)])])
    return item


@pytest.fixture
def catalog(county, approval_dept, other_dept, editor, now):
    province = county.parent.parent
    city = county.parent
    other_county = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY, parent=city)
    far_mz = Department.objects.create(region=other_county, code="mz", name="岳池县民政局",
                                       credit_code="115116210087782009")
    far_xzsp = Department.objects.create(region=other_county, code="xzsp", name="岳池县行政审批局",
                                         credit_code="11511621MB15504404")
    no_credit = Department.objects.create(region=county, code="yc", name="区烟草专卖局")

    def base(code, name, item_type, basis):
        return _publish(editor, now, catalog_level=CatalogLevel.BASE, region=province, level="2", base_code=code,
                        fields={"name": name, "item_type": item_type, "legal_basis": basis})

    def impl(dept, base_item, name, item_type="01", basis=BASIS, code=None):
        return _publish(editor, now, catalog_level=CatalogLevel.IMPLEMENTATION, region=dept.region, department=dept,
                        level="4", base_item=base_item, base_code=base_item.base_code if base_item else code,
                        implementation_code=(f"{dept.credit_code}4{base_item.base_code if base_item else code}"
                                             if dept.credit_code else None),
                        fields={"name": name, "item_type": item_type, "legal_basis": basis})

    energy = base("000104002000", "固定资产投资项目节能审查", "01", BASIS)
    society = base("000201001000", "社会团体成立登记", "01", "《社会团体登记管理条例》")
    nobody = base("000201002000", "社会团体注销登记", "01", "《社会团体登记管理条例》")
    return {
        "energy": energy, "society": society, "nobody": nobody, "far_mz": far_mz, "no_credit": no_credit,
        "mismatch": impl(approval_dept, energy, "固定资产投资项目节能审查（县级）", basis=BASIS.replace("第", " 第")),
        "far_society": impl(far_mz, society, "社会团体成立登记", basis="《社会团体登记管理条例》"),
        "no_code": impl(no_credit, None, "烟草专卖零售许可证核发", code="000104003000"),
        "far_type": impl(far_xzsp, energy, "固定资产投资项目节能审查", item_type="07"),
    }


def test_supervisor_sees_the_county_mismatch_missing_and_code_problems(catalog, county, approval_dept, other_dept):
    supervisor = make_user("sup", Role.SUPERVISOR, region=county)
    report = catalog_consistency(viewer=supervisor)
    assert report.scope == "广安区及下辖区划"
    assert [(m.item_id, [(d.field, d.base, d.local) for d in m.differences]) for m in report.mismatches] == [
        (catalog["mismatch"].pk, [("name", "固定资产投资项目节能审查", "固定资产投资项目节能审查（县级）")]),
    ]  # the basis differs only in white space: not a difference
    assert [(m.name, m.department) for m in report.missing] == [
        ("社会团体成立登记", "区民政局"),  # 岳池县民政局 (same code mz) implements it
        ("社会团体注销登记", ""),  # nobody implements it
    ]
    assert [(c.name, c.code_field, c.errors) for c in report.invalid_codes] == [
        ("烟草专卖零售许可证核发", "implementation_code", ["缺少实施编码（实施主体无有效的统一社会信用代码）"]),
    ]


def test_department_editor_sees_only_their_department(catalog, editor, other_editor):
    mine = catalog_consistency(viewer=editor)
    assert mine.scope == "区行政审批局"
    assert [m.item_id for m in mine.mismatches] == [catalog["mismatch"].pk]
    assert (mine.missing, mine.invalid_codes) == ([], [])
    theirs = catalog_consistency(viewer=other_editor)
    assert (theirs.mismatches, theirs.invalid_codes) == ([], [])
    assert [(m.name, m.department) for m in theirs.missing] == [("社会团体成立登记", "区民政局")]


def test_admin_sees_every_region_and_clerk_is_refused(catalog, clerk):
    admin = make_user("admin", Role.SYSTEM_ADMIN)
    report = catalog_consistency(viewer=admin)
    assert sorted(m.item_id for m in report.mismatches) == sorted([catalog["mismatch"].pk, catalog["far_type"].pk])
    far = next(m for m in report.mismatches if m.item_id == catalog["far_type"].pk)
    assert [(d.field, d.base, d.local) for d in far.differences] == [("item_type", "行政许可", "行政确认")]
    with pytest.raises(PermissionDenied):
        catalog_consistency(viewer=clerk)


def test_invalid_base_code_is_reported(catalog, county, editor, approval_dept):
    ServiceItem.objects.filter(pk=catalog["mismatch"].pk).update(base_code="00010400200a")
    codes = {(c.code_field, c.code) for c in catalog_consistency(viewer=editor).invalid_codes}
    assert ("base_code", "00010400200a") in codes
    assert ("implementation_code", catalog["mismatch"].implementation_code) in codes  # tail no longer matches


def test_command_prints_the_report_and_fails_on_problems(catalog, county):
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("catalog", "consistency", "--region", county.code, stdout=out)
    assert exc.value.returncode == 1
    text = out.getvalue()
    assert "不一致 区行政审批局 固定资产投资项目节能审查（县级）" in text
    assert "未实施 区民政局 社会团体成立登记（000201001000，四川省）" in text
    assert text.splitlines()[-1] == "不一致 1 项，应实施未实施 2 项，编码不合规 1 项"
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("catalog", "consistency", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (len(data["mismatches"]), data["scope"]) == (2, "全平台")


def test_command_succeeds_on_a_consistent_catalog(db):
    out = StringIO()
    call_command("catalog", "consistency", stdout=out)
    assert out.getvalue().strip() == "不一致 0 项，应实施未实施 0 项，编码不合规 0 项"


def test_api_report_is_scoped(catalog, editor):
    client = APIClient()
    assert client.get("/api/v1/catalog/consistency").status_code in (401, 403)
    client.force_authenticate(editor)
    body = client.get("/api/v1/catalog/consistency").json()
    assert (body["scope"], body["problem_count"]) == ("区行政审批局", 1)
    assert body["mismatches"][0]["differences"][0]["field"] == "name"
