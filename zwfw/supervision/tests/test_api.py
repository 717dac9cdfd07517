"""The card API: a supervisor lists the region's open cards red first and acts on them; others
get 403, a neighbouring region's supervisor 404; bad input → Chinese message and code."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zwfw.core import clock
from zwfw.notifications.models import Notification
from zwfw.supervision.models import Card, CardStatus, Level
from zwfw.supervision.services import supervision_sweep

from .conftest import accepted_case, at, received_case


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at(11))


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def cards(citizen, item, clerk, hall):
    received_case(citizen, item, now=at(4))  # acceptance due 11 March: yellow on the 11th
    accepted_case(citizen, item, clerk)  # promised due 10 March: red on the 11th
    supervision_sweep(now=at(11))
    return Card.objects.all()


def test_supervisor_lists_open_cards_red_first(cards, supervisor):
    body = client_for(supervisor).get("/api/v1/supervision/cards").json()
    levels = [row["level"] for row in body["results"]]
    assert levels == [Level.RED, Level.YELLOW]
    assert body["results"][0]["level_display"] == "红牌"
    assert body["results"][0]["rule_code"] == "case_promised.red" and body["results"][0]["rule_version"] == 1


def test_cancel_escalate_remind(cards, supervisor, clerk):
    client = client_for(supervisor)
    red = cards.get(level=Level.RED)
    answer = client.post(f"/api/v1/supervision/cards/{red.pk}/remind")
    assert answer.status_code == 200 and answer.json()["reminders"] == 1
    assert Notification.objects.filter(recipient=clerk, template="supervision.reminder").count() == 1
    answer = client.post(f"/api/v1/supervision/cards/{red.pk}/escalate", {"note": "限期办结"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == CardStatus.ESCALATED
    answer = client.post(f"/api/v1/supervision/cards/{red.pk}/cancel", {"reason": ""}, format="json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "cancel_reason_required" and answer.json()["message"] == "请填写撤销原因"
    assert Card.objects.get(pk=red.pk).status == CardStatus.ESCALATED
    answer = client.post(f"/api/v1/supervision/cards/{red.pk}/cancel", {"reason": "系统误报"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == CardStatus.CANCELLED
    assert [r["id"] for r in client.get("/api/v1/supervision/cards").json()["results"]] == [
        cards.get(level=Level.YELLOW).pk]


def test_others_get_403_or_404(cards, neighbour_supervisor, clerk, head):
    red = cards.get(level=Level.RED)
    neighbour = client_for(neighbour_supervisor)
    assert neighbour.get("/api/v1/supervision/cards").json()["results"] == []
    assert neighbour.get(f"/api/v1/supervision/cards/{red.pk}").status_code == 404
    assert neighbour.post(f"/api/v1/supervision/cards/{red.pk}/cancel", {"reason": "x"}).status_code == 404
    for user in (clerk, head):
        answer = client_for(user).get("/api/v1/supervision/cards")
        assert answer.status_code == 403 and answer.json()["code"] == "not_supervisor"
        assert client_for(user).post(f"/api/v1/supervision/cards/{red.pk}/remind").status_code == 403
    assert client_for(None).get("/api/v1/supervision/cards").status_code in (401, 403)
    assert Card.objects.get(pk=red.pk).status == CardStatus.ISSUED and Card.objects.get(pk=red.pk).reminders == 0


def test_reminders_appeals_and_decisions_through_the_api(cards, supervisor, clerk, head):
    red = cards.get(level=Level.RED)
    sup = client_for(supervisor)
    assert sup.post(f"/api/v1/supervision/cards/{red.pk}/remind").status_code == 200
    rows = sup.get(f"/api/v1/supervision/cards/{red.pk}/reminders").json()
    assert [r["recipient_names"] for r in rows] == [[clerk.full_name]] and rows[0]["channels"] == "inbox,sms"
    # The responsible side: the clerk sees the card, answers; the head appeals.
    mine = client_for(clerk).get("/api/v1/supervision/my-cards").json()["results"]
    assert red.pk in [c["id"] for c in mine]
    answer = client_for(clerk).post(f"/api/v1/supervision/my-cards/{red.pk}/answer", {"answer": ""}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "answer_required"
    answer = client_for(clerk).post(f"/api/v1/supervision/my-cards/{red.pk}/answer", {"answer": "已办结"},
                                    format="json")
    assert answer.status_code == 200 and answer.json()["status"] == CardStatus.ANSWERED
    appeal = client_for(head).post(f"/api/v1/supervision/my-cards/{red.pk}/appeal", {"reason": "系统误报"},
                                   format="json")
    assert appeal.status_code == 201, appeal.json()
    listed = sup.get("/api/v1/supervision/appeals").json()["results"]
    assert [a["id"] for a in listed] == [appeal.json()["id"]]
    decided = sup.post(f"/api/v1/supervision/appeals/{listed[0]['id']}/decide", {"outcome": "returned"},
                       format="json")
    assert decided.status_code == 400 and decided.json()["code"] == "appeal_note_required"
    decided = sup.post(f"/api/v1/supervision/appeals/{listed[0]['id']}/decide",
                       {"outcome": "upheld"}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "upheld"
    assert Card.objects.get(pk=red.pk).status == CardStatus.ANSWERED


def test_rules_through_the_api(cards, supervisor, county):
    sup = client_for(supervisor)
    rules = sup.get("/api/v1/supervision/rules").json()["results"]
    assert {(r["target"], r["level"]) for r in rules} >= {("case_promised", "yellow"), ("step", "warning")}
    made = sup.post("/api/v1/supervision/rules", {"target": "case_promised", "level": "yellow", "threshold": "near",
                                                  "working_days_left": 3}, format="json")
    assert made.status_code == 201 and (made.json()["version"], made.json()["region"]) == (1, county.pk)
    bad = sup.post("/api/v1/supervision/rules", {"target": "case_promised", "level": "yellow", "threshold": "near"},
                   format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "rule_invalid"
    in_force = {(r["target"], r["level"]): r for r in sup.get("/api/v1/supervision/rules").json()["results"]}
    assert in_force[("case_promised", "yellow")]["working_days_left"] == 3


@pytest.mark.parametrize("path", ["/api/v1/supervision/cards/{pk}", "/api/v1/supervision/cards/{pk}/reminders"])
def test_another_regions_supervisor_sees_nothing(cards, neighbour_supervisor, head, path):
    red = cards.get(level=Level.RED)
    appeal_id = client_for(head).post(f"/api/v1/supervision/my-cards/{red.pk}/appeal", {"reason": "误报"},
                                      format="json").json()["id"]
    neighbour = client_for(neighbour_supervisor)
    assert neighbour.get(path.format(pk=red.pk)).status_code == 404
    assert neighbour.get("/api/v1/supervision/appeals").json()["results"] == []
    assert neighbour.post(f"/api/v1/supervision/appeals/{appeal_id}/decide", {"outcome": "cancelled", "note": "x"},
                          format="json").status_code == 404
    assert neighbour.get("/api/v1/supervision/anomalies").json()["results"] == []
    assert neighbour.get("/api/v1/supervision/my-cards").json()["results"] == []
    assert neighbour.post(f"/api/v1/supervision/my-cards/{red.pk}/answer", {"answer": "x"},
                          format="json").status_code == 404
    # Rules: the neighbour sees its own region's rules in force (the defaults), never writes the county's.
    made = neighbour.post("/api/v1/supervision/rules", {"target": "step", "level": "yellow", "threshold": "exceeded"},
                          format="json")
    assert made.status_code == 201 and made.json()["region"] == neighbour_supervisor.region_id
    assert Card.objects.get(pk=red.pk).status == CardStatus.APPEALED


@pytest.mark.parametrize("path", ["/api/v1/supervision/appeals", "/api/v1/supervision/rules",
                                  "/api/v1/supervision/anomalies"])
def test_staff_who_are_not_supervisors_get_403(cards, clerk, path):
    answer = client_for(clerk).get(path)
    assert answer.status_code == 403 and answer.json()["code"] == "not_supervisor"
