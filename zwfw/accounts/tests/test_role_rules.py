"""Who may grant which role, as a matrix of actor × role through role_grant (ADR 0028): the
table in zwfw/accounts/roles.py is data, and this is its specification written out by hand."""

import pytest

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.accounts.services import role_grant
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent

from .conftest import NOW, PASSWORD

BUSINESS = {Role.CATALOG_EDITOR, Role.CATALOG_REVIEWER, Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD,
            Role.SUPERVISOR, Role.PROXY_AGENT, Role.ARCHIVIST}
EXPECTED = {
    "secadmin": BUSINESS | {Role.SYSTEM_ADMIN, Role.SECURITY_AUDITOR},
    "sysadmin": {Role.SECURITY_ADMIN},
    "auditor": set(),
    "clerk_a": set(),
    "head_a": set(),
    "supervisor_a": set(),
}


@pytest.mark.parametrize("actor", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role))
def test_grant_matrix(people, regions, depts, point_a, actor, role):
    # A role-less account with every scope a role may need, so only the grant rule decides.
    target = User.objects.create_user(username="target", password=PASSWORD, full_name="目标",
                                      department=depts["a_approval"], region=regions["county_a"],
                                      service_point=point_a)
    events = AuditEvent.objects.count()
    if role in EXPECTED[actor]:
        role_grant(actor=people[actor], user=target, role=role, now=NOW)
        assert RoleGrant.objects.filter(user=target, role=role, granted_by=people[actor]).exists()
        assert AuditEvent.objects.count() == events + 1
    else:
        with pytest.raises(PermissionDenied):
            role_grant(actor=people[actor], user=target, role=role, now=NOW)
        assert not RoleGrant.objects.filter(user=target).exists()
        assert AuditEvent.objects.count() == events
