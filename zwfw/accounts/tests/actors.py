"""One account of every kind, for the actor × object × action matrices of every context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from zwfw.accounts.models import AccountKind, Role, RoleGrant, User

GRANTED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def actor(username: str, *roles: str, kind: str = AccountKind.STAFF, **scope) -> User:
    user = User.objects.create_user(username=username, password="x-Password-123", full_name=username, kind=kind,
                                    **scope)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role, granted_at=GRANTED_AT)
    return user


def every_actor(*, region, department, point) -> dict:
    """Anonymous, a citizen, each business role in `department` / `region` / `point` (suffix _a),
    and the three administrators."""
    return {
        "anonymous": AnonymousUser(),
        "citizen": actor("citizen", kind=AccountKind.CITIZEN),
        "editor_a": actor("editor_a", Role.CATALOG_EDITOR, department=department),
        "reviewer_a": actor("reviewer_a", Role.CATALOG_REVIEWER, region=region),
        "supervisor_a": actor("supervisor_a", Role.SUPERVISOR, region=region),
        "head_a": actor("head_a", Role.DEPARTMENT_HEAD, department=department),
        "clerk_a": actor("clerk_a", Role.WINDOW_CLERK, department=department),
        "agent_a": actor("agent_a", Role.PROXY_AGENT, service_point=point),
        "sysadmin": actor("sysadmin", Role.SYSTEM_ADMIN),
        "secadmin": actor("secadmin", Role.SECURITY_ADMIN),
        "auditor": actor("auditor", Role.SECURITY_AUDITOR),
    }


class _Rollback(Exception):
    pass


def attempt(request: Callable[[], object], snapshot: Callable[[], object]) -> tuple[object, bool]:
    """Run `request()` in a savepoint that is rolled back afterwards, so that every cell of a
    matrix starts from the same data. Returns its outcome (a response's status code, else the
    value itself) and whether `snapshot()` changed."""
    try:
        with transaction.atomic():
            before = snapshot()
            result = request()
            raise _Rollback(getattr(result, "status_code", result), snapshot() != before)
    except _Rollback as done:
        return done.args
