"""Issue 10 in a browser: a supervisor opens the dashboard, drills from the overdue figure of a
department to its case list and opens the case. (The 催办 from the case page belongs to the
supervision helper's work; today 催办 is sent from the card list, tested there.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from zwfw.stats.models import CaseDayRollup
from zwfw.stats.tests.conftest import *  # noqa: F403 — the dashboard fixtures (march, supervisor …)

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_cases(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()
    from zwfw.calendar.models import TimeLimitClock

    TimeLimitClock.objects.all().delete()
    CaseDayRollup.objects.all().delete()


def test_supervisor_drills_from_overdue_to_the_case(visit, clean_cases, march, supervisor, approval_dept):
    overdue = march["c"]
    v = visit(viewport=DESKTOP, user=supervisor)
    v.goto("/workbench/stats/")
    expect(v.page.locator("h1")).to_contain_text("监察统计")
    expect(v.page.locator('[data-figure="overdue_now"] .tile-value')).to_have_text("1")
    expect(v.page.locator("#stats-overdue")).to_have_attribute("data-ready", "true")
    row = v.page.locator(f"tr[data-unit='{approval_dept.pk}']")
    expect(row.locator("th")).to_contain_text("区行政审批局")
    row.locator("a.overdue-link").click()
    v.page.wait_for_url("**/workbench/stats/cases/**")
    expect(v.page.get_by_test_id("drill-total")).to_contain_text("共 1 件")
    link = v.page.get_by_role("link", name=overdue.number)
    expect(link).to_be_visible()
    link.click()
    v.page.wait_for_url(f"**/workbench/cases/{overdue.pk}/")
    expect(v.page.locator("#case-number")).to_have_text(overdue.number)
    assert v.csp_violations() == []
    assert v.external_requests() == []
