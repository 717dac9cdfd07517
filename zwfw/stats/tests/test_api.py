"""The dashboard API: figures and drill-down in the OpenAPI document, scoped like the pages."""

from __future__ import annotations

import pytest

from .conftest import at


@pytest.fixture
def march_12(monkeypatch):
    from zwfw.core import clock

    monkeypatch.setattr(clock, "now", lambda: at(12, 10))


def test_dashboard_figures(client, march, supervisor, march_12):
    client.force_login(supervisor)
    body = client.get("/api/v1/stats/dashboard", {"start": "2026-03-01", "end": "2026-03-31"}).json()
    assert body["total"]["received"] == 5 and body["total"]["overdue_now"] == 1
    assert body["total"]["on_time_rate"] == 0.5 and body["total"]["speedup_statutory"] == 0.75
    assert [r["label"] for r in body["rows"]] == ["区行政审批局"] and body["rows"][0]["score"] == 80.0
    assert [m["month"] for m in body["trend"]] == ["2026-03"]
    assert sum(c["weight"] for c in body["components"]) == 100


def test_drill_down_pages(client, march, supervisor, march_12):
    client.force_login(supervisor)
    body = client.get("/api/v1/stats/cases", {"start": "2026-03-01", "end": "2026-03-31", "metric": "late"}).json()
    assert [c["number"] for c in body["results"]] == [march["b"].number]


def test_scoped(client, march, neighbour_supervisor, county, clerk):
    client.force_login(neighbour_supervisor)
    response = client.get("/api/v1/stats/dashboard", {"region": county.code})
    assert response.status_code == 404 and response.json()["code"] == "region_not_found"
    client.force_login(clerk)
    response = client.get("/api/v1/stats/cases", {"metric": "received"})
    assert response.status_code == 403 and response.json()["code"] == "not_supervisor"


def test_bad_metric(client, march, supervisor):
    client.force_login(supervisor)
    assert client.get("/api/v1/stats/cases", {"metric": "days_used"}).status_code == 400


def test_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/stats/dashboard" in paths and "/api/v1/stats/cases" in paths
