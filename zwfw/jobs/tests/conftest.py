import datetime as dt

import pytest

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.jobs.registry import outbox_handler

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

CALLS: list[tuple[str, dict]] = []
FAILURES: dict[str, int] = {}


@outbox_handler("test.record")
def _record(*, payload, dedupe_key, now):
    CALLS.append((dedupe_key, payload))


@outbox_handler("test.flaky")
def _flaky(*, payload, dedupe_key, now):
    """Fails `payload["fail"]` times, then succeeds."""
    FAILURES[dedupe_key] = FAILURES.get(dedupe_key, 0) + 1
    if FAILURES[dedupe_key] <= payload["fail"]:
        raise ConnectionError("短信网关 13812345678 无响应")
    CALLS.append((dedupe_key, payload))


@pytest.fixture(autouse=True)
def _clean(empty_queue):
    CALLS.clear()
    FAILURES.clear()


def make_user(username, *roles):
    user = User.objects.create_user(username=username, password="x" * 12, full_name=username)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=NOW)
    return user


@pytest.fixture
def sysadmin(db):
    return make_user("sysadmin", Role.SYSTEM_ADMIN)


@pytest.fixture
def clerk(db):
    return make_user("clerk", Role.WINDOW_CLERK)
