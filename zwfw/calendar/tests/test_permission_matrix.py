"""Calendar access as a matrix of actor × action (STYLE habit 9; ADR 0006 and 0021).

Working-day arithmetic and the published arrangement are public law for every signed-in user;
the coverage list is for the system administrator and 电子监察; importing a year and editing a
region's days are system administration. Every cell runs in a savepoint rolled back afterwards;
a refused action changes nothing.
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from zwfw.accounts.tests.actors import attempt, every_actor
from zwfw.calendar.models import CalendarDay, CalendarYear, DayKind, WorkCalendar
from zwfw.calendar.selectors import calendar_cache_clear
from zwfw.calendar.services import calendar_day_set, calendar_seed_from_package
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, Region, RegionLevel, ServicePoint

from .conftest import NOW

YEAR_2027 = {"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}
ACTIONS = ("api.add", "api.days", "api.years", "api.import", "service.edit_day")
SIGNED_IN = {"api.add": 200, "api.days": 200, "api.years": "200 without years", "api.import": 403,
             "service.edit_day": "denied"}
EXPECTED = {
    "anonymous": {"api.add": 401, "api.days": 401, "api.years": 401, "api.import": 401,
                  "service.edit_day": "denied"},
    "sysadmin": {**SIGNED_IN, "api.years": "200 with years", "api.import": 201, "service.edit_day": "ok"},
    "supervisor_a": {**SIGNED_IN, "api.years": "200 with years"},
    **{name: SIGNED_IN for name in ("citizen", "editor_a", "reviewer_a", "head_a", "clerk_a", "agent_a",
                                    "secadmin", "auditor")},
}
CHANGES = {"sysadmin": {"api.import", "service.edit_day"}}


@pytest.fixture
def world(db):
    calendar_cache_clear()
    calendar_seed_from_package(now=NOW)
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=province)
    department = Department.objects.create(region=county, code="xzsp", name="区行政审批局")
    point = ServicePoint.objects.create(region=county, name="白塔社区代办点", address="x")
    yield every_actor(region=county, department=department, point=point), county
    calendar_cache_clear()


def _snapshot():
    return (CalendarDay.objects.count(), CalendarYear.objects.count(),
            sorted(WorkCalendar.objects.values_list("pk", "version")), AuditEvent.objects.count())


def _request(user, action, county):
    if action == "service.edit_day":
        try:
            calendar_day_set(actor=user, region=county, date=dt.date(2026, 3, 3), kind=DayKind.LOCAL_HOLIDAY,
                             name="地方节日", now=NOW)
        except PermissionDenied:
            return "denied"
        return "ok"
    client = APIClient()
    if user.is_authenticated:
        client.force_authenticate(user)
    if action == "api.years":
        response = client.get("/api/v1/calendar/years")
        if response.status_code != 200:
            return response.status_code
        return "200 with years" if response.json()["years"] else "200 without years"
    return {
        "api.add": lambda: client.get("/api/v1/calendar/add", {"start": "2026-03-02", "days": 5}),
        "api.days": lambda: client.get("/api/v1/calendar/days", {"year": 2026}),
        "api.import": lambda: client.post("/api/v1/calendar/years/import", YEAR_2027, format="json"),
    }[action]()


@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_calendar_matrix(world, actor):
    actors, county = world
    outcomes = {action: attempt(lambda a=action: _request(actors[actor], a, county), _snapshot) for action in ACTIONS}
    assert {a: outcome for a, (outcome, _changed) in outcomes.items()} == EXPECTED[actor]
    assert {a for a, (_outcome, changed) in outcomes.items() if changed} == CHANGES.get(actor, set())
