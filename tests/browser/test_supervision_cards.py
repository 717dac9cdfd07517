"""Issue 10 in a browser: a supervisor opens a red card from the region's list, sends a 催办 and
sees it recorded on the card — each posting click is awaited before the page is read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zwfw.cases.models import Case
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.supervision.models import Card, CardAppeal, CardReminder, Level
from zwfw.supervision.services import supervision_sweep
from zwfw.supervision.tests.conftest import accepted_case, at, supervisor  # noqa: F401, F811 — fixture

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_cards(clean_catalog):
    """Cards and cases keep clocks and catalog versions (PROTECT): remove them first."""
    yield
    CardReminder.objects.all().delete()
    CardAppeal.objects.all().delete()
    Card.objects.all().delete()
    Case.objects.all().delete()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_supervisor_opens_a_card_sends_a_reminder_and_sees_it_recorded(visit, clean_cards, citizen, item, clerk,
                                                                        hall, supervisor, viewport):  # noqa: F811
    case = accepted_case(citizen, item, clerk)  # promised limit 10 March
    supervision_sweep(now=at(11))
    red = Card.objects.get(owner_id=str(case.pk), clock__purpose="promised", level=Level.RED)
    v = visit(viewport=viewport, user=supervisor)
    v.goto("/workbench/supervision/cards/")
    with v.page.expect_navigation():
        v.page.get_by_role("link", name=red.summary).first.click()
    v.page.wait_for_url(re.compile(rf"/workbench/supervision/cards/{red.pk}/$"))
    expect(v.page.locator("#card-status")).to_have_text("已发")
    expect(v.page.locator("#reminders")).to_have_text("尚未催办。")
    with v.page.expect_navigation():
        v.page.get_by_role("button", name="催办（站内消息和短信）").click()
    v.page.wait_for_url(re.compile(rf"/workbench/supervision/cards/{red.pk}/$"))
    expect(v.page.locator("#reminders li")).to_have_count(1)
    expect(v.page.locator("#reminders li").first).to_contain_text(clerk.full_name)
    expect(v.page.locator("#reminders li").first).to_contain_text(supervisor.full_name)
    assert CardReminder.objects.filter(card=red).count() == 1
    assert not v.csp_violations()
