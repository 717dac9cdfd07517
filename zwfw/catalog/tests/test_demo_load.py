import json

import pytest
from django.core.management import call_command
from django.db.models import F

from zwfw.catalog.demo import (
    catalog_load_guangan,
    catalog_load_lingshan,
    guangan_departments,
    lingshan_departments,
)
from zwfw.catalog.models import ItemVersion, Material, ServiceItem
from zwfw.catalog.stats import catalog_stats
from zwfw.catalog.validators import base_code_errors, implementation_code_errors
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, Region, RegionLevel

pytestmark = pytest.mark.django_db


def _departments(region, pairs):
    return {
        name: Department.objects.create(region=region, code=f"d{i:02d}", name=name, credit_code=code)
        for i, (name, code) in enumerate(pairs)
    }


@pytest.fixture
def guangan(county, reviewer, now):
    departments = _departments(county, guangan_departments())
    summary = catalog_load_guangan(actor=reviewer, region=county, departments_by_name=departments, now=now)
    return summary, departments


def test_guangan_departments_fix_the_two_spellings():
    pairs = dict(guangan_departments())
    assert len(pairs) == 34
    assert pairs["区教科体局"] == "115113010833722043"  # deptCode column says 083372204
    assert pairs["区行政审批局"] == "115113016823646795"  # deptCode column says 68236467-9
    assert pairs["区烟草专卖局"] is None
    codes = [c for c in pairs.values() if c]
    assert len(codes) == len(set(codes)) == 33


def test_counts_by_type_match_the_source_file(guangan, county):
    summary, _ = guangan
    expected = {"01": 536, "20": 348, "10": 182, "07": 50, "05": 9, "09": 8, "08": 2}
    assert summary["created"] == 1135
    assert summary["by_type"] == dict(sorted(expected.items()))
    stats = catalog_stats(viewer=None, region=county)
    assert stats["total"] == 1135
    assert stats["by_type"] == dict(sorted(expected.items()))
    assert stats["by_type_label"]["行政许可"] == 536
    assert stats["by_initiated"] == {"application": 1135}
    assert sum(d["total"] for d in stats["by_department"]) == 1135
    # 许可 and the curated guides with a statutory limit: the speed-up varies by item, as in real
    # catalogs, instead of every item at exactly 50 % (issue 12 point 6).
    assert 0.3 < stats["speedup_mean"] < 0.8 and stats["speedup_mean"] != 0.5
    assert stats["speedup_items"] >= 536
    assert 0 < stats["at_most_one_visit_share"] < 1 and 0 < stats["fully_online_share"] < 1


def test_every_demo_item_has_a_complete_valid_guide(guangan):
    items = ServiceItem.objects.select_related("current_version", "department")
    for item in items:
        v = item.current_version
        assert v.status == "published"
        assert v.legal_basis and v.conditions and v.promised_limit is not None and v.hours
        assert base_code_errors(item.base_code) == []
        if item.department.credit_code:
            assert implementation_code_errors(item.implementation_code, credit_code=item.department.credit_code,
                                              level="4", base_code=item.base_code) == []
    assert not ItemVersion.objects.filter(materials__isnull=True).exists()
    assert not ItemVersion.objects.filter(steps__isnull=True).exists()
    for version in ItemVersion.objects.filter(item_type="01").prefetch_related("steps")[:200]:
        assert version.promised_limit <= version.statutory_limit
        assert sum(s.working_days for s in version.steps.all()) <= version.promised_limit


def test_limits_and_visits_vary_like_a_real_catalog(guangan):
    licensing = ItemVersion.objects.filter(item_type="01")
    assert len(set(licensing.values_list("promised_limit", flat=True))) >= 5
    assert set(ItemVersion.objects.values_list("max_visits", flat=True)) >= {0, 1, 2}
    assert set(ItemVersion.objects.values_list("online_depth", flat=True)) >= {"2", "3", "4"}


CURATED = ("户口迁移审批", "中国内地公民婚姻登记", "居民身份证办理（包括临时）", "最低生活保障", "残疾人证新办",
           "公司设立登记", "个体工商户设立登记", "食品小经营店备案发放", "教师资格认定", "建筑工程施工许可证核发",
           "社会保障卡申领", "基本医疗保险关系转移接续", "《出生医学证明》首次签发", "普通护照签发", "居住证办理",
           "临时救助", "特困人员救助供养", "城乡居民基本养老保险参保登记", "失业保险金申领",
           "80周岁以上老年人高龄津贴发放")


def test_the_twenty_most_used_items_have_complete_cited_guides(guangan):
    seen_materials = set()
    for name in CURATED:
        v = ItemVersion.objects.get(item__current_version__pk=F("pk"), name=name)
        materials = list(v.materials.values_list("name", flat=True))
        assert len(materials) >= 2, name
        seen_materials |= set(materials)
        assert "第" in v.legal_basis and "条" in v.legal_basis, name  # articles, not just a law's name
        assert v.conditions and len(v.conditions) > 10, name
        assert v.change_summary.startswith("演示数据") and "《" in v.change_summary, name
        steps = list(v.steps.values_list("working_days", flat=True))
        assert steps and sum(steps) <= v.promised_limit, name
        if v.statutory_limit is not None:
            assert v.promised_limit <= v.statutory_limit, name
        assert v.materials.filter(original_count__gt=0).exists() or v.materials.exclude(source="applicant").exists()
    assert len(seen_materials) >= 60  # not the same three materials everywhere
    id_card = ItemVersion.objects.get(name="居民身份证办理（包括临时）")
    assert id_card.fee_charged and id_card.fee_items.filter(standard__contains="20元").exists()
    assert ItemVersion.objects.get(name="户口迁移审批").materials.filter(copy_count=1, original_count=1).exists()


def test_audiences_follow_type_and_department(guangan):
    """A benefit such as 低保 is for natural persons, never for 企业法人."""
    assert ItemVersion.objects.get(name="最低生活保障").audience == ["1"]
    benefits = ItemVersion.objects.filter(item_type__in=["05", "20"])
    person_services = benefits.filter(item__department__name__in=["区民政局", "区残联", "区医疗保障局", "区卫健局"])
    for word in ("机构", "单位", "企业", "公司", "学校", "医院", "社会团体", "民办非企业", "基金会"):
        person_services = person_services.exclude(name__contains=word)
    assert person_services.count() > 50
    for v in person_services:
        assert v.audience == ["1"], v.name
    assert "2" in ItemVersion.objects.get(name="公司设立登记").audience
    assert ItemVersion.objects.get(name="个体工商户设立登记").audience == ["1"]
    enterprises = ItemVersion.objects.filter(name__contains="企业").exclude(name__contains="职工")
    assert all({"2", "5"} & set(v.audience) for v in enterprises)


def test_load_is_idempotent_and_audited_once(guangan, county, reviewer, now):
    _, departments = guangan
    again = catalog_load_guangan(actor=reviewer, region=county, departments_by_name=departments, now=now)
    assert (again["created"], again["skipped"]) == (0, 1135)
    assert ServiceItem.objects.count() == 1135
    # A run that adds nothing records nothing.
    assert AuditEvent.objects.filter(action="catalog.demo.load_guangan").count() == 1


def test_stats_command_json(guangan, county):
    from io import StringIO

    out = StringIO()
    call_command("catalog", "stats", "--region", county.code, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["by_type"] == {"01": 536, "05": 9, "07": 50, "08": 2, "09": 8, "10": 182, "20": 348}
    out = StringIO()
    call_command("catalog", "stats", "--region", county.code, stdout=out)
    assert "行政许可" in out.getvalue() and "536" in out.getvalue()


@pytest.fixture
def lingshan(reviewer, now):
    region = Region.objects.create(code="450721000000", name="灵山县", level=RegionLevel.COUNTY)
    departments = _departments(region, lingshan_departments())
    catalog_load_lingshan(actor=reviewer, region=region, departments_by_name=departments, now=now)
    return region, departments


def test_lingshan_items_keep_their_real_fields(lingshan, reviewer, now):
    region, departments = lingshan
    assert ServiceItem.objects.filter(region=region).count() == 4
    first = ServiceItem.objects.get(implementation_code="11450721MB155808114000104002000", sub_code="")
    v = first.current_version
    assert (v.statutory_limit, v.promised_limit, v.max_visits) == (20, 5, 1)
    assert v.special_procedures.get().duration == 15
    assert list(v.materials.values_list("name", flat=True)) == ["申请书", "节能报告"]
    religious = ServiceItem.objects.get(implementation_code="11450721MB155808114000141005000", sub_code="")
    assert list(religious.versions.values_list("number", "promised_limit", "status")) == [
        (1, 10, "published"), (2, 8, "published")]
    assert religious.current_version.promised_limit == 8
    sub = ServiceItem.objects.get(sub_code="02")
    assert sub.parent == religious
    assert Material.objects.filter(version__item__region=region).count() == 2 + 1 + 5 + 5
    catalog_load_lingshan(actor=reviewer, region=region, departments_by_name=departments, now=now)
    assert ServiceItem.objects.filter(region=region).count() == 4


def test_the_demo_catalog_passes_the_quality_check(guangan, county, reviewer):
    from zwfw.catalog.lint.runner import catalog_lint

    assert catalog_lint(viewer=reviewer, region=county) == []
