"""Fixtures for the catalog tests: a county with departments, editors and reviewers."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.organizations.models import Department, Region, RegionLevel

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def county(db):
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    return Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)


@pytest.fixture
def town(county):
    return Region.objects.create(code="511602001000", name="浓洄街道", level=RegionLevel.TOWN, parent=county)


def _dept(region, code, name, credit_code):
    return Department.objects.create(region=region, code=code, name=name, credit_code=credit_code)


@pytest.fixture
def approval_dept(county):
    return _dept(county, "xzsp", "区行政审批局", "115113016823646795")


@pytest.fixture
def other_dept(county):
    return _dept(county, "mz", "区民政局", "11511301008778298W")


@pytest.fixture
def town_dept(town):
    return _dept(town, "nh", "浓洄街道便民服务中心", "11511301MB1550442U")


def make_user(username, *roles, department=None, region=None):
    user = User.objects.create_user(username=username, password="x" * 12, full_name=username,
                                    department=department, region=region)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=NOW)
    return user


@pytest.fixture
def editor(approval_dept):
    return make_user("editor", Role.CATALOG_EDITOR, department=approval_dept)


@pytest.fixture
def other_editor(other_dept):
    return make_user("other_editor", Role.CATALOG_EDITOR, department=other_dept)


@pytest.fixture
def reviewer(county):
    return make_user("reviewer", Role.CATALOG_REVIEWER, region=county)


@pytest.fixture
def clerk(approval_dept):
    return make_user("clerk", Role.WINDOW_CLERK, department=approval_dept)


MATERIALS = [
    {"name": "申请书", "original_count": 1, "source": "applicant", "legal_basis": "《行政许可法》第二十九条"},
    {"name": "营业执照", "copy_count": 1, "source": "certificate_library", "certificate_library": True},
]
STEPS = [
    {"name": "受理", "kind": "accept", "role": "窗口人员", "performer_role": "window_clerk", "working_days": 1},
    {"name": "审查", "kind": "review", "role": "审批人员", "performer_role": "approver", "working_days": 3},
    {"name": "决定", "kind": "decide", "role": "部门负责人", "performer_role": "department_head", "working_days": 1},
]
GUIDE = {
    "legal_basis": "《中华人民共和国行政许可法》",
    "conditions": "申请材料齐全、符合法定形式",
    "statutory_limit": 20,
    "statutory_limit_note": "行政许可法第四十二条",
    "promised_limit": 5,
    "max_visits": 1,
    "online_depth": "3",
    "audience": ["1", "2"],
}


@pytest.fixture
def draft(editor, approval_dept, now):
    from zwfw.catalog.services import item_draft_create

    return item_draft_create(actor=editor, department=approval_dept, base_code="000104002000",
                             name="固定资产投资项目节能审查", item_type="01", fields=dict(GUIDE),
                             materials=[dict(m) for m in MATERIALS], steps=[dict(s) for s in STEPS], now=now)


@pytest.fixture
def published(draft, editor, reviewer, now):
    from zwfw.catalog.services import item_publish, item_review_approve, item_submit_for_review

    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    return item_publish(actor=reviewer, version=draft, now=now)
