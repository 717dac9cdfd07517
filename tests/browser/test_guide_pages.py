"""The public guide pages in a real browser at phone width: search 户籍, open the guide, see the
flow chart, download a blank form, fetch the PDF; no horizontal overflow, nothing off-site."""


import pytest

from zwfw.portal.tests.guides import build_guides
from zwfw.portal.tests.network import build_network

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_search_open_guide_flowchart_download_and_pdf(visit, clean_catalog):
    guides = build_guides(build_network())
    v = visit(viewport=PHONE)
    v.goto("/")
    v.page.get_by_label("搜索办事事项或部门").fill("户籍")
    v.page.get_by_role("button", name="搜索").click()
    v.page.wait_for_url("**/guide/?q=*")
    first = v.page.locator(".result-name").first
    assert first.inner_text() == "户籍迁移登记"
    assert first.locator("mark").inner_text() == "户籍"
    assert v.page.locator(".result-count").inner_text() == "共 1 项"
    assert not v.has_horizontal_overflow()
    v.screenshot("guide-search-phone.png")

    first.click()
    v.page.wait_for_url(f"**/guide/{guides.household.pk}/")
    assert v.page.locator("h1").inner_text() == "户籍迁移登记"
    chart = v.page.locator("svg.flowchart")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert v.page.get_by_role("img", name="户籍迁移登记 办理流程图").is_visible()
    assert not v.has_horizontal_overflow()
    table_box = v.page.locator("table.materials").bounding_box()
    assert table_box["width"] > PHONE["width"]  # wider than the phone: it scrolls inside its box
    v.screenshot("guide-detail-phone.png")

    with v.page.expect_download() as info:
        v.page.get_by_role("link", name="空白表格").first.click()
    download = info.value
    assert download.suggested_filename == "户口迁移申请表.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    pdf_href = v.page.get_by_role("link", name="打印办事指南（PDF）").get_attribute("href")
    response = v.page.request.get(v.base_url + pdf_href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:4] == b"%PDF"
    assert v.external_requests() == []


def test_history_version_and_browse_at_phone_width(visit, clean_catalog):
    guides = build_guides(build_network())
    v = visit(viewport=PHONE)
    v.goto(f"/guide/{guides.household.pk}/v/1/")
    assert v.page.locator(".notice-history").first.is_visible()
    assert "历史版本" in v.page.locator(".notice-history").first.inner_text()
    assert not v.has_horizontal_overflow()
    v.goto("/guide/?audience=person")
    assert v.page.locator("h1").inner_text() == "个人办事"
    # A filter is active (个人), so the facet box starts open.
    assert v.page.locator("details.facets-box").get_attribute("open") is not None
    v.page.get_by_label("服务主题").select_option("T-HJ")
    v.page.get_by_role("button", name="筛选").click()
    v.page.wait_for_url("**theme=T-HJ*")
    assert v.page.locator(".result-name").all_inner_texts() == ["户籍迁移登记"]
    assert not v.has_horizontal_overflow()
    v.screenshot("guide-browse-phone.png")
    assert v.external_requests() == []
