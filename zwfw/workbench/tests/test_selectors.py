import pytest

from zwfw.accounts.models import Role
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent
from zwfw.portal.tests.network import build_network, make_user
from zwfw.workbench import selectors, services

pytestmark = pytest.mark.django_db

GUARDED = [
    (selectors.department_overview, Role.WINDOW_CLERK),
    (selectors.region_overview, Role.SUPERVISOR),
    (selectors.proxy_point, Role.PROXY_AGENT),
    (selectors.system_counts, Role.SYSTEM_ADMIN),
    (selectors.security_overview, Role.SECURITY_ADMIN),
    (selectors.audit_recent, Role.SECURITY_AUDITOR),
]


@pytest.mark.parametrize(("selector", "role"), GUARDED, ids=[r.value for _, r in GUARDED])
def test_selectors_refuse_viewers_without_the_role(selector, role):
    others = [r for r in Role if r != role and not (role == Role.WINDOW_CLERK and r in selectors.DEPARTMENT_ROLES)]
    viewer = make_user("v", *others)
    with pytest.raises(PermissionDenied):
        selector(viewer=viewer)
    selector(viewer=make_user("w", role))  # the role itself is enough


def test_workbench_roles_follow_role_order():
    user = make_user("u", Role.SECURITY_AUDITOR, Role.CATALOG_EDITOR, Role.SUPERVISOR)
    assert selectors.workbench_roles(viewer=user) == [Role.CATALOG_EDITOR, Role.SUPERVISOR, Role.SECURITY_AUDITOR]


def test_department_overview_lists_windows_of_the_department():
    network = build_network()
    viewer = make_user("h", Role.DEPARTMENT_HEAD, department=network.civil)
    overview = selectors.department_overview(viewer=viewer)
    assert overview.department == network.civil
    assert overview.windows == [network.window]
    assert [str(c.phone) for c in overview.colleagues] == ["138****1234"]


def test_audit_chain_check_refuses_others_and_records_nothing():
    with pytest.raises(PermissionDenied):
        services.audit_chain_check(actor=make_user("x", Role.SYSTEM_ADMIN))
    assert AuditEvent.objects.count() == 0
