"""Issue 9 points 5–6 in a browser: the department head approves an accepted case on the case
page with its result certificate, the clerk delivers it electronically, and the citizen downloads
the decision from 个人空间 — which delivers it and concludes the case."""

from __future__ import annotations

import pytest

from zwfw.cases.models import CaseStatus
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.cases.tests.decided import accepted_case
from zwfw.jobs.testing import outbox_drain

from .conftest import DESKTOP, cases_remove

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_cases(clean_catalog):
    """Cases keep the catalog versions they were received under (PROTECT): remove them first."""
    yield
    cases_remove()  # the concluded case is sealed (ADR 0033): its triggers are lifted for this


def test_head_approves_clerk_delivers_online_citizen_downloads(visit, clean_cases, clerk, citizen, item, hall, head):
    from playwright.sync_api import expect

    case = accepted_case(citizen, item, clerk)
    staff = visit(viewport=DESKTOP, user=head)
    staff.goto(f"/workbench/cases/{case.pk}/")
    form = staff.page.locator("#decide-form")
    form.get_by_label("准予").check()
    form.get_by_label("决定理由").fill("申请材料齐全，节能措施符合国家标准。")
    form.get_by_label("结果证照名称").fill("节能审查意见")
    form.get_by_label("结果证照编号").fill("节审〔2026〕9号")
    with staff.page.expect_navigation():
        form.get_by_role("button", name="作出决定").click()
    expect(staff.page.locator("#case-status")).to_have_text("已决定")
    expect(staff.page.locator("#case-certificate")).to_contain_text("节能审查意见（节审〔2026〕9号）")

    outbox_drain()
    window = visit(viewport=DESKTOP, user=clerk)
    window.goto(f"/workbench/cases/{case.pk}/")
    with window.page.expect_navigation():
        window.page.locator("#deliver-electronic-form").get_by_role("button", name="电子送达").click()
    expect(window.page.locator("#case-delivery")).to_contain_text("电子送达")
    expect(window.page.locator("#case-delivery")).to_contain_text("尚未送达")

    me = visit(viewport=DESKTOP, user=citizen)
    me.goto(f"/my/cases/{case.pk}/")
    expect(me.page.get_by_test_id("case-decision")).to_have_text("准予")
    expect(me.page.get_by_test_id("case-certificate")).to_contain_text("节审〔2026〕9号")
    with me.page.expect_download() as download:
        me.page.get_by_test_id("download-decision").click()
    assert download.value.suggested_filename.startswith("准予行政许可决定书")
    me.goto(f"/my/cases/{case.pk}/")
    expect(me.page.get_by_test_id("case-status")).to_have_text("已办结")
    assert not me.has_horizontal_overflow()
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.result_type == "approved"
