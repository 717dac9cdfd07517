"""Fixtures for the accounts tests: two counties, departments in each, staff of every role."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import AccountKind, Role, RoleGrant, User
from zwfw.organizations.models import Department, Region, RegionLevel, ServiceCenter, ServicePoint

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "Zhengwu-2026!"
VALID_ID = "11010519491231002X"
VALID_ID_2 = "360426199101010071"
INVALID_ID = "36042619910102009X"  # bad check character


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def regions(db):
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    county_a = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)
    county_b = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY, parent=city)
    town_a = Region.objects.create(code="511602001000", name="浓洄街道", level=RegionLevel.TOWN, parent=county_a)
    return {"province": province, "city": city, "county_a": county_a, "county_b": county_b, "town_a": town_a}


@pytest.fixture
def depts(regions):
    def make(region, code, name):
        return Department.objects.create(region=region, code=code, name=name)

    return {
        "a_approval": make(regions["county_a"], "xzsp", "广安区行政审批局"),
        "a_civil": make(regions["county_a"], "mz", "广安区民政局"),
        "b_approval": make(regions["county_b"], "xzsp", "岳池县行政审批局"),
    }


@pytest.fixture
def point_a(regions):
    center = ServiceCenter.objects.create(kind="town", region=regions["town_a"], name="浓洄便民服务中心", address="x")
    return ServicePoint.objects.create(region=regions["town_a"], center=center, name="一村代办点", address="x")


def make_user(username, *roles, kind=AccountKind.STAFF, password=PASSWORD, **scope):
    user = User.objects.create_user(username=username, password=password, full_name=username, kind=kind, **scope)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=NOW)
    return user


@pytest.fixture
def people(regions, depts, point_a):
    """One account per role, scoped; `_b` accounts belong to the other county."""
    a, civil, b = depts["a_approval"], depts["a_civil"], depts["b_approval"]
    return {
        "sysadmin": make_user("sysadmin", Role.SYSTEM_ADMIN),
        "secadmin": make_user("secadmin", Role.SECURITY_ADMIN),
        "auditor": make_user("auditor", Role.SECURITY_AUDITOR),
        "clerk_a": make_user("clerk_a", Role.WINDOW_CLERK, department=a),
        "approver_a": make_user("approver_a", Role.APPROVER, department=a),
        "head_a": make_user("head_a", Role.DEPARTMENT_HEAD, department=a),
        "editor_a": make_user("editor_a", Role.CATALOG_EDITOR, department=a),
        "reviewer_a": make_user("reviewer_a", Role.CATALOG_REVIEWER, department=a),
        "clerk_civil": make_user("clerk_civil", Role.WINDOW_CLERK, department=civil),
        "clerk_b": make_user("clerk_b", Role.WINDOW_CLERK, department=b),
        "supervisor_a": make_user("supervisor_a", Role.SUPERVISOR, region=regions["county_a"]),
        "supervisor_city": make_user("supervisor_city", Role.SUPERVISOR, region=regions["city"]),
        "agent_a": make_user("agent_a", Role.PROXY_AGENT, service_point=point_a),
        "archivist_a": make_user("archivist_a", Role.ARCHIVIST, region=regions["county_a"]),
        "archivist_b": make_user("archivist_b", Role.ARCHIVIST, department=b),
    }


@pytest.fixture
def published_items(regions):
    """Two published items of one department (catalog services, as an editor and a reviewer)."""
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )

    dept = Department.objects.create(region=regions["county_a"], code="fg", name="广安区发展改革局",
                                     credit_code="115113016823646795")
    editor = make_user("item_editor", Role.CATALOG_EDITOR, department=dept)
    reviewer = make_user("item_reviewer", Role.CATALOG_REVIEWER, region=regions["county_a"])
    guide = {"legal_basis": "《中华人民共和国行政许可法》", "conditions": "申请材料齐全", "statutory_limit": 20,
             "statutory_limit_note": "行政许可法第四十二条", "promised_limit": 5, "max_visits": 1,
             "online_depth": "3", "audience": ["2"]}
    items = []
    for code, name in (("000104002000", "固定资产投资项目节能审查"), ("000104003000", "企业投资项目备案")):
        draft = item_draft_create(actor=editor, department=dept, base_code=code, name=name, item_type="01",
                                  fields=dict(guide), materials=[{"name": "申请书", "original_count": 1,
                                                                  "source": "applicant"}],
                                  steps=[{"name": "受理", "role": "窗口人员", "working_days": 1}], now=NOW)
        item_submit_for_review(actor=editor, version=draft, now=NOW)
        item_review_approve(actor=reviewer, version=draft, now=NOW)
        items.append(item_publish(actor=reviewer, version=draft, now=NOW).item)
    return items
