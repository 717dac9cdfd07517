"""Issue 8 in a browser: a walk-in with a missing material gets a 一次性告知书, supplies it and is
accepted; a case left without action for five working days is accepted by the job as of its
receipt date — as the window clerk meets them, at desktop and phone sizes."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.cases.models import Case, CaseStatus
from zwfw.cases.services.acceptance import cases_deem_due
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.core import clock
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import DESKTOP, PHONE, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def clean_cases(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()
    from zwfw.calendar.models import TimeLimitClock

    TimeLimitClock.objects.all().delete()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_walk_in_missing_material_is_told_once_supplied_and_accepted(visit, clean_cases, clerk, citizen, item,
                                                                     hall, viewport, tmp_path):
    v = visit(viewport=viewport, user=clerk)
    v.goto("/workbench/cases/new/")
    v.page.get_by_label("申请事项").select_option(str(item.pk))
    v.page.get_by_label("身份证号码或统一社会信用代码").fill(ID_NUMBER)
    submit(v.page.get_by_role("button", name="建立收件"))
    submit(v.page.get_by_role("button", name="确认收件"))
    assert v.page.locator("#case-status").inner_text() == "已收件"
    number = v.page.locator("#case-number").inner_text()
    assert len(number) == 18
    # 申请书 is missing (营业执照 comes from shared data): tell everything at once.
    supplement = v.page.locator("#supplement-form")
    assert supplement.get_by_label("申请书", exact=True).is_checked()
    supplement.get_by_label("补正期限").fill((clock.today() + dt.timedelta(days=20)).isoformat())
    submit(supplement.get_by_role("button", name="出具一次性告知书"))
    assert v.page.locator("#case-status").inner_text() == "待补正"
    assert "已一次性告知" in v.page.locator("body").inner_text()
    # The worker issues the notice; the page offers it for printing.
    outbox_drain()
    v.page.reload()
    assert "补正材料通知书" in v.page.locator("#notices").inner_text()
    # The applicant comes back with the form: scan kept, original seen, then confirmed.
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(samples.PDF)
    row = v.page.locator("tr[data-material='申请书']")
    row.get_by_label("原件核验 申请书").check()
    row.get_by_label("上传 申请书").set_input_files(str(scan))
    submit(v.page.get_by_role("button", name="保存核验情况"))
    submit(v.page.get_by_role("button", name="补正材料已收齐"))
    assert v.page.locator("#case-status").inner_text() == "已收件"
    submit(v.page.locator("#accept-form").get_by_role("button", name="受理"))
    assert v.page.locator("#case-status").inner_text() == "已受理"
    outbox_drain()
    v.page.reload()
    assert "受理通知书" in v.page.locator("#notices").inner_text()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"window-acceptance-{viewport['width']}.png")
    case = Case.objects.get(number=number)
    assert case.status == CaseStatus.ACCEPTED and not case.deemed_accepted


def test_a_case_left_five_working_days_is_accepted_as_of_its_receipt(visit, clean_cases, clerk, citizen, item,
                                                                    hall):
    v = visit(viewport=DESKTOP, user=clerk)
    v.goto("/workbench/cases/new/")
    v.page.get_by_label("申请事项").select_option(str(item.pk))
    v.page.get_by_label("身份证号码或统一社会信用代码").fill(ID_NUMBER)
    submit(v.page.get_by_role("button", name="建立收件"))
    submit(v.page.get_by_role("button", name="确认收件"))
    case = Case.objects.get()
    # Nobody acts; the job runs after the fifth working day.
    assert cases_deem_due(now=case.received_at + dt.timedelta(days=10)) == 1
    v.page.reload()
    assert v.page.locator("#case-status").inner_text() == "已受理"
    main = v.page.locator("main").inner_text()
    received = case.received_at.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")
    assert f"受理时间\n{received}（视为受理）" in main or f"{received}（视为受理）" in main
    assert "视为受理" in v.page.locator(".timeline").inner_text()
