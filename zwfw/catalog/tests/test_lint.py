import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zwfw.catalog.lint import catalog_lint, lint_version
from zwfw.catalog.lint.numbers import chinese_number, first_limit_in_text
from zwfw.catalog.models import FeeItem, ItemVersion, Material

from .test_demo_load import guangan, lingshan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_numbers_in_guide_texts():
    assert [chinese_number(t) for t in ("十", "二十", "十五", "六十", "一百二十")] == [10, 20, 15, 60, 120]
    assert first_limit_in_text("受理之日起20个工作日。") == 20
    assert first_limit_in_text("应当自受理行政许可申请之日起二十日内做出行政许可决定。可以延长十日") == 20
    assert first_limit_in_text("《宗教事务条例》规定") is None


def _codes(version):
    return sorted((f.code, f.field) for f in lint_version(version))


def test_each_rule_fires_on_its_case(draft):
    v = ItemVersion.objects.get(pk=draft.pk)
    assert _codes(v) == []
    v.promised_limit = 25
    v.case_kind = "immediate"
    v.online_depth = "4"
    v.legal_basis = ""
    v.statutory_limit_note = "受理之日起15个工作日"
    v.fee_charged = True
    v.save()
    Material.objects.filter(version=v, name="营业执照").update(source="applicant")
    assert _codes(v) == [
        ("L01", "promised_limit"), ("L02", "promised_limit"), ("L03", "max_visits"), ("L05", "fee_items"),
        ("L06", "materials[1]"), ("L07", "legal_basis"), ("L08", "statutory_limit"),
        ("L12", "steps[0]"), ("L12", "steps[1]"), ("L12", "steps[2]"),  # an immediate item's steps take days
    ]
    FeeItem.objects.create(version=v, name="工本费", standard="10元/本", basis="")
    v.max_visits, v.online_depth = 0, "3"
    v.save()
    codes = _codes(v)
    assert ("L04", "max_visits") in codes and ("L05", "fee_items[0]") in codes


def test_lingshan_contradiction_is_flagged(lingshan):  # noqa: F811
    region, _ = lingshan
    rows = catalog_lint(viewer=None, region=region)
    l08 = [(r["name"], r["field"]) for r in rows if r["code"] == "L08"]
    assert l08 == [("全民健身设施拆迁或者改变用途批准", "statutory_limit"),
                   ("全民健身设施拆迁或者改变用途批准", "promised_limit")]
    message = next(r["message"] for r in rows if r["code"] == "L08")
    assert message.startswith("法定时限为66，但说明写的是“20”日")
    assert {r["code"] for r in rows} == {"L07", "L08"}  # the payload has no legal basis for these items
    with pytest.raises(CommandError):
        call_command("catalog", "lint", "--region", region.code)


def test_enriched_guangan_demo_is_lint_clean(guangan, county):  # noqa: F811
    assert catalog_lint(viewer=None, region=county) == []
    call_command("catalog", "lint", "--region", county.code)
