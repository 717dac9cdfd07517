"""Sign-in pages: CSRF, Chinese errors, redirects, POST-only sign-out, idle timeout."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from zwfw.accounts.errors import SIGN_IN_FAILED_MESSAGE
from zwfw.accounts.services import citizen_account_create
from zwfw.core.models import AuditEvent

from .conftest import NOW, PASSWORD, VALID_ID


def test_login_page_renders_form_with_csrf(people):
    client = Client(enforce_csrf_checks=True)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "csrfmiddlewaretoken" in body and "工作人员登录" in body
    refused = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
    assert refused.status_code == 403


def test_staff_login_redirects_to_workbench(people, client):
    response = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    assert int(client.session["_auth_user_id"]) == people["clerk_a"].pk


def test_wrong_and_unknown_get_identical_pages(people, client):
    wrong = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": "nope"})
    unknown = client.post(reverse("accounts:login"), {"username": "ghost_user", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 200
    assert SIGN_IN_FAILED_MESSAGE in wrong.content.decode()
    errors = [re.search(r'<div class="form-errors".*?</div>', r.content.decode(), re.S).group(0) for r in (wrong, unknown)]
    assert errors[0] == errors[1]
    assert "_auth_user_id" not in client.session


def test_empty_form_shows_chinese_required_errors(db, client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert "该字段是必填项。" in response.content.decode()


def test_unsafe_next_is_ignored(people, client):
    response = client.post(reverse("accounts:login") + "?next=https://evil.example/",
                           {"username": "clerk_a", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("workbench:home")


def test_citizen_login_redirects_to_portal(db, client):
    citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, now=NOW)
    response = client.post(reverse("accounts:citizen_login"), {"id_number": VALID_ID, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my_space")  # the personal space (issue 12 point 7)


def test_logout_is_post_only_and_audited(people, client):
    client.force_login(people["clerk_a"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="auth.sign_out").changes == {"reason": "user"}


@pytest.mark.parametrize(("idle_minutes", "signed_out"), [(29, False), (31, True)])
def test_idle_timeout_signs_out_and_audits(people, client, settings, idle_minutes, signed_out):
    settings.ZWFW_IDLE_TIMEOUT_MINUTES = 30
    with time_machine.travel(NOW, tick=False) as traveller:  # sessions carry expiry dates: stay in NOW
        client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
        client.get(reverse("portal:home"))
        traveller.shift(dt.timedelta(minutes=idle_minutes))
        client.get(reverse("portal:home"))
        assert ("_auth_user_id" not in client.session) is signed_out
        page = client.get(reverse("accounts:login"))
    assert AuditEvent.objects.filter(action="auth.sign_out", changes__reason="idle_timeout").exists() is signed_out
    assert ("由于长时间未操作，您已自动退出，请重新登录。" in page.content.decode()) is signed_out


def test_idle_timeout_counts_from_the_sign_in_itself(people, client, settings):
    """A session that makes no request after signing in still times out."""
    settings.ZWFW_IDLE_TIMEOUT_MINUTES = 30
    with time_machine.travel(NOW, tick=False) as traveller:
        client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
        traveller.shift(dt.timedelta(minutes=31))
        client.get(reverse("portal:home"))
        assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.sign_out", changes__reason="idle_timeout").count() == 1


def test_a_browser_that_signed_in_keeps_signing_in_while_the_name_is_locked(people, client, settings):
    """Issue 13 finding 2: a known device is not locked out by someone who only knows the name."""
    settings.ZWFW_LOGIN_MAX_FAILURES = 3
    signed_in = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
    cookie = signed_in.cookies["zwfw_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    client.post(reverse("accounts:logout"))
    stranger = Client()
    for _ in range(4):
        stranger.post(reverse("accounts:login"), {"username": "clerk_a", "password": "guess"})
    refused = stranger.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
    assert SIGN_IN_FAILED_MESSAGE in refused.content.decode()
    again = client.post(reverse("accounts:login"), {"username": "clerk_a", "password": PASSWORD})
    assert again.status_code == 302 and int(client.session["_auth_user_id"]) == people["clerk_a"].pk
