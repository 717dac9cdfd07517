"""Scope.for_viewer: what each kind of viewer acts for, as a matrix of actor × kind of object (ADR 0021)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from zwfw.accounts.models import AccountKind, Applicant, Role, RoleGrant
from zwfw.accounts.scope import Scope
from zwfw.accounts.services._common import id_number_digest
from zwfw.core.fields import Sealed
from zwfw.organizations.models import ServiceCenter, ServicePoint, Window

from .conftest import NOW, make_user

ALL_REGIONS = {"province", "city", "county_a", "county_b", "town_a"}
A_REGIONS = {"county_a", "town_a"}
A_PLACES = {"departments": {"a_approval"}, "centers": {"hall_a"}, "windows": {"win_a"}, "points": set()}
NO_PLACES = {"departments": set(), "centers": set(), "windows": set(), "points": set()}

# actor: (regions of its subtree, departments, centers, windows, points it acts for)
EXPECTED = {
    "anonymous": (set(), NO_PLACES),
    "citizen": (set(), NO_PLACES),
    "sysadmin": (ALL_REGIONS, {"departments": {"a_approval", "a_civil", "b_approval"},
                               "centers": {"hall_a", "hall_b", "town_center"},
                               "windows": {"win_a", "win_civil", "win_b", "win_stopped"},
                               "points": {"point_a", "point_b"}}),
    "secadmin": (set(), NO_PLACES),
    "auditor": (set(), NO_PLACES),
    "clerk_a": (A_REGIONS, A_PLACES),
    "approver_a": (A_REGIONS, A_PLACES),
    "head_a": (A_REGIONS, A_PLACES),
    "editor_a": (A_REGIONS, A_PLACES),
    "reviewer_a": (A_REGIONS, A_PLACES),
    "clerk_civil": (A_REGIONS, {"departments": {"a_civil"}, "centers": {"hall_a"}, "windows": {"win_civil"},
                                "points": set()}),
    "clerk_b": ({"county_b"}, {"departments": {"b_approval"}, "centers": {"hall_b"}, "windows": {"win_b"},
                               "points": set()}),
    "supervisor_a": (A_REGIONS, {"departments": {"a_approval", "a_civil"}, "centers": {"hall_a", "town_center"},
                                 "windows": {"win_a", "win_civil"}, "points": {"point_a"}}),
    "supervisor_city": ({"city", "county_a", "county_b", "town_a"},
                        {"departments": {"a_approval", "a_civil", "b_approval"},
                         "centers": {"hall_a", "hall_b", "town_center"},
                         "windows": {"win_a", "win_civil", "win_b"}, "points": {"point_a", "point_b"}}),
    "agent_a": ({"town_a"}, {"departments": set(), "centers": {"town_center"}, "windows": set(),
                             "points": {"point_a"}}),
}


@pytest.fixture
def world(people, regions, depts, point_a):
    hall_a = ServiceCenter.objects.create(kind="hall", region=regions["county_a"], name="广安区政务服务中心", address="x")
    hall_b = ServiceCenter.objects.create(kind="hall", region=regions["county_b"], name="岳池县政务服务中心", address="x")

    def window(center, number, department, **extra):
        return Window.objects.create(center=center, number=number, name=number, kind="single", department=department,
                                     **extra)

    named = {
        "hall_a": hall_a, "hall_b": hall_b, "town_center": point_a.center, "point_a": point_a,
        "point_b": ServicePoint.objects.create(region=regions["county_b"], name="岳池代办点", address="x"),
        "win_a": window(hall_a, "A01", depts["a_approval"]),
        "win_civil": window(hall_a, "A02", depts["a_civil"]),
        "win_stopped": window(hall_a, "A03", depts["a_approval"], is_active=False),
        "win_b": window(hall_b, "B01", depts["b_approval"]),
        **depts, **regions,
    }
    return {**people, "anonymous": AnonymousUser(), "citizen": make_user("citizen", kind=AccountKind.CITIZEN),
            "named": named}


def _names(world, rows) -> set[str]:
    by_pk = {(type(obj), obj.pk): name for name, obj in world["named"].items()}
    return {by_pk[(type(row), row.pk)] for row in rows}


@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_scope_matrix(world, actor):
    scope = Scope.for_viewer(world[actor])
    regions, places = EXPECTED[actor]
    assert _names(world, scope.regions()) == regions
    assert {region for region in ALL_REGIONS if scope.covers_region(world["named"][region])} == regions
    assert _names(world, scope.departments()) == places["departments"]
    assert _names(world, scope.service_centers()) == places["centers"]
    assert _names(world, scope.windows()) == places["windows"]
    assert _names(world, scope.service_points()) == places["points"]


@pytest.mark.parametrize(("actor", "everything", "is_admin", "kind"), [
    ("anonymous", False, False, None),
    ("citizen", False, False, AccountKind.CITIZEN),
    ("sysadmin", True, True, AccountKind.STAFF),
    ("secadmin", False, True, AccountKind.STAFF),
    ("auditor", False, True, AccountKind.STAFF),
    ("supervisor_a", False, False, AccountKind.STAFF),
])
def test_three_administrators_are_separate(world, actor, everything, is_admin, kind):
    scope = Scope.for_viewer(world[actor])
    assert (scope.everything, scope.is_admin, scope.kind) == (everything, is_admin, kind)


def test_own_records_of_an_applicant_account(world, regions):
    citizen = world["citizen"]
    def person(name, number, region, user=None):
        return Applicant.objects.create(kind="person", name=name, id_number=Sealed.of(number, kind="id_number"),
                                        id_number_digest=id_number_digest(number), region=region, user=user,
                                        created_at=NOW)

    own = person("丁", "412723199010050012", None, citizen)
    other = person("甲", "110102199101010078", regions["county_a"])
    scope = Scope.for_viewer(citizen)
    assert (scope.owns(own), scope.owns(other)) == (True, False)
    assert list(scope.applicants()) == [own]
    assert list(Applicant.objects.filter(scope.own_q(""))) == [own]
    staff_scope = Scope.for_viewer(world["clerk_a"])
    assert (staff_scope.owns(own), list(staff_scope.applicants())) == (False, [other])
    assert list(Applicant.objects.filter(staff_scope.own_q(""))) == []


def test_scope_follows_a_changed_grant_on_the_same_user_object(world):
    clerk = world["clerk_a"]
    assert Scope.for_viewer(clerk).region_wide is False
    RoleGrant.objects.create(user=clerk, role=Role.SUPERVISOR, granted_at=NOW)
    clerk._role_cache = None
    clerk.region = world["named"]["county_b"]
    scope = Scope.for_viewer(clerk)
    assert (scope.region_wide, scope.region.code) == (True, "511621000000")
    assert _names(world, scope.departments()) == {"a_approval", "b_approval"}


def test_inactive_account_has_the_empty_scope(world):
    clerk = world["clerk_a"]
    clerk.is_active = False
    assert Scope.for_viewer(clerk).is_anonymous is True
    assert list(Scope.for_viewer(clerk).staff()) == []
