"""Missing pages in a real browser: the Chinese 404 page in the site's layout, styled by our own
static files, at phone and desktop widths."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
@pytest.mark.parametrize("path", ["/guide/999999/", "/no-such-page/"])
def test_missing_page_is_the_chinese_404_in_the_layout(visit, viewport, name, path):
    v = visit(viewport=viewport)
    response = v.goto(path)
    assert response.status == 404
    page = v.page
    assert page.title() == "页面不存在 · 一体化政务服务平台"
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.locator(".site-header .brand").is_visible()
    assert page.locator(".site-footer").inner_text().startswith("一体化政务服务平台")
    back = page.get_by_role("link", name="返回首页")
    assert back.is_visible() and back.get_attribute("href") == "/"
    # styled by site.css (the error code in the site's red), and the icon is there
    assert page.locator(".error-code").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert any(url == f"{v.base_url}/static/zwfw/css/site.css" for url in v.requests)
    assert page.evaluate("fetch('/favicon.ico').then(r => r.status)") == 200
    assert v.external_requests() == []
    assert not v.has_horizontal_overflow()
    v.screenshot(f"error-404-{name}{path.replace('/', '-').rstrip('-')}.png")
