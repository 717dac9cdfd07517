"""Issue 9 in a browser: an accepted case goes through an expert review that pauses it across
国庆节 2026; its statutory due date moves by exactly the paused working days, and an extension
approved by the department head moves it again by the approved days. Beyond the maximum, or by
someone who is not the head, is refused on the page and changes nothing.

Every click that posts waits for the page that answers it before anything is read."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from zwfw.accounts.models import Role
from zwfw.calendar.models import TimeLimitClock
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_submit
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.cases.tests.test_acceptance import online_case
from zwfw.catalog.tests.conftest import make_user
from zwfw.core import clock
from zwfw.core.clock import SHANGHAI
from zwfw.jobs.testing import outbox_drain

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Clock:
    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


@pytest.fixture
def clean_cases(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()
    from zwfw.calendar.models import TimeLimitClock

    TimeLimitClock.objects.all().delete()


def _due(v, purpose: str):
    return v.page.locator(f"#clocks tr[data-clock='{purpose}'] td.due")


def test_expert_review_across_national_day_then_extension(visit, clean_cases, monkeypatch, citizen, item, clerk,
                                                          approval_dept, hall):
    now = Clock(dt.datetime(2026, 9, 24, 9, 0, tzinfo=SHANGHAI))
    monkeypatch.setattr(clock, "now", now)
    approver = make_user("approver_b", Role.APPROVER, department=approval_dept)
    head = make_user("head_b", Role.DEPARTMENT_HEAD, department=approval_dept)
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=now.at)
    now.at = dt.datetime(2026, 9, 24, 10, 0, tzinfo=SHANGHAI)
    case_accept(actor=clerk, case=case)

    # Monday 28 September: the approver starts an expert review of 8 working days.
    now.at = dt.datetime(2026, 9, 28, 10, 0, tzinfo=SHANGHAI)
    v = visit(viewport=DESKTOP, user=approver)
    v.goto(f"/workbench/cases/{case.pk}/")
    expect(_due(v, "statutory")).to_have_text("2026-10-29")
    form = v.page.locator("#special-start-form")
    form.get_by_label("特别程序种类").select_option("expert_review")
    form.get_by_label("原因或依据").fill("涉及重大技术问题，组织专家评审")
    form.get_by_label("预计所需时间（不填取事项规定的时间）").fill("8")
    with v.page.expect_navigation():
        form.get_by_role("button", name="启动特别程序并告知申请人").click()
    expect(v.page.locator("#special-procedures")).to_contain_text("进行中")
    expect(v.page.locator("#special-procedures")).to_contain_text("至 2026-10-14")
    expect(_due(v, "statutory")).to_have_text("暂停中，结束后重新计算")
    expect(v.page.locator("#case-status")).to_have_text("已受理")

    # The notice is issued by the worker; the panel links it.
    outbox_drain(now=now.at)
    v.page.reload()
    expect(v.page.locator("#special-procedures")).to_contain_text("特别程序告知书")

    # Friday 9 October, after 国庆节: the review ends; 4 working days did not count.
    # (A fresh sign-in: eleven days later the idle session has ended.)
    now.at = dt.datetime(2026, 10, 9, 16, 0, tzinfo=SHANGHAI)
    v = visit(viewport=DESKTOP, user=approver)
    v.goto(f"/workbench/cases/{case.pk}/")
    v.page.locator("#special-end-form").get_by_label("特别程序结果").fill("专家评审意见：符合要求")
    with v.page.expect_navigation():
        v.page.get_by_role("button", name="结束特别程序，恢复计时").click()
    expect(_due(v, "statutory")).to_have_text("2026-11-04")
    expect(v.page.locator("#clocks tr.pause").first).to_contain_text("不计入 4 天")
    expect(v.page.locator("#clocks tr[data-clock='statutory'] td.remaining")).to_have_text("19")

    # Beyond the maximum: refused on the page, nothing asked of the head.
    request_form = v.page.locator("#extension-request-form")
    request_form.get_by_label("延长工作日数").fill("11")
    request_form.get_by_label("延期理由（将告知申请人）").fill("需补充实地核查")
    with v.page.expect_navigation():
        request_form.get_by_role("button", name="申请延期").click()
    expect(v.page.locator(".messages")).to_contain_text("最多可延长 10 个工作日")
    expect(v.page.locator("#extensions")).to_have_text("暂无延期申请。")

    request_form = v.page.locator("#extension-request-form")
    request_form.get_by_label("延长工作日数").fill("10")
    request_form.get_by_label("延期理由（将告知申请人）").fill("需补充实地核查")
    with v.page.expect_navigation():
        request_form.get_by_role("button", name="申请延期").click()
    expect(v.page.locator("#extensions .status")).to_have_text("待批准")
    # The approver is not the head: no decision form for them.
    expect(v.page.locator("#extension-decision-form")).to_have_count(0)

    # The head approves: the statutory due date moves by the 10 approved working days.
    h = visit(viewport=DESKTOP, user=head)
    h.goto(f"/workbench/cases/{case.pk}/")
    with h.page.expect_navigation():
        h.page.get_by_role("button", name="批准延期").click()
    expect(h.page.locator("#extensions .status")).to_have_text("已批准")
    expect(_due(h, "statutory")).to_have_text("2026-11-18")
    expect(h.page.locator("#extensions")).to_contain_text("2026-11-04 → 2026-11-18")
    outbox_drain(now=now.at)
    h.page.reload()
    expect(h.page.locator("#extensions")).to_contain_text("延长审批期限告知书")
    statutory = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="statutory")
    assert (statutory.due_date, statutory.extension_days) == (dt.date(2026, 11, 18), 10)
    h.screenshot("special-procedure-extension.png")
