"""One error vocabulary in the UI: domain errors and Django's own failures become Chinese pages in
the site's layout (zwfw.core.views); under /api/ the API's error format."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("zwfw.core.tests.error_urls")]

LAYOUT = ('<html lang="zh-hans">', 'class="site-header"', 'class="site-footer"', 'href="/favicon.ico"')
DEBUG_MARKS = ("Traceback", "Django tried these URL patterns", "DEBUG = True", "Request Method:", "Exception Value")


def assert_error_page(response, status: int, *texts: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    for text in (*LAYOUT, *texts):
        assert text in html, text
    for mark in DEBUG_MARKS:
        assert mark not in html, mark
    return html


def test_unknown_address_is_the_chinese_404_page(client):
    assert_error_page(client.get("/no-such-page/"), 404, "页面不存在", "返回首页")


def test_missing_guide_says_what_is_missing(client):
    html = assert_error_page(client.get("/guide/999999/"), 404, "页面不存在", "办事指南不存在")
    assert "Resolver404" not in html and "Http404" not in html


def test_domain_not_found_and_permission_denied_are_404_and_403_pages(client):
    assert_error_page(client.get("/test-errors/domain/not_found/"), 404, "页面不存在", "申请材料不存在")
    assert_error_page(client.get("/test-errors/domain/permission/"), 403, "没有访问权限", "只有审核人员可以审核")
    # on a form post too: a refusal is a page, not a message on the form
    assert_error_page(client.post("/test-errors/domain/permission/", HTTP_REFERER="http://testserver/x/"), 403,
                      "只有审核人员可以审核")


def test_state_error_on_a_page_is_a_409_page_with_its_message(client):
    assert_error_page(client.get("/test-errors/domain/state/"), 409, "操作未能完成", "该版本已发布，不能修改")


def test_uncaught_form_error_goes_back_to_the_form_with_the_message(client):
    response = client.post("/test-errors/domain/form/", HTTP_REFERER="http://testserver/test-errors/domain/form/")
    assert (response.status_code, response["Location"]) == (302, "http://testserver/test-errors/domain/form/")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["办理时限不能超过法定时限", "不能超过20个工作日"]


def test_uncaught_form_error_from_elsewhere_is_an_error_page(client):
    # no referer, or one from another site: nowhere safe to go back to
    assert_error_page(client.post("/test-errors/domain/form/"), 400, "请求有误", "办理时限不能超过法定时限")
    response = client.post("/test-errors/domain/form/", HTTP_REFERER="https://evil.example/form/")
    assert_error_page(response, 400, "办理时限不能超过法定时限")


def test_uncaught_error_on_an_htmx_post_redirects_the_page(client):
    response = client.post("/test-errors/domain/conflict/", HTTP_REFERER="http://testserver/a/", HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (204, "http://testserver/a/")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["该版本已被他人修改"]


def test_server_error_is_the_chinese_500_page_without_internals():
    client = Client(raise_request_exception=False)
    html = assert_error_page(client.get("/test-errors/boom/"), 500, "系统繁忙", "12345")
    assert "secret.py" not in html and "RuntimeError" not in html


def test_bad_request_is_the_chinese_400_page(client):
    assert_error_page(client.get("/test-errors/suspicious/"), 400, "请求有误")
    # an unknown Host header is refused before any view runs, with the same page
    html = assert_error_page(client.get("/", HTTP_HOST="evil.example"), 400, "请求有误")
    assert "evil.example" not in html and "ALLOWED_HOSTS" not in html


def test_csrf_failure_is_the_chinese_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    html = assert_error_page(response, 403, "页面已过期", "刷新后重新提交")
    assert "CSRF cookie" not in html and "Forbidden" not in html


def test_favicon_is_served_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header


def test_api_addresses_answer_in_the_api_error_format(client):
    response = client.get("/api/v1/no-such-resource")
    assert (response.status_code, response.json()) == (
        404, {"code": "not_found", "message": "未找到该页面或对象", "fields": {}})
    response = client.post("/api/v1/test-errors/form/")
    assert (response.status_code, response.json()) == (400, {
        "code": "validation_failed", "message": "办理时限不能超过法定时限",
        "fields": {"promised_limit": ["不能超过20个工作日"]}})


def test_views_raise_domain_errors_not_djangos():
    """One vocabulary: page views raise zwfw.core.errors, mapped in one place (zwfw.core.views)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root)) for path in sorted(root.glob("*/**/*.py"))
        if "tests" not in path.parts and path.parent.name != "api"  # DRF maps them in zwfw.api.errors
        and any(word in path.read_text(encoding="utf-8")
                for word in ("Http404", "get_object_or_404", "from django.core.exceptions import PermissionDenied"))
    ]
    assert offenders == []
