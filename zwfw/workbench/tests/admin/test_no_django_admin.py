"""/django-admin/ is gone (ADR 0028): the workbench covers accounts, calendar and catalog files, and
Django's superuser flag grants nothing a role does not."""

import datetime as dt

import pytest
from django.urls import reverse

from zwfw.accounts.models import User
from zwfw.calendar.models import DayKind
from zwfw.calendar.services import calendar_day_set
from zwfw.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/", "/django-admin/calendar/calendarday/"])
def test_the_admin_site_is_not_served(client, people, path):
    client.force_login(people["sysadmin"])
    response = client.get(path)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_system_administrator_lands_on_pages_that_work(client, people):
    client.force_login(people["sysadmin"])
    for name in ("workbench:home", "workbench:calendar", "workbench:accounts", "workbench:catalog_exchange"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_a_superuser_without_a_role_may_not_keep_the_calendar(client, db):
    root = User.objects.create_superuser(username="root", password="x-Password-123")
    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=root, date=dt.date(2026, 3, 7), kind=DayKind.MAKEUP_WORKDAY, name="测试")
    client.force_login(root)
    assert client.get(reverse("workbench:calendar")).status_code == 403
