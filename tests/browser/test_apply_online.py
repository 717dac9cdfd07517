"""Issue 8 acceptance in a browser: a citizen opens a published guide, signs in from 在线申请,
fills the one-table form, uploads two files (one per material; the ID card and the licence are
marked 免提交), submits, sees the receipt with number and query code, then follows the case in
个人空间 and on /track/ — at desktop and phone sizes, nothing fetched off-site."""

from __future__ import annotations

import re

import pytest

from zwfw.accounts.models import Applicant
from zwfw.accounts.services.applicants import citizen_account_create
from zwfw.calendar.selectors import calendar_cache_clear
from zwfw.calendar.services import calendar_seed_from_package
from zwfw.cases.models import Case, CaseStatus
from zwfw.catalog.services import item_draft_create, item_publish, item_review_approve, item_submit_for_review
from zwfw.catalog.tests.conftest import GUIDE, NOW, STEPS, make_user
from zwfw.demo.identities import demo_id_number
from zwfw.files.tests import samples
from zwfw.organizations.models import CenterKind, Department, Region, RegionLevel, ServiceCenter

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zwfw-Citizen-2026!"
MATERIALS = [
    {"name": "申请书", "original_count": 1, "source": "applicant"},
    {"name": "居民身份证", "copy_count": 1, "source": "applicant"},
    {"name": "场地照片", "copy_count": 1, "source": "applicant"},
    {"name": "营业执照", "copy_count": 1, "source": "certificate_library", "certificate_library": True},
]


@pytest.fixture
def clean_cases(clean_catalog):
    """Every case and what hangs on it (zwfw.cases.tests.conftest.cases_wipe), before the catalog."""
    yield
    from zwfw.cases.tests.conftest import cases_wipe

    cases_wipe()
    from zwfw.calendar.models import TimeLimitClock

    TimeLimitClock.objects.all().delete()


def _published_item():
    calendar_cache_clear()
    calendar_seed_from_package(now=NOW)
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)
    ServiceCenter.objects.create(kind=CenterKind.HALL, region=county, name="广安区政务服务中心", address="金安大道")
    dept = Department.objects.create(region=county, code="xzsp", name="区行政审批局", credit_code="115113016823646795")
    editor = make_user("editor", "catalog_editor", department=dept)
    reviewer = make_user("reviewer", "catalog_reviewer", region=county)
    version = item_draft_create(actor=editor, department=dept, base_code="000104002000", name="公共场所卫生许可",
                                item_type="01", fields=dict(GUIDE), materials=[dict(m) for m in MATERIALS],
                                steps=[dict(s) for s in STEPS], now=NOW)
    item_submit_for_review(actor=editor, version=version, now=NOW)
    item_review_approve(actor=reviewer, version=version, now=NOW)
    return item_publish(actor=reviewer, version=version, now=NOW).item


def _files(tmp_path):
    application = tmp_path / "申请书.pdf"
    application.write_bytes(samples.PDF)
    photo = tmp_path / "场地照片.png"
    photo.write_bytes(samples.png_with_text())
    return application, photo


def _upload(page, material: str, path) -> None:
    row = page.locator(".material", has=page.locator(".material-name", has_text=material))
    row.get_by_label(f"为“{material}”选择文件").set_input_files(str(path))
    row.get_by_role("button", name="上传").click()
    # htmx swaps the row in place: the file's link appears in it.
    page.locator(".material", has=page.locator(".material-name", has_text=material)).get_by_role(
        "link", name=path.name).wait_for()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_applies_online_with_two_files_and_tracks_the_case(visit, clean_cases, tmp_path, viewport):
    item = _published_item()
    id_number = demo_id_number(region_code="511602", birth="19900307", serial=11)
    citizen_account_create(id_number=id_number, name="王芳", password=PASSWORD, phone="13800005678")
    application, photo = _files(tmp_path)
    size = viewport["width"]
    v = visit(viewport=viewport)
    page = v.page

    # From the guide: 在线申请 → sign in → back to the start → 开始申请.
    v.goto(f"/guide/{item.pk}/")
    page.get_by_role("link", name="在线申请").click()
    page.wait_for_url(re.compile(r"/accounts/citizen/login/\?next="))
    page.get_by_label("身份证号码").fill(id_number)
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("form.login-form").get_by_role("button", name="登录").click()
    page.wait_for_url(f"**/guide/{item.pk}/apply/")
    page.get_by_role("button", name="开始申请").click()
    page.wait_for_url("**/my/applications/*/")
    assert page.locator("h1").inner_text() == "在线申请"

    # The ID card (real-name account) and the licence (certificate library) are not asked for.
    for shared in ("居民身份证", "营业执照"):
        row = page.locator(".material", has=page.locator(".material-name", has_text=shared))
        assert "免提交" in row.inner_text() and row.locator("input[type=file]").count() == 0
    # The one-table form: person or organisation (each block shown for its answer), the name
    # from the real-name record, the ID number shown only as its mask.
    org_name = page.get_by_label("单位名称")
    assert not org_name.is_visible()
    page.get_by_label("个人").check()
    assert page.get_by_label("申请人姓名").input_value() == "王芳" and not org_name.is_visible()
    id_field = page.get_by_label("公民身份号码")
    assert id_field.input_value() == "" and id_number not in page.content()
    masked = Applicant.objects.get().id_number.masked
    assert "*" in masked and id_field.get_attribute("placeholder") == masked
    page.get_by_label("申请事项说明").fill("新开设游泳馆，申请公共场所卫生许可")
    assert "138****5678" in page.locator("#sec-contact").locator("..").inner_text()
    # A file that is not what its name says is refused in place, in Chinese.
    fake = tmp_path / "场地照片.pdf"
    fake.write_bytes(samples.HTML)
    row = page.locator(".material", has=page.locator(".material-name", has_text="场地照片"))
    row.get_by_label("为“场地照片”选择文件").set_input_files(str(fake))
    row.get_by_role("button", name="上传").click()
    page.locator(".material .field-error").wait_for()
    assert "未上传" in page.locator(".material .field-error").inner_text()
    _upload(page, "申请书", application)
    _upload(page, "场地照片", photo)
    assert not v.has_horizontal_overflow()
    v.screenshot(f"apply-form-{size}.png")

    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/my/cases/*/receipt/")
    assert page.locator("h1").inner_text() == "收件回执"
    number = page.get_by_test_id("case-number").inner_text()
    code = page.get_by_test_id("query-code").inner_text()
    case = Case.objects.get()
    assert (number, code) == (case.number, case.query_code) and case.status == CaseStatus.RECEIVED
    assert re.fullmatch(r"511602\d{12}", number) and re.fullmatch(r"\d{6}", code)
    receipt = page.locator("main").inner_text()
    assert "受理期限" in receipt and "申请书" in receipt and "场地照片" in receipt and "共享获取（免提交）" in receipt
    assert page.locator(".receipt-qr svg").first.is_visible()  # tracking; the second is for rating (issue 11)
    assert not v.has_horizontal_overflow()
    v.screenshot(f"apply-receipt-{size}.png")
    pdf = page.request.get(v.base_url + page.get_by_role("link", name="下载回执（PDF）").get_attribute("href"))
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
    (ARTIFACTS / f"apply-receipt-{size}.pdf").write_bytes(pdf.body())

    # 个人空间 → the case: status, timeline.
    v.goto("/my/")
    cases = page.locator("section:has(#my-cases)")
    assert number in cases.inner_text() and "已收件" in cases.inner_text()
    cases.get_by_role("link", name="公共场所卫生许可").click()
    page.wait_for_url(f"**/my/cases/{case.pk}/")
    assert page.get_by_test_id("case-status").inner_text() == "已收件"
    assert "提交申请" in page.locator(".timeline").inner_text()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"apply-my-case-{size}.png")

    # The public look-up, signed out: status and dates, nothing personal.
    page.locator("header").get_by_role("button", name="退出").click()
    v.goto("/track/")
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    result = page.get_by_test_id("track-result")
    result.wait_for()
    text = result.inner_text()
    assert "已收件" in text and number in text and "王芳" not in page.locator("main").inner_text()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"apply-track-{size}.png")
    # The receipt's QR address opens the same answer.
    v.goto(f"/track/{number}/?code={code}")
    assert "已收件" in page.get_by_test_id("track-result").inner_text()
    assert v.external_requests() == []
