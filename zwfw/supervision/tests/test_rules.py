"""Rules as data: defaults with sources, a region's versions by its supervisor only, bad input refused."""

from __future__ import annotations

import pytest

from zwfw.core.errors import NotFound, PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.supervision.models import Level, SupervisionRule, Target
from zwfw.supervision.rules import DEFAULT_RULES
from zwfw.supervision.services import rule_defaults_ensure, rule_set, rules_in_force

from .conftest import at


def test_defaults_are_data_with_sources(db):
    assert rule_defaults_ensure(now=at(2)) == len(DEFAULT_RULES) == 2 * len(Target.values)
    assert rule_defaults_ensure(now=at(2)) == 0
    yellow = SupervisionRule.objects.get(code="case_promised.yellow", region=None)
    assert (yellow.version, yellow.share_used_percent, yellow.working_days_left) == (1, 90, 1)
    assert "90%" in yellow.source and "即办件不计时" in yellow.source
    statutory_red = SupervisionRule.objects.get(code="case_statutory.red", region=None)
    assert "行政许可法第四十二条" in statutory_red.source


def test_region_version_applies_below_the_region_only(supervisor, county):
    from zwfw.organizations.models import Region, RegionLevel

    town = Region.objects.create(code="511602001000", name="浓洄街道", level=RegionLevel.TOWN, parent=county)
    rule_defaults_ensure(now=at(2))
    rule_set(actor=supervisor, region=county, code="acceptance.yellow", working_days_left=2, now=at(3))
    assert rules_in_force(town.code)[(Target.ACCEPTANCE, Level.YELLOW)].working_days_left == 2
    assert rules_in_force("511621000000")[(Target.ACCEPTANCE, Level.YELLOW)].working_days_left == 1
    assert rules_in_force(None)[(Target.ACCEPTANCE, Level.YELLOW)].region is None


@pytest.mark.parametrize("fields,code,field", [
    ({"code": "nope"}, "rule_unknown", "code"),
    ({"share_used_percent": 0}, "rule_invalid", "share_used_percent"),
    ({"share_used_percent": 101}, "rule_invalid", "share_used_percent"),
    ({"working_days_left": 31}, "rule_invalid", "working_days_left"),
    ({"share_used_percent": None, "working_days_left": None}, "rule_invalid", "share_used_percent"),
    ({"feedback_working_days": 0}, "rule_invalid", "feedback_working_days"),
])
def test_bad_rule_is_refused_in_chinese(supervisor, county, fields, code, field):
    args = {"code": "case_promised.yellow", "share_used_percent": 90, "working_days_left": 1, **fields}
    with pytest.raises(ValidationFailed) as exc:
        rule_set(actor=supervisor, region=county, now=at(3), **args)
    assert exc.value.code == code and field in exc.value.field_errors
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.field_errors[field][0])
    assert not SupervisionRule.objects.filter(region=county).exists()
    assert not AuditEvent.objects.filter(action="supervision_rule.set").exists()


def test_only_the_regions_supervisor_edits(neighbour_supervisor, clerk, county):
    with pytest.raises(NotFound):
        rule_set(actor=neighbour_supervisor, region=county, code="case_promised.yellow", working_days_left=2,
                 now=at(3))
    with pytest.raises(PermissionDenied):
        rule_set(actor=clerk, region=county, code="case_promised.yellow", working_days_left=2, now=at(3))
    assert not SupervisionRule.objects.filter(region=county).exists()
