"""API tokens (issue 13, finding 11): listed and revoked by their owner and the security
administrator, expire when idle, and signing out revokes the token the request came with."""

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from zwfw.accounts.models import ApiToken
from zwfw.accounts.tokens import api_token_issue
from zwfw.core import clock
from zwfw.core.models import AuditEvent


def _bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def tokens(people):
    now = clock.now()
    mine, mine_key = api_token_issue(user=people["clerk_a"], name="脚本", now=now)
    theirs, theirs_key = api_token_issue(user=people["clerk_b"], name="报表", now=now)
    return {"mine": (mine, mine_key), "theirs": (theirs, theirs_key)}


def test_the_owner_lists_only_their_own_live_tokens(people, tokens):
    listing = _bearer(tokens["mine"][1]).get("/api/v1/tokens")
    assert listing.status_code == 200
    assert [t["id"] for t in listing.json()["results"]] == [tokens["mine"][0].pk]
    assert "key_digest" not in listing.json()["results"][0]


def test_the_owner_revokes_their_token_and_it_stops_working(people, tokens):
    token, key = tokens["mine"]
    client = _bearer(tokens["theirs"][1])
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke").status_code == 404  # not theirs: not found
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    other = APIClient()
    other.force_authenticate(people["clerk_a"])
    assert other.post(f"/api/v1/tokens/{token.pk}/revoke").status_code == 200
    assert _bearer(key).get("/api/v1/me").status_code == 401
    event = AuditEvent.objects.get(action="api_token.revoke")
    assert (event.actor_id, event.changes["reason"]) == (people["clerk_a"].pk, "revoke")


def test_the_security_admin_lists_and_revokes_anyones_token(people, tokens):
    admin = APIClient()
    admin.force_authenticate(people["secadmin"])
    listed = {t["id"] for t in admin.get("/api/v1/tokens").json()["results"]}
    assert listed == {tokens["mine"][0].pk, tokens["theirs"][0].pk}
    assert admin.post(f"/api/v1/tokens/{tokens['theirs'][0].pk}/revoke").status_code == 200
    assert _bearer(tokens["theirs"][1]).get("/api/v1/me").status_code == 401
    assert _bearer(tokens["mine"][1]).get("/api/v1/me").status_code == 200


@pytest.mark.parametrize("who", ["sysadmin", "auditor"])
def test_other_administrators_do_not_see_others_tokens(people, tokens, who):
    client = APIClient()
    client.force_authenticate(people[who])
    assert client.get("/api/v1/tokens").json()["results"] == []
    assert client.post(f"/api/v1/tokens/{tokens['mine'][0].pk}/revoke").status_code == 404


def test_an_idle_token_expires(people, settings, tokens):
    settings.ZWFW_API_TOKEN_IDLE_HOURS = 72
    key = tokens["mine"][1]
    with time_machine.travel(clock.now() + dt.timedelta(hours=71), tick=False):
        assert _bearer(key).get("/api/v1/me").status_code == 200  # used: the idle count restarts
    with time_machine.travel(clock.now() + dt.timedelta(hours=71 + 71), tick=False):
        assert _bearer(key).get("/api/v1/me").status_code == 200
    with time_machine.travel(clock.now() + dt.timedelta(hours=71 + 71 + 73), tick=False):
        assert _bearer(key).get("/api/v1/me").status_code == 401


def test_signing_out_revokes_the_token_of_the_request(people, tokens):
    key = tokens["mine"][1]
    response = _bearer(key).post("/api/v1/auth/sign-out")
    assert response.status_code == 204
    assert _bearer(key).get("/api/v1/me").status_code == 401
    assert _bearer(tokens["theirs"][1]).get("/api/v1/me").status_code == 200
    event = AuditEvent.objects.get(action="auth.sign_out")
    assert event.changes == {"reason": "user", "token": tokens["mine"][0].pk}


def test_signing_out_of_a_session_through_the_api_ends_the_session(people, client):
    client.force_login(people["clerk_a"])
    assert client.post("/api/v1/auth/sign-out").status_code == 204
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/me").status_code == 401
    assert AuditEvent.objects.get(action="auth.sign_out").changes == {"reason": "user"}


def test_a_token_request_stores_no_session(people, tokens):
    """A Bearer-token call signs no one in: the idle-timeout middleware must not create (and
    store) a session for it — it did, one row per API call, on the submission's hot path."""
    from django.contrib.sessions.models import Session

    client = _bearer(tokens["mine"][1])
    for _ in range(3):
        assert client.get("/api/v1/tokens").status_code == 200
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies
