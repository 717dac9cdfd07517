import datetime as dt

import pytest

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.calendar.engine import Calendar
from zwfw.calendar.selectors import calendar_cache_clear
from zwfw.calendar.services import calendar_seed_from_package
from zwfw.core.clock import SHANGHAI

from .reference import OFF, ON

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="session")
def cal():
    """The engine's calendar built from the holiday-cn files 2024–2026 (no database)."""
    return Calendar(first_year=2024, last_year=2026, off_days=OFF, makeup_days=ON)


@pytest.fixture
def seeded(db):
    calendar_cache_clear()
    calendar_seed_from_package(now=NOW)
    yield
    calendar_cache_clear()


def make_user(username, *roles):
    user = User.objects.create_user(username=username, password="x-Password-123", full_name=username)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=NOW)
    return user


@pytest.fixture
def admin_user(db):
    return make_user("admin1", Role.SYSTEM_ADMIN)


@pytest.fixture
def clerk(db):
    return make_user("clerk1", Role.WINDOW_CLERK)


@pytest.fixture
def department(db):
    from zwfw.organizations.models import Department, Region

    region = Region.objects.create(code="511699000000", name="测试县", level="county")
    return Department.objects.create(region=region, code="ZRZY", name="自然资源局")


@pytest.fixture
def head(department):
    """The head of the clocks' responsible department: the one who approves extensions."""
    user = make_user("head1", Role.DEPARTMENT_HEAD)
    user.department = department
    user.save(update_fields=["department"])
    return user
