"""Issue 12 point 1: a deployment has a home region; the portal's title names it, its lists,
filters, exports and statistics show it by default, and `?region=` switches explicitly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from zwfw.organizations.home import home_region, served_regions
from zwfw.organizations.models import Department, Region, RegionLevel

from .guides import build_guides
from .network import build_network

pytestmark = pytest.mark.django_db


def _with_city(network) -> None:
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY)
    Region.objects.filter(pk=network.county.pk).update(parent=city)


def test_setting_names_the_home_region(settings):
    network = build_network()
    settings.ZWFW_HOME_REGION = "511621"
    assert home_region() == network.other_county
    assert [r.code for r in served_regions()] == ["511621000000", "511602000000"]


def test_empty_setting_falls_back_to_the_only_county_with_a_catalog(settings):
    settings.ZWFW_HOME_REGION = ""
    network = build_network()
    assert home_region() is None  # no catalog yet: no home region, every region is shown
    build_guides(network)
    assert home_region() == network.county


def test_unknown_setting_is_a_configuration_error(settings):
    build_network()
    settings.ZWFW_HOME_REGION = "999999"
    with pytest.raises(ImproperlyConfigured):
        home_region()


def test_home_page_title_names_the_county(settings):
    network = build_network()
    _with_city(network)
    settings.ZWFW_HOME_REGION = "511602"
    body = Client().get("/").content.decode()
    assert "<title>首页 · 广安市广安区一体化政务服务平台</title>" in body
    assert '<h1 id="hero-title">广安市广安区一体化政务服务平台</h1>' in body


def test_departments_and_network_show_the_home_region_unless_switched(settings):
    build_network()
    settings.ZWFW_HOME_REGION = "511602"
    client = Client()
    departments = client.get("/departments/").content.decode()
    assert "广安区民政局" in departments and "岳池县民政局" not in departments
    assert '<option value="511621">岳池县</option>' in departments
    switched = client.get("/departments/?region=511621").content.decode()
    assert "岳池县民政局" in switched and "广安区民政局" not in switched
    everything = client.get("/departments/?region=all").content.decode()
    assert "岳池县民政局" in everything and "广安区民政局" in everything
    network = client.get("/network/").content.decode()
    assert "广安区政务服务中心" in network and "岳池县政务服务中心" not in network
    assert "岳池县政务服务中心" in client.get("/network/?region=511621").content.decode()
    # A region the deployment does not serve is not a switch: the home region stays.
    assert "岳池县民政局" not in client.get("/departments/?region=110101").content.decode()


def test_guide_filters_list_the_home_regions_departments(settings):
    network = build_network()
    guides = build_guides(network)
    settings.ZWFW_HOME_REGION = "511621"  # a home region without items: its list is empty
    client = Client()
    body = client.get("/guide/").content.decode()
    assert "共 0 项" in body
    assert f'<option value="{network.civil.pk}"' not in body
    switched = client.get("/guide/?region=511602").content.decode()
    assert "共 3 项" in switched and f'<option value="{network.civil.pk}">广安区民政局（3）</option>' in switched
    # A department link opens in the department's region.
    assert "共 3 项" in client.get(f"/guide/?department={network.civil.pk}").content.decode()
    assert f"/guide/{guides.household.pk}/" in client.get("/guide/?q=户籍&region=511602").content.decode()
    assert f"/guide/{guides.household.pk}/" not in client.get("/guide/?q=户籍").content.decode()


def test_public_statistics_and_exports_default_to_the_home_region(settings):
    network = build_network()
    build_guides(network)
    settings.ZWFW_HOME_REGION = "511621"
    client = Client()
    assert client.get("/api/v1/catalog/stats").json()["total"] == 0
    assert client.get("/api/v1/catalog/stats?region=all").json()["total"] == 3
    assert client.get("/api/v1/catalog/stats?region=511602").json()["total"] == 3
    assert client.get("/api/v1/catalog/export.json").json()["count"] == 0
    assert client.get("/api/v1/catalog/export.json?region=all").json()["count"] == 3


def test_no_region_switch_when_the_deployment_serves_one_region(settings):
    network = build_network()
    Department.objects.filter(region=network.other_county).update(is_active=False)
    settings.ZWFW_HOME_REGION = "511602"
    assert 'id="region-switch"' not in Client().get("/departments/").content.decode()
