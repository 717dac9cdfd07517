"""The supervisor's workbench page: open cards red first; actions; others 403, neighbours 404."""

from __future__ import annotations

import pytest

from zwfw.core import clock
from zwfw.supervision.models import Card, CardStatus, Level
from zwfw.supervision.services import supervision_sweep

from .conftest import accepted_case, at, received_case

PAGE = "/workbench/supervision/cards/"


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at(11))


@pytest.fixture
def cards(citizen, item, clerk, hall):
    received_case(citizen, item, now=at(4))
    accepted_case(citizen, item, clerk)
    supervision_sweep(now=at(11))
    return Card.objects.all()


def test_page_lists_red_first(client, cards, supervisor):
    client.force_login(supervisor)
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("红牌") < html.index("黄牌", html.index("<tbody>"))
    assert "case_promised.red v1" in html


def test_cancel_without_reason_shows_chinese_message_and_changes_nothing(client, cards, supervisor):
    client.force_login(supervisor)
    red = cards.get(level=Level.RED)
    page = client.post(f"/workbench/supervision/cards/{red.pk}/cancel", {"reason": " "}, follow=True)
    assert "请填写撤销原因" in page.content.decode()
    assert Card.objects.get(pk=red.pk).status == CardStatus.ISSUED
    page = client.post(f"/workbench/supervision/cards/{red.pk}/cancel", {"reason": "误报"}, follow=True)
    assert "已撤销该监察牌" in page.content.decode()
    assert Card.objects.get(pk=red.pk).status == CardStatus.CANCELLED


def test_remind_and_escalate_from_the_page(client, cards, supervisor):
    client.force_login(supervisor)
    red = cards.get(level=Level.RED)
    client.post(f"/workbench/supervision/cards/{red.pk}/remind")
    client.post(f"/workbench/supervision/cards/{red.pk}/escalate", {"note": "请限期办结"})
    row = Card.objects.get(pk=red.pk)
    assert (row.reminders, row.status, row.close_reason) == (1, CardStatus.ESCALATED, "请限期办结")


def test_others_are_refused(client, cards, clerk, neighbour_supervisor):
    red = cards.get(level=Level.RED)
    client.force_login(clerk)
    assert client.get(PAGE).status_code == 403
    assert client.post(f"/workbench/supervision/cards/{red.pk}/remind").status_code == 403
    client.force_login(neighbour_supervisor)
    assert "暂无未办结的监察牌" in client.get(PAGE).content.decode()
    assert client.post(f"/workbench/supervision/cards/{red.pk}/cancel", {"reason": "x"}).status_code == 404
    assert Card.objects.get(pk=red.pk).status == CardStatus.ISSUED
