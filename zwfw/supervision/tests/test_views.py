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


def test_card_page_shows_the_rule_and_records_a_reminder(client, cards, supervisor, clerk):
    client.force_login(supervisor)
    red = cards.get(level=Level.RED)
    page = client.get(f"/workbench/supervision/cards/{red.pk}/").content.decode()
    assert "case_promised.red v1" in page and "尚未催办" in page
    page = client.post(f"/workbench/supervision/cards/{red.pk}/remind", {"from": "card"}, follow=True)
    assert page.redirect_chain[-1][0] == f"/workbench/supervision/cards/{red.pk}/"
    html = page.content.decode()
    assert "已催办" in html and clerk.full_name in html[html.index('id="reminders"'):]


def test_appeal_from_my_cards_and_decision_on_the_card_page(client, cards, supervisor, head):
    red = cards.get(level=Level.RED)
    client.force_login(head)
    assert red.summary in client.get("/workbench/supervision/my-cards/").content.decode()
    page = client.post(f"/workbench/supervision/my-cards/{red.pk}/appeal", {"reason": "系统误报"}, follow=True)
    assert "申诉已提交" in page.content.decode()
    client.force_login(supervisor)
    assert "系统误报" in client.get(PAGE).content.decode()
    appeal = red.appeals.get()
    page = client.post(f"/workbench/supervision/appeals/{appeal.pk}/decide", {"outcome": "cancelled", "note": "核实误报"},
                       follow=True)
    assert "申诉已处理" in page.content.decode()
    assert Card.objects.get(pk=red.pk).status == CardStatus.CANCELLED


def test_rules_page_adds_a_version_and_refuses_bad_input(client, cards, supervisor):
    client.force_login(supervisor)
    page = client.get("/workbench/supervision/rules/").content.decode()
    assert "单个环节时限" in page and "全平台默认" in page
    page = client.post("/workbench/supervision/rules/", {"target": "case_promised", "level": "yellow",
                                                         "threshold": "near", "share_used_percent": "abc"}, follow=True)
    assert "请填写整数" in page.content.decode()
    page = client.post("/workbench/supervision/rules/", {"target": "case_promised", "level": "yellow",
                                                         "threshold": "near", "share_used_percent": "80"}, follow=True)
    assert "已保存为新版本" in page.content.decode()
    from zwfw.supervision.models import SupervisionRule

    assert SupervisionRule.objects.get(region=supervisor.region).share_used_percent == 80


def test_anomalies_page_lists_flagged_cases(client, cards, supervisor, neighbour_supervisor):
    from zwfw.cases.models import Case

    case = Case.objects.filter(status="accepted").first()
    Case.objects.filter(pk=case.pk).update(deemed_accepted=True)
    client.force_login(supervisor)
    page = client.get("/workbench/supervision/anomalies/").content.decode()
    assert case.number in page and "超期受理或视为受理" in page
    client.force_login(neighbour_supervisor)
    assert case.number not in client.get("/workbench/supervision/anomalies/").content.decode()


def test_a_neighbour_cannot_open_the_card_page(client, cards, neighbour_supervisor, clerk):
    red = cards.get(level=Level.RED)
    client.force_login(neighbour_supervisor)
    assert client.get(f"/workbench/supervision/cards/{red.pk}/").status_code == 404
    client.force_login(clerk)
    assert client.get(f"/workbench/supervision/cards/{red.pk}/").status_code == 403
