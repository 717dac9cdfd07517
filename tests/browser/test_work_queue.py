"""Issue 9 in a browser: an approver finds the accepted case in the work queue, claims it, records
an opinion and passes the review step on to the head's decision. Every posting click is followed
by a wait for the page it leads to before anything is read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from zwfw.accounts.models import Role
from zwfw.cases.models import CaseStep
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.cases.tests.steps_fixtures import accepted
from zwfw.catalog.tests.conftest import make_user

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_cases(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()
    from zwfw.calendar.models import TimeLimitClock

    TimeLimitClock.objects.all().delete()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_claim_and_pass_from_the_queue(visit, clean_cases, citizen, item, clerk, hall, approval_dept, viewport):
    approver = make_user("approver_q", Role.APPROVER, department=approval_dept)
    case = accepted(citizen, item, clerk)
    v = visit(viewport=viewport, user=approver)
    v.goto("/workbench/work/")
    row = v.page.locator(f"tr[data-case='{case.number}']")
    expect(row).to_contain_text("审查")
    with v.page.expect_navigation():
        row.get_by_role("button", name=f"认领 {case.number}").click()
    v.page.wait_for_url(f"**/workbench/cases/{case.pk}/")
    expect(v.page.locator("body")).to_contain_text("已认领")
    pass_form = v.page.locator("#pass-form")
    pass_form.get_by_label("办理意见").fill("材料齐全，符合法定条件")
    with v.page.expect_navigation():
        pass_form.get_by_role("button", name="通过，转下一环节").click()
    v.page.wait_for_url("**/workbench/work/")
    expect(v.page.locator("body")).to_contain_text("本环节已通过")
    expect(v.page.locator("#work-queue")).not_to_contain_text(case.number)
    v.goto(f"/workbench/cases/{case.pk}/")
    expect(v.page.locator("tr[data-step='审查'] .step-status")).to_have_text("已办（通过）")
    expect(v.page.locator("tr[data-step='决定'] .step-status")).to_have_text("待办")
    assert not v.has_horizontal_overflow()
    v.screenshot(f"work-queue-{viewport['width']}.png")
    review = CaseStep.objects.get(case=case, name="审查")
    assert (review.status, review.handled_by, review.opinion) == ("done", approver, "材料齐全，符合法定条件")
