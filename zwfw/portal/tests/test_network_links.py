"""Issue 12 point 8 (part): office phones on the network and department pages are `tel:` links,
personal mobiles stay masked text, and a center with a stored coordinate has a `geo:` map link."""

import pytest
from django.test import Client

from zwfw.organizations.models import ServiceCenter

from .network import POINT_PHONE, build_network

pytestmark = pytest.mark.django_db


def test_office_phones_are_tel_links_and_mobiles_stay_masked(settings):
    settings.ZWFW_HOME_REGION = "511602"
    build_network()
    network = Client().get("/network/").content.decode()
    assert '<a href="tel:08262000000">0826-2000000</a>' in network
    assert POINT_PHONE not in network and f"tel:{POINT_PHONE}" not in network
    departments = Client().get("/departments/").content.decode()
    assert '<a href="tel:08262000201">0826-2000201</a>' in departments


def test_center_with_a_coordinate_has_a_geo_link(settings):
    settings.ZWFW_HOME_REGION = "511602"
    net = build_network()
    ServiceCenter.objects.filter(pk=net.hall.pk).update(latitude="30.456789", longitude="106.633210")
    body = Client().get("/network/").content.decode()
    assert '<a class="map-link" href="geo:30.456789,106.633210?q=30.456789,106.633210">在地图中打开</a>' in body
    assert body.count('class="map-link"') == 1
    assert "<script" not in body.split("<main", 1)[1]


def test_point_with_a_coordinate_has_a_geo_link(settings):
    from zwfw.organizations.services.places import service_point_locate

    from .network import make_user

    settings.ZWFW_HOME_REGION = "511602"
    net = build_network()
    admin = make_user("org_admin", "system_admin")
    service_point_locate(actor=admin, point=net.point, latitude="30.5", longitude="106.7")
    body = Client().get("/network/").content.decode()
    assert '<a class="map-link" href="geo:30.500000,106.700000?q=30.500000,106.700000">在地图中打开</a>' in body
