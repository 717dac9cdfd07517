"""The 好差评 API: rate, list, statistics; work-order steps; appeals; bad input → Chinese message
and a stable code, nothing saved; responses agree with the OpenAPI document."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zwfw.api.tests.conformance import assert_conforms
from zwfw.core import clock
from zwfw.ratings.models import Rating, WorkOrder, WorkOrderStatus

from .conftest import at


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at(4))


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_rate_then_work_order_steps_through_the_api(concluded, citizen, dept_staff, supervisor):
    response = client_for(citizen).post("/api/v1/ratings", {"case": concluded.pk, "level": 5, "comment": "态度差"},
                                        format="json")
    assert response.status_code == 201, response.content
    assert_conforms(client_for(citizen), response, method="post", path="/api/v1/ratings")
    assert response.json()["level_display"] == "非常不满意"
    order = WorkOrder.objects.get()
    staff = client_for(dept_staff)
    listed = staff.get("/api/v1/rating-work-orders")
    assert_conforms(staff, listed, method="get", path="/api/v1/rating-work-orders")
    assert [row["id"] for row in listed.json()["results"]] == [order.pk]
    url = f"/api/v1/rating-work-orders/{order.pk}"
    assert staff.post(f"{url}/callback", {"method": "phone", "reached": True, "outcome": "已致歉"},
                      format="json").status_code == 200
    body = staff.post(f"{url}/submit", {"resolution": "fixed", "note": "已整改"}, format="json").json()
    assert body["status"] == WorkOrderStatus.SUBMITTED and len(body["callbacks"]) == 1
    closed = client_for(supervisor).post(f"{url}/close", {"note": ""}, format="json")
    assert_conforms(staff, closed, method="post", path="/api/v1/rating-work-orders/{id}/close")
    assert closed.json()["status"] == WorkOrderStatus.CLOSED and closed.json()["on_time"] is True
    stats = client_for(supervisor).get("/api/v1/ratings/statistics?by=department")
    assert_conforms(staff, stats, method="get", path="/api/v1/ratings/statistics")
    assert stats.json()["total"]["bad"] == 1 and stats.json()["total"]["callback_rate"] == "100.0"


@pytest.mark.parametrize("body,code", [
    ({"level": 5, "comment": "差" * 10_000}, "rating_comment_too_long"),
    ({"level": 5, "comment": "<a href=x>差</a>"}, "rating_comment_html"),
])
def test_bad_input_is_refused_in_chinese(concluded, citizen, body, code):
    response = client_for(citizen).post("/api/v1/ratings", {"case": concluded.pk, **body}, format="json")
    assert response.status_code == 400 and response.json()["code"] == code
    assert "评价内容" in response.json()["fields"]["comment"][0]
    assert not Rating.objects.exists()


def test_second_rating_on_a_channel_and_a_foreign_case(concluded, citizen, dept_staff):
    assert client_for(citizen).post("/api/v1/ratings", {"case": concluded.pk, "level": 1},
                                    format="json").status_code == 201
    again = client_for(citizen).post("/api/v1/ratings", {"case": concluded.pk, "level": 1}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "rating_exists"
    foreign = client_for(dept_staff).post("/api/v1/ratings", {"case": concluded.pk, "level": 1}, format="json")
    assert foreign.status_code == 404
    assert Rating.objects.count() == 1


def test_appeal_through_the_api(concluded, citizen, dept_staff, supervisor):
    client_for(citizen).post("/api/v1/ratings", {"case": concluded.pk, "level": 4}, format="json")
    rating = Rating.objects.get()
    filed = client_for(dept_staff).post(f"/api/v1/ratings/{rating.pk}/appeal", {"reason": "误评"}, format="json")
    assert filed.status_code == 201
    decided = client_for(supervisor).post(f"/api/v1/rating-appeals/{filed.json()['id']}/decide",
                                          {"remove": True, "reason": "核实误评"}, format="json")
    assert_conforms(client_for(supervisor), decided, method="post", path="/api/v1/rating-appeals/{id}/decide")
    assert decided.json()["status"] == "removed" and Rating.objects.get().status == "removed"
