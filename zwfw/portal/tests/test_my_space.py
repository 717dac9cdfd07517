"""Issue 12 point 7: the personal space answers only to citizens and enterprises."""

import pytest
from django.test import Client

from .network import build_network, make_user

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_the_citizen_sign_in_and_staff_to_the_workbench():
    response = Client().get("/my/")
    assert response.status_code == 302 and response["Location"] == "/accounts/citizen/login/?next=/my/"
    build_network()
    staff = Client()
    staff.force_login(make_user("clerk_x", "window_clerk"))
    assert staff.get("/my/")["Location"] == "/workbench/"


def test_header_sign_in_link_is_the_citizen_sign_in():
    body = Client().get("/").content.decode()
    assert '<a href="/accounts/citizen/login/">登录</a>' in body
    assert '<a href="/accounts/login/">工作人员入口</a>' in body
