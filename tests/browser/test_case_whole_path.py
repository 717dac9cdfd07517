"""Issue 9 acceptance, the whole path in a browser: a citizen applies online, the window clerk
accepts, an approver passes the review step from the work queue, the department head approves on
the case page, the worker issues the decision, the clerk delivers it electronically, the citizen
downloads it in 个人空间 — which delivers it and concludes the case — and the concluded case is
sealed for the archive: a further change is refused in Chinese. Every posting click waits for the
page it leads to (`submit`, `wait_for_url`, `expect`) before anything is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from zwfw.accounts.models import Role
from zwfw.cases.models import Case, CaseStatus
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.cases.tests.conftest import cases_wipe
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.errors import StateError
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import DESKTOP, PHONE, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_cases(clean_catalog):
    """Cases keep the catalog versions they were received under (PROTECT), and a sealed case
    refuses DELETE (ADR 0033 triggers): lifted for the teardown only."""
    yield
    cases_wipe()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_apply_accept_review_decide_deliver_download_conclude_seal(visit, clean_cases, citizen, item, clerk, hall,
                                                                   approval_dept, head, tmp_path, viewport):
    # 1. The citizen applies online: the one-table form, one upload (营业执照 comes from shared data).
    me = visit(viewport=viewport, user=citizen)
    page = me.page
    me.goto(f"/guide/{item.pk}/apply/")
    submit(page.get_by_role("button", name="开始申请"))
    page.wait_for_url("**/my/applications/*/")
    page.get_by_label("个人").check()
    page.get_by_label("申请事项说明").fill("新办，申请节能审查")
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(samples.PDF)
    row = page.locator(".material", has=page.locator(".material-name", has_text="申请书"))
    row.get_by_label("为“申请书”选择文件").set_input_files(str(scan))
    row.get_by_role("button", name="上传").click()
    page.locator(".material", has=page.locator(".material-name", has_text="申请书")).get_by_role(
        "link", name=scan.name).wait_for()
    submit(page.get_by_role("button", name="提交申请"))
    page.wait_for_url("**/my/cases/*/receipt/")
    case = Case.objects.get()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    assert case.status == CaseStatus.RECEIVED

    # 2. The window clerk accepts it.
    window = visit(viewport=viewport, user=clerk)
    window.goto(f"/workbench/cases/{case.pk}/")
    submit(window.page.locator("#accept-form").get_by_role("button", name="受理"))
    expect(window.page.locator("#case-status")).to_have_text("已受理")

    # 3. An approver of the deciding department claims and passes the review step from the queue.
    approver = make_user("approver_path", Role.APPROVER, department=approval_dept)
    review = visit(viewport=viewport, user=approver)
    review.goto("/workbench/work/")
    queued = review.page.locator(f"tr[data-case='{case.number}']")
    expect(queued).to_contain_text("审查")
    submit(queued.get_by_role("button", name=f"认领 {case.number}"))
    review.page.wait_for_url(f"**/workbench/cases/{case.pk}/")
    pass_form = review.page.locator("#pass-form")
    pass_form.get_by_label("办理意见").fill("材料齐全，符合法定条件")
    submit(pass_form.get_by_role("button", name="通过，转下一环节"))
    review.page.wait_for_url("**/workbench/work/")
    expect(review.page.locator("body")).to_contain_text("本环节已通过")

    # 4. The department head approves with the decision form on the case page.
    boss = visit(viewport=viewport, user=head)
    boss.goto(f"/workbench/cases/{case.pk}/")
    form = boss.page.locator("#decide-form")
    form.get_by_label("准予").check()
    form.get_by_label("决定理由").fill("申请材料齐全，节能措施符合国家标准。")
    form.get_by_label("结果证照名称").fill("节能审查意见")
    form.get_by_label("结果证照编号").fill("节审〔2026〕19号")
    submit(form.get_by_role("button", name="作出决定"))
    expect(boss.page.locator("#case-status")).to_have_text("已决定")

    # 5. The worker issues the decision; the clerk delivers it electronically.
    outbox_drain()
    window.goto(f"/workbench/cases/{case.pk}/")
    submit(window.page.locator("#deliver-electronic-form").get_by_role("button", name="电子送达"))
    expect(window.page.locator("#case-delivery")).to_contain_text("尚未送达")

    # 6. The citizen sees the result and downloads the decision: delivered, concluded, sealed.
    me.goto(f"/my/cases/{case.pk}/")
    expect(page.get_by_test_id("case-decision")).to_have_text("准予")
    expect(page.get_by_test_id("case-certificate")).to_contain_text("节审〔2026〕19号")
    with page.expect_download() as download:
        page.get_by_test_id("download-decision").click()
    assert download.value.suggested_filename.startswith("准予行政许可决定书")
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
    me.goto(f"/my/cases/{case.pk}/")
    expect(page.get_by_test_id("case-status")).to_have_text("已办结")
    assert not me.has_horizontal_overflow()
    # Sealed: a second download still reads (read-only), the file is unchanged.
    with page.expect_download() as again:
        page.get_by_test_id("download-decision").click()
    assert again.value.suggested_filename == download.value.suggested_filename

    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.result_type == "approved"
    assert case.archived_at is not None
    # 7. A further change is refused, in Chinese, with a stable code; nothing changed.
    from zwfw.cases.services.delivery import case_conclude

    with pytest.raises(StateError) as refused:
        case_conclude(actor=head, case=case, result_type="returned", note="再次办结")
    assert (refused.value.code, str(refused.value.message)) == ("case_frozen", "该办件已办结归档，档案不能再修改")
    window.goto(f"/workbench/cases/{case.pk}/")
    expect(window.page.locator("#case-status")).to_have_text("已办结")
    assert window.page.locator("#deliver-electronic-form").count() == 0
    revision = case.revision
    case.refresh_from_db()
    assert case.revision == revision
