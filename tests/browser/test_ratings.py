"""Issue 11 in a browser: a citizen rates a concluded case 非常不满意 with a comment; the
department's staff member sees the work order, records the call-back and the fix; the
supervision office's reviewer closes it; the public page's figures change. Every click that
posts or navigates is awaited before the page is read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from zwfw.accounts.models import Role
from zwfw.calendar.models import TimeLimitClock
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.ratings.tests.conftest import concluded_case

from .conftest import DESKTOP, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_ratings(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()

    TimeLimitClock.objects.all().delete()


def test_bad_rating_is_called_back_fixed_closed_and_public(visit, clean_ratings, citizen, immediate_item, clerk,
                                                           window, approval_dept, county):
    from zwfw.catalog.tests.conftest import make_user

    case = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    staff = make_user("staff_xzsp", Role.APPROVER, department=approval_dept)
    reviewer = make_user("supervisor_ga", Role.SUPERVISOR, region=county)
    public_path = f"/ratings/departments/{approval_dept.pk}/"

    public = visit(viewport=DESKTOP)
    public.goto(public_path)
    expect(public.page.locator("td[data-testid='ratings']")).to_have_text("0")

    # The citizen rates from the case page.
    me = visit(viewport=DESKTOP, user=citizen)
    me.goto(f"/my/cases/{case.pk}/")
    submit(me.page.get_by_test_id("rate-link"))
    me.page.get_by_label("非常不满意", exact=True).check()
    me.page.get_by_label("办理时间过长").check()
    me.page.get_by_label("评价内容（选填，500 字以内）").fill("窗口让我跑了三趟")
    submit(me.page.get_by_role("button", name="提交评价"))
    expect(me.page.locator("ul.messages")).to_contain_text("感谢您的评价")

    # The department's staff member: the work order, the call-back, the fix.
    desk = visit(viewport=DESKTOP, user=staff)
    desk.goto("/workbench/ratings/")
    row = desk.page.get_by_test_id("order-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("非常不满意")
    submit(row.get_by_role("link"))
    expect(desk.page.get_by_test_id("rating-comment")).to_have_text("窗口让我跑了三趟")
    expect(desk.page.get_by_test_id("order-status")).to_have_text("待回访")
    desk.page.get_by_label("回访方式").select_option("phone")
    desk.page.get_by_label("已联系上申请人").check()
    desk.page.get_by_label("回访情况").fill("已电话致歉，核实为材料清单未一次性告知")
    submit(desk.page.get_by_test_id("callback-submit"))
    expect(desk.page.get_by_test_id("order-status")).to_have_text("整改中")
    desk.page.get_by_label("处理方式").select_option("fixed")
    desk.page.get_by_label("整改情况").fill("已更新材料清单并培训窗口人员")
    submit(desk.page.get_by_test_id("fix-submit"))
    expect(desk.page.get_by_test_id("order-status")).to_have_text("待审核")

    # The reviewer in the supervision office closes it.
    office = visit(viewport=DESKTOP, user=reviewer)
    office.goto(desk.page.url.removeprefix(desk.base_url))
    office.page.get_by_label("审核意见（退回时必填）").fill("整改到位")
    submit(office.page.get_by_test_id("close-submit"))
    expect(office.page.get_by_test_id("order-status")).to_have_text("已办结")

    # The public page's figures changed: one rating, one bad rating, one rectification closed.
    public.goto(public_path)
    expect(public.page.locator("td[data-testid='ratings']")).to_have_text("1")
    expect(public.page.locator("td[data-testid='bad']")).to_have_text("1")
    expect(public.page.locator("td[data-testid='closed']")).to_have_text("1")
    expect(public.page.locator("td[data-testid='satisfaction']")).to_have_text("0.0%")
    assert "张三" not in public.page.content()
