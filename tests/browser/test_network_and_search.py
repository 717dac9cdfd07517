"""Issue 12 points 4 and 8 in a browser: a NUL byte in the search address is not echoed; on the
network page a phone can dial the hall and open its position in the phone's own map app."""

import pytest

from zwfw.organizations.models import ServiceCenter
from zwfw.portal.tests.guides import build_guides
from zwfw.portal.tests.network import build_network

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_nul_in_query_and_network_links(visit, clean_catalog, settings, viewport):
    settings.ZWFW_HOME_REGION = "511602"
    network = build_network()
    build_guides(network)
    ServiceCenter.objects.filter(pk=network.hall.pk).update(latitude="30.474100", longitude="106.633200")
    v = visit(viewport=viewport)

    v.goto("/guide/?q=%E6%88%B7%00%E7%B1%8D")
    assert v.page.get_by_label("搜索办事事项").input_value() == "户籍"
    assert v.page.locator(".result-count").inner_text() == "共 1 项"
    assert "\x00" not in v.page.content()

    v.goto("/network/")
    hall = v.page.locator("article", has_text="广安区政务服务中心").first
    assert hall.get_by_role("link", name="0826-2000000").get_attribute("href") == "tel:08262000000"
    assert hall.get_by_role("link", name="在地图中打开").get_attribute("href") == "geo:30.474100,106.633200?q=30.474100,106.633200"
    assert not v.has_horizontal_overflow()
    v.screenshot(f"network-links-{viewport['width']}.png")
    assert v.external_requests() == []
