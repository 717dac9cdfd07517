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
