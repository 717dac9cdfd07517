"""Migration 0010 fills the new step columns of rows already there from their own wording."""

import importlib

import pytest
from django.apps import apps

from zwfw.catalog.models import ProcessStep

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("zwfw.catalog.migrations.0010_steps_process_step_roles")


def test_existing_steps_get_kind_and_role_from_their_name_and_wording(draft):
    ProcessStep.objects.filter(version=draft).delete()
    rows = [("受理", "窗口人员"), ("现场勘验", "经办科室"), ("审查", "审批人员"), ("办结", "局长"), ("制证送达", "窗口"),
            ("专家论证", "")]
    ProcessStep.objects.bulk_create([ProcessStep(version=draft, position=i, name=n, role=r) for i, (n, r) in
                                     enumerate(rows)])
    MIGRATION._fill(apps, None)
    got = list(ProcessStep.objects.filter(version=draft).values_list("name", "kind", "performer_role"))
    assert got == [("受理", "accept", "window_clerk"), ("现场勘验", "verify", "approver"),
                   ("审查", "review", "approver"), ("办结", "decide", "department_head"),
                   ("制证送达", "deliver", "window_clerk"), ("专家论证", "other", "approver")]
