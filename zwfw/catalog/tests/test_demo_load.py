import json

import pytest
from django.core.management import call_command

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
    # 许可: 法定 20, 承诺 10 -> 提速比 0.5 (enrichment rule)
    assert stats["speedup_mean"] == 0.5
    assert stats["speedup_items"] == 536


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
    licensing = ItemVersion.objects.filter(item_type="01").first()
    assert (licensing.statutory_limit, licensing.promised_limit) == (20, 10)
    assert sum(licensing.steps.values_list("working_days", flat=True)) == 10


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
