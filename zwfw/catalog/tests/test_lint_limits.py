"""Issue 12 point 9: step and limit inconsistencies are lint rules (L09–L13), each with its
legal source; the rule list covers every rule."""

import pytest

from zwfw.catalog.lint import RULE_INFO, RULES, lint_version
from zwfw.catalog.models import ItemVersion, ProcessStep

pytestmark = pytest.mark.django_db


def _codes(version):
    return sorted((f.code, f.field) for f in lint_version(ItemVersion.objects.get(pk=version.pk)))


def test_steps_longer_than_the_promised_limit(draft):
    assert _codes(draft) == []  # steps 1 + 3 + 1 = 5 = promised 5
    ProcessStep.objects.filter(version=draft, name="审查").update(working_days=8)  # 1 + 8 + 1 = 10
    assert _codes(draft) == [("L09", "steps"), ("L11", "steps[1]")]
    finding = next(f for f in lint_version(ItemVersion.objects.get(pk=draft.pk)) if f.code == "L09")
    assert finding.message == "各环节时限合计10个工作日，超过承诺时限5个工作日"


def test_steps_longer_than_the_statutory_limit(draft):
    ItemVersion.objects.filter(pk=draft.pk).update(promised_limit=None)
    ProcessStep.objects.filter(version=draft, name="审查").update(working_days=30)
    assert _codes(draft) == [("L10", "steps")]


def test_natural_day_limits_are_not_compared_with_working_days(draft):
    ItemVersion.objects.filter(pk=draft.pk).update(promised_limit_unit="natural_days", statutory_limit_unit="natural_days")
    ProcessStep.objects.filter(version=draft, name="审查").update(working_days=30)
    assert _codes(draft) == []


def test_immediate_item_with_step_days_and_promised_item_without_days(draft):
    ItemVersion.objects.filter(pk=draft.pk).update(case_kind="immediate", promised_limit=1)
    assert _codes(draft) == [("L09", "steps"), ("L11", "steps[1]"),
                             ("L12", "steps[0]"), ("L12", "steps[1]"), ("L12", "steps[2]")]
    ProcessStep.objects.filter(version=draft).update(working_days=0)
    ItemVersion.objects.filter(pk=draft.pk).update(case_kind="promised", promised_limit=0)
    assert _codes(draft) == [("L13", "promised_limit")]


def test_every_rule_is_listed_with_a_source():
    assert [r.code for r in RULE_INFO] == [f"L{i:02d}" for i in range(1, len(RULES) + 1)]
    assert all(r.title and r.source.startswith("《") for r in RULE_INFO)
