"""Rules as data: defaults with sources, a region's versions by its supervisor only, bad input refused."""

from __future__ import annotations

import pytest

from zwfw.core.errors import NotFound, PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.supervision.models import Level, SupervisionRule, Target, ThresholdKind
from zwfw.supervision.rules import DEFAULT_RULES, target_of
from zwfw.supervision.services import rule_defaults_ensure, rule_set, rules_in_force

from .conftest import at

YELLOW_2 = {"target": Target.CASE_PROMISED, "level": Level.YELLOW, "threshold": ThresholdKind.NEAR,
            "working_days_left": 2}


def test_defaults_are_data_with_sources(db):
    # Two per target; the step's defaults are 预警 when near, 黄牌 when over its share, and a
    # retired (inactive) red version.
    assert rule_defaults_ensure(now=at(2)) == len(DEFAULT_RULES) == 2 * len(Target.values) + 1
    assert rule_defaults_ensure(now=at(2)) == 0
    yellow = SupervisionRule.objects.get(code="case_promised.yellow", region=None)
    assert (yellow.version, yellow.share_used_percent, yellow.working_days_left) == (1, 90, 1)
    assert "90%" in yellow.source and "即办件不计时" in yellow.source
    statutory_red = SupervisionRule.objects.get(code="case_statutory.red", region=None)
    assert "行政许可法第四十二条" in statutory_red.source
    in_force = rules_in_force(None)
    assert in_force[(Target.STEP, Level.YELLOW)].threshold == ThresholdKind.EXCEEDED
    assert in_force[(Target.STEP, Level.WARNING)].threshold == ThresholdKind.NEAR
    assert (Target.STEP, Level.RED) not in in_force


def test_a_changed_default_is_stored_as_a_new_version_and_replaces_the_old(db):
    # A database seeded before the step defaults changed holds step.yellow v1 (near) and step.red v1.
    for code, level, threshold in (("step.yellow", Level.YELLOW, ThresholdKind.NEAR),
                                   ("step.red", Level.RED, ThresholdKind.EXCEEDED)):
        SupervisionRule.objects.create(code=code, version=1, target=Target.STEP, threshold=threshold, level=level,
                                       share_used_percent=90 if threshold == ThresholdKind.NEAR else None,
                                       source="旧默认", created_at=at(1))
    rule_defaults_ensure(now=at(2))
    in_force = rules_in_force(None)
    assert in_force[(Target.STEP, Level.YELLOW)].version == 2
    assert in_force[(Target.STEP, Level.YELLOW)].threshold == ThresholdKind.EXCEEDED
    assert (Target.STEP, Level.RED) not in in_force


@pytest.mark.parametrize("owner_type,purpose,target", [
    ("cases.case", "promised", Target.CASE_PROMISED),
    ("cases.case", "statutory", Target.CASE_STATUTORY),
    ("cases.case", "acceptance", Target.ACCEPTANCE),
    ("cases.case", "pre_review", Target.PRE_REVIEW),
    ("cases.case", "step:3:1", Target.STEP),
    ("cases.case", "delivery", Target.DELIVERY),
    ("enforcement.workorder", "rectification", Target.RECTIFICATION),
    ("enforcement.workorder", "step:1:2", Target.STEP),  # a new owner's step clocks need no code change
    ("cases.case", "supplement_notice", None),
])
def test_targets_are_keyed_on_the_clock_purpose(owner_type, purpose, target):
    assert target_of(owner_type, purpose) == target


def test_region_version_applies_below_the_region_only(supervisor, county):
    from zwfw.organizations.models import Region, RegionLevel

    town = Region.objects.create(code="511602001000", name="浓洄街道", level=RegionLevel.TOWN, parent=county)
    rule_defaults_ensure(now=at(2))
    rule_set(actor=supervisor, region=county, target=Target.ACCEPTANCE, level=Level.YELLOW,
             threshold=ThresholdKind.NEAR, working_days_left=2, now=at(3))
    assert rules_in_force(town.code)[(Target.ACCEPTANCE, Level.YELLOW)].working_days_left == 2
    assert rules_in_force("511621000000")[(Target.ACCEPTANCE, Level.YELLOW)].working_days_left == 1
    assert rules_in_force(None)[(Target.ACCEPTANCE, Level.YELLOW)].region is None


@pytest.mark.parametrize("fields,code,field", [
    ({"target": "nope"}, "rule_invalid", "target"),
    ({"level": "purple"}, "rule_invalid", "level"),
    ({"threshold": "soon"}, "rule_invalid", "threshold"),
    ({"threshold": ThresholdKind.EXCEEDED}, "rule_invalid", "share_used_percent"),
    ({"share_used_percent": 0}, "rule_invalid", "share_used_percent"),
    ({"share_used_percent": 101}, "rule_invalid", "share_used_percent"),
    ({"working_days_left": 31}, "rule_invalid", "working_days_left"),
    ({"share_used_percent": None, "working_days_left": None}, "rule_invalid", "share_used_percent"),
    ({"feedback_working_days": 0}, "rule_invalid", "feedback_working_days"),
])
def test_bad_rule_is_refused_in_chinese(supervisor, county, fields, code, field):
    args = {"target": Target.CASE_PROMISED, "level": Level.YELLOW, "threshold": ThresholdKind.NEAR,
            "share_used_percent": 90, "working_days_left": 1, **fields}
    with pytest.raises(ValidationFailed) as exc:
        rule_set(actor=supervisor, region=county, now=at(3), **args)
    assert exc.value.code == code and field in exc.value.field_errors
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.field_errors[field][0])
    assert not SupervisionRule.objects.filter(region=county).exists()
    assert not AuditEvent.objects.filter(action="supervision_rule.set").exists()


def test_only_the_regions_supervisor_edits(neighbour_supervisor, clerk, county):
    with pytest.raises(NotFound):
        rule_set(actor=neighbour_supervisor, region=county, now=at(3), **YELLOW_2)
    with pytest.raises(PermissionDenied):
        rule_set(actor=clerk, region=county, now=at(3), **YELLOW_2)
    assert not SupervisionRule.objects.filter(region=county).exists()


def test_a_new_version_is_audited_and_the_old_one_kept(supervisor, county):
    first = rule_set(actor=supervisor, region=county, now=at(3), **YELLOW_2)
    second = rule_set(actor=supervisor, region=county, now=at(4), **{**YELLOW_2, "working_days_left": 3})
    assert (first.version, second.version) == (1, 2) and second.code == "case_promised.yellow"
    assert SupervisionRule.objects.get(pk=first.pk).working_days_left == 2  # rows are never changed
    assert rules_in_force(county.code)[(Target.CASE_PROMISED, Level.YELLOW)].pk == second.pk
    events = AuditEvent.objects.filter(action="supervision_rule.set").order_by("pk")
    assert [e.changes["version"] for e in events] == [1, 2]


def test_a_region_adds_a_warning_level_rule(supervisor, county):
    rule = rule_set(actor=supervisor, region=county, target=Target.CASE_PROMISED, level=Level.WARNING,
                    threshold=ThresholdKind.NEAR, share_used_percent=60, now=at(3))
    assert rule.code == "case_promised.warning"
    assert rules_in_force(county.code)[(Target.CASE_PROMISED, Level.WARNING)].share_used_percent == 60
