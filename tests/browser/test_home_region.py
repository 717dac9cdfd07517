"""Issue 12 point 1 in a browser: the 广安区 portal names its county, lists its own departments
first and only, and reaches the other region it serves through the region switcher."""

import pytest

from zwfw.organizations.models import Region, RegionLevel
from zwfw.portal.tests.guides import build_guides
from zwfw.portal.tests.network import build_network

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_portal_shows_its_county_and_switches_region(visit, clean_catalog, settings, viewport):
    network = build_network()
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY)
    Region.objects.filter(pk=network.county.pk).update(parent=city)
    build_guides(network)
    settings.ZWFW_HOME_REGION = "511602"
    v = visit(viewport=viewport)

    v.goto("/")
    assert v.page.locator("h1").inner_text() == "广安市广安区一体化政务服务平台"
    assert v.page.title() == "首页 · 广安市广安区一体化政务服务平台"

    v.goto("/departments/")
    assert v.page.locator("main h2").all_inner_texts() == ["广安区"]
    assert "岳池县民政局" not in v.page.locator("main").inner_text()
    v.page.get_by_label("地区").select_option(label="岳池县")
    v.page.get_by_role("button", name="切换").click()
    v.page.wait_for_url("**/departments/?region=511621")
    assert v.page.locator("main h2").all_inner_texts() == ["岳池县"]
    assert v.page.locator("main td").first.inner_text() == "岳池县民政局"
    assert not v.has_horizontal_overflow()
    v.screenshot(f"home-region-departments-{viewport['width']}.png")

    v.goto("/guide/")
    options = v.page.locator("#f-department option").all_text_contents()
    assert options == ["全部部门", "广安区民政局（3）"]
    assert v.page.locator("#f-region option:checked").text_content() == "广安市广安区"
    assert not v.has_horizontal_overflow()
    assert v.external_requests() == []
