"""Fixtures: a small real region tree (四川省广安市), departments, centers and users with roles."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from zwfw.accounts.models import RoleGrant, User
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import (
    CenterKind,
    Department,
    Kiosk,
    Region,
    ServiceCenter,
    ServicePoint,
    Window,
    WindowKind,
)

NOW = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)
# Real unified social credit codes (python-stdnum test list, both check characters verified).
CREDIT_A = "91110000600037341L"
CREDIT_B = "91310000631696382C"


@pytest.fixture
def now():
    return NOW


def _region(code, name, level, parent=None):
    return Region.objects.create(code=code, name=name, level=level, parent=parent)


@pytest.fixture
def regions(db):
    """四川省 › 广安市 › 广安区 (浓洄街道, 北辰街道), 岳池县 (花园镇)."""
    province = _region("510000000000", "四川省", "province")
    city = _region("511600000000", "广安市", "city", province)
    county = _region("511602000000", "广安区", "county", city)
    other_county = _region("511621000000", "岳池县", "county", city)
    return {
        "province": province, "city": city, "county": county, "other_county": other_county,
        "town": _region("511602001000", "浓洄街道", "town", county),
        "town2": _region("511602002000", "北辰街道", "town", county),
        "other_town": _region("511621101000", "花园镇", "town", other_county),
    }


@pytest.fixture
def county(regions):
    return regions["county"]


@pytest.fixture
def town(regions):
    return regions["town"]


@pytest.fixture
def dept(county):
    return Department.objects.create(region=county, code="GAQ-MZJ", name="广安区民政局", credit_code=CREDIT_A)


@pytest.fixture
def other_dept(county):
    return Department.objects.create(region=county, code="GAQ-RSJ", name="广安区人力资源和社会保障局")


@pytest.fixture
def hall(county):
    return ServiceCenter.objects.create(kind=CenterKind.HALL, region=county, name="广安区政务服务中心",
                                        address="广安区金安大道一段 1 号", hours="工作日 9:00–17:00")


@pytest.fixture
def town_center(town, hall):
    return ServiceCenter.objects.create(kind=CenterKind.TOWN, region=town, name="浓洄街道便民服务中心",
                                        address="浓洄街道 8 号", parent=hall)


@pytest.fixture
def window(hall, dept):
    return Window.objects.create(center=hall, number="A01", name="民政窗口", kind=WindowKind.SINGLE, department=dept)


@pytest.fixture
def point(regions, town_center):
    return ServicePoint.objects.create(region=regions["town"], center=town_center, name="白塔社区代办点",
                                       address="白塔社区居委会")


@pytest.fixture
def kiosk(hall):
    return Kiosk.objects.create(serial_number="GA-0001", name="综合自助终端", region=hall.region, center=hall,
                                location="一楼大厅")


def make_user(username, *roles, department=None, kind="staff", **extra):
    user = User.objects.create(username=username, kind=kind, department=department, full_name=extra.pop(
        "full_name", username), **extra)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=NOW)
    return user


@pytest.fixture
def admin(db):
    return make_user("sysadmin", "system_admin", full_name="系统管理员")


@pytest.fixture
def clerk(dept):
    return make_user("clerk", "window_clerk", department=dept, full_name="张晓梅")


@pytest.fixture
def citizen(db):
    return make_user("citizen", kind="citizen", full_name="李四")


def table_counts():
    """Row counts of every organisation table and of the audit trail."""
    return {
        model.__name__: model.objects.count()
        for model in (Region, Department, ServiceCenter, Window, ServicePoint, Kiosk, AuditEvent)
    }


@pytest.fixture
def api():
    return APIClient()


def as_user(client, user):
    client.force_authenticate(user)
    return client
