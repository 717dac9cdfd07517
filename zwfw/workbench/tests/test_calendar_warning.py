"""From 1 November, administrators and supervisors see that next year's calendar is missing."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from zwfw.calendar.services.calendar import calendar_seed_from_package
from zwfw.portal.tests.network import build_network, make_user

pytestmark = pytest.mark.django_db

MISSING = "2027 年工作日历尚未导入"


@pytest.fixture
def network():
    calendar_seed_from_package(actor=None)  # the package covers 2004–2026
    return build_network()


@pytest.mark.parametrize(("role", "day", "shown"), [
    ("system_admin", dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), True),
    ("supervisor", dt.datetime(2026, 11, 1, 1, tzinfo=dt.UTC), True),
    ("system_admin", dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC), False),
    ("window_clerk", dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), False),
])
def test_missing_next_year_is_shown_to_admins_from_november(client, network, role, day, shown):
    user = make_user(f"u_{role}", role, department=network.civil, region=network.county)
    client.force_login(user)
    with time_machine.travel(day, tick=False):
        html = client.get(reverse("workbench:home")).content.decode()
    assert (MISSING in html) is shown
