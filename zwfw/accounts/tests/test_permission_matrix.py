"""Role scoping as a matrix of actor × object × action (STYLE habit 9).

"A window clerk of one department cannot read another department's staff or data."
"""

import pytest

from zwfw.accounts.models import AccountKind, Applicant
from zwfw.accounts.selectors import applicant_get, staff_get
from zwfw.accounts.services import applicant_reveal_id_number, staff_update
from zwfw.accounts.services._common import id_number_digest
from zwfw.core.errors import NotFound, PermissionDenied
from zwfw.core.fields import Sealed

from .conftest import NOW, make_user

STAFF_TARGETS = ("approver_a", "clerk_civil", "clerk_b", "agent_a", "auditor")
APPLICANT_TARGETS = ("app_county_a", "app_town_a", "app_county_b", "app_own")

# actor: (staff it may read, applicants it may read)
READ = {
    "clerk_a": ({"approver_a"}, {"app_county_a", "app_town_a"}),
    "approver_a": ({"approver_a"}, {"app_county_a", "app_town_a"}),
    "head_a": ({"approver_a"}, {"app_county_a", "app_town_a"}),
    "editor_a": ({"approver_a"}, set()),
    "clerk_civil": ({"clerk_civil"}, {"app_county_a", "app_town_a"}),
    "clerk_b": ({"clerk_b"}, {"app_county_b"}),
    "supervisor_a": ({"approver_a", "clerk_civil", "agent_a"}, {"app_county_a", "app_town_a"}),
    "supervisor_city": ({"approver_a", "clerk_civil", "clerk_b", "agent_a"}, {"app_county_a", "app_town_a", "app_county_b"}),
    "agent_a": ({"agent_a"}, {"app_town_a"}),
    "sysadmin": (set(STAFF_TARGETS), set()),
    "secadmin": (set(STAFF_TARGETS), set()),
    "auditor": (set(STAFF_TARGETS), set()),
    "citizen": (set(), {"app_own"}),
}
REVEALERS = {"clerk_a", "approver_a", "head_a", "clerk_civil", "clerk_b", "agent_a"}
# Who may change which staff account: every one by the security admin (ADR 0028).
UPDATE = {"secadmin": set(STAFF_TARGETS)}


@pytest.fixture
def world(people, regions):
    citizen = make_user("citizen_x", kind=AccountKind.CITIZEN)

    def applicant(name, number, region, user=None):
        return Applicant.objects.create(kind="person", name=name, id_number=Sealed.of(number, kind="id_number"),
                                        id_number_digest=id_number_digest(number), region=region, user=user,
                                        created_at=NOW)

    objects = {
        "app_county_a": applicant("甲", "110102199101010078", regions["county_a"]),
        "app_town_a": applicant("乙", "120110198012010073", regions["town_a"]),
        "app_county_b": applicant("丙", "120110199212010072", regions["county_b"]),
        "app_own": applicant("丁", "412723199010050012", None, citizen),
    }
    return {**people, "citizen": citizen, **objects}


def _outcome(fn):
    try:
        fn()
    except NotFound:
        return "not_found"
    except PermissionDenied:
        return "denied"
    return "ok"


@pytest.mark.parametrize("actor", sorted(READ))
@pytest.mark.parametrize("target", STAFF_TARGETS)
def test_read_staff(world, actor, target):
    expected = "ok" if target in READ[actor][0] else "not_found"
    assert _outcome(lambda: staff_get(world[actor], world[target].pk)) == expected


@pytest.mark.parametrize("actor", sorted(READ))
@pytest.mark.parametrize("target", APPLICANT_TARGETS)
def test_read_applicant(world, actor, target):
    expected = "ok" if target in READ[actor][1] else "not_found"
    assert _outcome(lambda: applicant_get(world[actor], world[target].pk)) == expected


@pytest.mark.parametrize("actor", sorted(READ))
@pytest.mark.parametrize("target", APPLICANT_TARGETS)
def test_reveal_applicant_id_number(world, actor, target):
    expected = "ok" if target in READ[actor][1] else "not_found"
    if actor not in REVEALERS:
        expected = "denied"
    assert _outcome(lambda: applicant_reveal_id_number(viewer=world[actor], applicant=world[target], now=NOW)) == expected


@pytest.mark.parametrize("actor", sorted(READ))
@pytest.mark.parametrize("target", STAFF_TARGETS)
def test_update_staff(world, actor, target):
    expected = "ok" if target in UPDATE.get(actor, set()) else "denied"
    user = world[target]
    assert _outcome(lambda: staff_update(actor=world[actor], user=user, full_name="改名", now=NOW)) == expected
    user.refresh_from_db()
    assert (user.full_name == "改名") is (expected == "ok")


def test_missing_and_hidden_staff_look_the_same(world):
    hidden = _outcome(lambda: staff_get(world["clerk_a"], world["clerk_b"].pk))
    missing = _outcome(lambda: staff_get(world["clerk_a"], 999999))
    assert hidden == missing == "not_found"
