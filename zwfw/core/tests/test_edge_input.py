"""Control characters at the edge (issue 13, finding 6): a NUL byte in a query parameter, a form
field or a JSON body answered 500 on PostgreSQL. One middleware handles every request: page
queries lose their control characters (a filter or a search just ignores them), form posts and
API bodies are refused with a Chinese message and a stable code, and nothing is changed."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from zwfw.accounts.models import AccountKind, LoginThrottle, Role, RoleGrant, User
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db

MESSAGE = "提交的内容含有控制字符，请删除后重试"


@pytest.fixture
def editor():
    from zwfw.core import clock
    from zwfw.organizations.models import Department, Region, RegionLevel

    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY)
    dept = Department.objects.create(region=county, code="xzsp", name="广安区行政审批局")
    user = User.objects.create_user(username="editor", password="x", kind=AccountKind.STAFF, department=dept)
    RoleGrant.objects.create(user=user, role=Role.CATALOG_EDITOR, granted_at=clock.now())
    return user


@pytest.mark.parametrize("param", ["q", "theme", "event", "audience", "page"])
def test_guide_filters_ignore_a_nul_byte(param):
    response = Client().get(f"/guide/?{param}=%E6%88%B7%00%01")
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_workbench_filters_ignore_a_nul_byte(editor):
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("workbench:catalog_items") + "?q=%00abc&status=%00draft")
    assert response.status_code == 200


def test_a_form_post_with_a_nul_byte_is_refused_and_changes_nothing():
    response = Client().post(reverse("accounts:login"), {"username": "clerk\x00a", "password": "x"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not LoginThrottle.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize("body", [
    {"username": "a\x00b", "password": "x"},
    {"username": "ab", "password": "x\x1b"},
    {"username": "ab", "password": "x", "extra": [{"nested\x00key": 1}]},
])
def test_an_api_body_with_a_control_character_is_refused(body):
    response = Client().post("/api/v1/auth/token", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "control_characters"
    assert response.json()["message"] == MESSAGE
    assert not LoginThrottle.objects.exists()


def test_an_api_query_with_a_control_character_is_refused():
    response = Client().get("/api/v1/catalog/search?q=%E6%88%B7%00")
    assert response.status_code == 400
    assert response.json()["code"] == "control_characters"
    assert response.json()["fields"] == {"q": [MESSAGE]}


def test_ordinary_white_space_passes():
    response = Client().post("/api/v1/auth/token", json.dumps({"username": "a\tb", "password": "x\r\ny"}),
                             content_type="application/json")
    assert response.status_code == 401  # judged (and refused) as a sign-in, not as bad input
