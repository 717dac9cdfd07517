import json

import pytest
from rest_framework.test import APIClient

from zwfw.calendar.models import CalendarYear
from zwfw.core.models import AuditEvent

FAKE_2027 = {"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}


@pytest.fixture
def client_for():
    def make(user):
        client = APIClient()
        if user:
            client.force_authenticate(user)
        return client
    return make


def test_add_and_between(seeded, clerk, client_for):
    api = client_for(clerk)
    body = api.get("/api/v1/calendar/add", {"start": "2025-09-26", "days": 20}).json()
    assert body == {"start": "2025-09-26", "days": 20, "due": "2025-10-30", "deadline": "2025-10-30T17:30:00+08:00"}
    body = api.get("/api/v1/calendar/between", {"start": "2025-09-26", "end": "2025-10-30"}).json()
    assert body == {"start": "2025-09-26", "end": "2025-10-30", "working_days": 20}


def test_errors(seeded, clerk, client_for):
    api = client_for(clerk)
    response = api.get("/api/v1/calendar/add", {"start": "2026-12-30", "days": 5})
    assert response.status_code == 409
    assert response.json() == {"code": "calendar_not_covered", "message": "2027 年工作日历尚未导入，无法计算工作日时限", "fields": {}}
    response = api.get("/api/v1/calendar/add", {"start": "2026-02-30", "days": 5})
    assert response.status_code == 400 and list(response.json()["fields"]) == ["start"]
    assert api.get("/api/v1/calendar/days", {"year": 2027}).status_code == 404
    assert client_for(None).get("/api/v1/calendar/add", {"start": "2025-09-26", "days": 1}).status_code == 401


def test_days_of_a_year(seeded, clerk, client_for):
    days = client_for(clerk).get("/api/v1/calendar/days", {"year": 2026}).json()
    assert days[3] == {"date": "2026-01-04", "name": "元旦", "kind": "makeup_workday", "is_workday": True}
    assert len(days) == 39


def test_years_and_import_for_admins(seeded, admin_user, clerk, client_for):
    years = client_for(admin_user).get("/api/v1/calendar/years").json()
    assert [y["year"] for y in years["years"]] == list(range(2004, 2027))
    assert client_for(clerk).get("/api/v1/calendar/years").json() == {"years": [], "warnings": []}

    response = client_for(clerk).post("/api/v1/calendar/years/import", FAKE_2027, format="json")
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()

    response = client_for(admin_user).post("/api/v1/calendar/years/import", FAKE_2027, format="json")
    assert response.status_code == 201 and response.json()["year"] == 2027
    assert AuditEvent.objects.filter(action="calendar.year_import").count() == 1

    response = client_for(admin_user).post("/api/v1/calendar/years/import", FAKE_2027, format="json")
    assert response.status_code == 409
    response = client_for(admin_user).post(
        "/api/v1/calendar/years/import?replace=true", json.dumps({**FAKE_2027, "days": []}), content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "calendar_file_invalid"


def test_openapi_lists_calendar_paths(db, admin_user, client_for):
    paths = client_for(admin_user).get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/calendar/add", "/api/v1/calendar/between", "/api/v1/calendar/days", "/api/v1/calendar/years",
            "/api/v1/calendar/years/import"} <= set(paths)
