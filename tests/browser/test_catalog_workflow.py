"""Issue 3 acceptance in a real browser: a catalog editor drafts an item, a reviewer returns it
with a comment, the editor fixes and resubmits, the chain approves, it is published and shows
on the public guide page; the old version stays readable; every step is in the audit trail."""

import pytest

from zwfw.accounts.models import Role
from zwfw.catalog.models import ItemVersion, ReviewChain, ReviewChainStep
from zwfw.catalog.services import (
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.audit import audit_verify
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, Region, RegionLevel

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAME = "固定资产投资项目节能审查"


def _county():
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)
    dept = Department.objects.create(region=county, code="xzsp", name="区行政审批局", credit_code="115113016823646795")
    chain = ReviewChain.objects.create(region=county, name="广安区事项审核链")
    reviewers = []
    for i, (code, name) in enumerate([("sgj", "区审管局"), ("sfj", "区司法局")]):
        step_dept = Department.objects.create(region=county, code=code, name=name)
        ReviewChainStep.objects.create(chain=chain, position=i, label=name, department=step_dept)
        reviewers.append(make_user(f"rev_{code}", Role.CATALOG_REVIEWER, department=step_dept))
    editor = make_user("editor", Role.CATALOG_EDITOR, department=dept)
    publisher = make_user("publisher", Role.CATALOG_REVIEWER, region=county)
    return editor, reviewers, publisher


def _approve_in_browser(visit, reviewer, name=NAME):
    v = visit(user=reviewer)
    v.goto("/workbench/catalog/queue/")
    v.page.get_by_role("link", name=name).click()
    v.page.get_by_role("button", name="审核通过").click()
    v.page.wait_for_url("**/workbench/catalog/queue/")
    assert v.page.get_by_text("审核通过，").first.is_visible()
    assert v.external_requests() == []


def test_draft_return_fix_chain_publish_public_and_history(visit, clean_catalog):  # noqa: F811
    editor, (sgj, sfj), publisher = _county()

    # The editor drafts the item and submits it.
    ed = visit(viewport=DESKTOP, user=editor)
    ed.goto("/workbench/role/catalog_editor/")
    ed.page.get_by_role("link", name="新增事项").click()
    page = ed.page
    page.locator('[name="name"]').fill(NAME)
    page.locator('[name="item_type"]').select_option("01")
    page.locator('[name="base_code"]').fill("000104002000")
    page.get_by_role("button", name="创建草稿").click()
    page.wait_for_url("**/edit/")
    toc = page.locator("nav.draft-toc")  # the editor shows one section at a time (issue 12 point 14)
    toc.get_by_role("link", name="设定依据与申报条件").click()
    page.locator('[name="legal_basis"]').fill("《中华人民共和国节约能源法》第十五条")
    toc.get_by_role("link", name="办理时限").click()
    page.locator('[name="statutory_limit"]').fill("20")
    page.locator('[name="promised_limit"]').fill("15")
    toc.get_by_role("link", name="办理方式").click()
    page.locator('[name="max_visits"]').fill("1")
    toc.get_by_role("link", name="申请材料").click()
    page.locator('[name="materials-0-name"]').fill("节能报告")
    toc.get_by_role("link", name="办理环节").click()
    page.locator('[name="steps-0-name"]').fill("受理")
    page.locator('[name="steps-0-role"]').fill("窗口人员")
    page.get_by_role("button", name="保存并提交审核").click()
    page.get_by_text("已提交审核。").wait_for()
    version = ItemVersion.objects.get(name=NAME)
    assert version.status == "submitted"
    ed.screenshot("catalog-version-submitted-desktop.png")

    # The first reviewer of the chain returns it with a comment on the promised limit.
    rv = visit(viewport=DESKTOP, user=sgj)
    rv.goto("/workbench/catalog/queue/")
    rv.page.get_by_role("link", name=NAME).click()
    rv.page.locator('[name="comment"]').nth(1).fill("请压缩承诺时限")
    rv.page.locator('[name="fc__promised_limit"]').fill("承诺时限应不超过10个工作日")
    rv.page.get_by_role("button", name="退回", exact=True).click()
    rv.page.get_by_text("已退回起草部门修改。").wait_for()

    # The editor sees the comment next to the field (its section opens first), fixes it and resubmits.
    ed.goto(f"/workbench/catalog/versions/{version.pk}/edit/")
    assert ed.page.locator("#limits").is_visible()
    comment = ed.page.locator('[data-comment-for="promised_limit"]')
    assert "承诺时限应不超过10个工作日" in comment.inner_text()
    assert "请压缩承诺时限" in ed.page.locator(".status-returned").inner_text()
    ed.page.locator('[name="promised_limit"]').fill("10")
    ed.page.get_by_role("button", name="保存并提交审核").click()
    ed.page.get_by_text("已提交审核。").wait_for()

    # The chain approves (审管局 → 司法局), the region's reviewer publishes.
    _approve_in_browser(visit, sgj)
    _approve_in_browser(visit, sfj)
    pub = visit(viewport=PHONE, user=publisher)
    pub.goto("/workbench/catalog/queue/")
    pub.page.get_by_role("link", name=NAME).click()
    pub.page.get_by_role("button", name="确认发布").click()
    pub.page.get_by_text("已发布，").wait_for()
    assert not pub.has_horizontal_overflow()
    version.refresh_from_db()
    assert (version.status, version.promised_limit) == ("published", 10)

    # The public guide page shows it.
    citizen = visit(viewport=PHONE)
    citizen.goto(f"/guide/{version.item_id}/")
    assert NAME in citizen.page.locator("h1").inner_text()
    assert "节能报告" in citizen.page.content()
    assert citizen.external_requests() == []

    # A second version is published; the first stays readable, publicly and in the workbench.
    v2 = item_version_create(actor=editor, item=version.item)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 5})
    item_submit_for_review(actor=editor, version=v2)
    item_review_approve(actor=sgj, version=v2)
    item_review_approve(actor=sfj, version=v2)
    item_publish(actor=publisher, version=v2)
    response = citizen.goto(f"/guide/{version.item_id}/v/1/")
    assert response.status == 200
    assert NAME in citizen.page.locator("h1").inner_text()
    ed.goto(f"/workbench/catalog/versions/{version.pk}/")
    assert ed.page.get_by_text("历史版本（只读）").is_visible()
    trail = ed.page.locator("#version-trail + .table-scroll").inner_text()
    for label in ("起草事项", "提交审核", "退回修改", "审核通过", "发布"):
        assert label in trail

    assert list(AuditEvent.objects.filter(object_type="catalog.itemversion", object_id=str(version.pk))
                .order_by("seq").values_list("action", flat=True)) == [
        "catalog.item.draft_create", "catalog.version.update", "catalog.version.submit", "catalog.version.return",
        "catalog.version.update", "catalog.version.submit", "catalog.version.approve", "catalog.version.approve",
        "catalog.version.publish",
    ]
    assert audit_verify() == []

    # Statistics draw their chart from /static/vendor/echarts (no CDN).
    pub.goto("/workbench/catalog/stats/")
    pub.page.wait_for_selector('#stats-chart[data-ready="true"]')
    assert any("/static/vendor/echarts/echarts.min.js" in url for url in pub.requests)
    assert pub.external_requests() == []
    pub.screenshot("catalog-stats-phone.png")
