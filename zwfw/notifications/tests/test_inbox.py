import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from zwfw.jobs.testing import outbox_drain
from zwfw.notifications.models import InboxMessage
from zwfw.notifications.services import notify

from .conftest import NOW

pytestmark = pytest.mark.django_db

CTX = {"label": "工作日历变更后重算时限（全国）", "total": 3, "changed": 1, "link": ""}


def _deliver(user, n=1):
    for _ in range(n):
        notify(recipient=user, template="calendar.recompute_finished", context=CTX, now=NOW)
    outbox_drain(now=NOW)
    return list(InboxMessage.objects.filter(recipient=user).order_by("pk"))


def test_inbox_page_lists_own_messages_and_header_shows_unread_count(client, citizen, staff):
    _deliver(citizen, 2)
    _deliver(staff)
    client.force_login(citizen)
    page = client.get("/inbox/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("时限重算完成") == 2
    assert 'data-unread="2"' in html


def test_header_count_is_one_query(client, citizen):
    _deliver(citizen)
    client.force_login(citizen)
    client.get("/")  # warm up session and caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    inbox_queries = [q["sql"] for q in queries.captured_queries if "notifications_inboxmessage" in q["sql"]]
    assert len(inbox_queries) == 1 and 'data-unread="1"' in html


def test_mark_read_and_mark_all(client, citizen):
    first, second = _deliver(citizen, 2)
    client.force_login(citizen)
    assert client.post(f"/inbox/{first.pk}/read/").status_code == 302
    assert list(InboxMessage.objects.order_by("pk").values_list("read_at", flat=True))[1] is None
    first.refresh_from_db()
    assert first.read_at is not None
    assert 'data-unread="1"' in client.get("/inbox/").content.decode()
    client.post("/inbox/read-all/")
    assert InboxMessage.objects.filter(read_at__isnull=True).count() == 0
    assert "data-unread" not in client.get("/inbox/").content.decode()


def test_someone_elses_message_is_not_found_and_stays_unread(client, citizen, staff):
    (theirs,) = _deliver(staff)
    client.force_login(citizen)
    assert client.post(f"/inbox/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/inbox/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_inbox_api(citizen, staff):
    mine = _deliver(citizen, 2)
    (theirs,) = _deliver(staff)
    api = APIClient()
    api.force_authenticate(citizen)
    body = api.get("/api/v1/inbox").json()
    assert [row["id"] for row in body["results"]] == [mine[1].pk, mine[0].pk]
    assert api.get("/api/v1/inbox/unread-count").json() == {"unread": 2}
    res = api.post(f"/api/v1/inbox/{mine[0].pk}/read")
    assert res.status_code == 200 and res.json()["read_at"] is not None
    assert [r["id"] for r in api.get("/api/v1/inbox", {"unread": "1"}).json()["results"]] == [mine[1].pk]
    assert api.post(f"/api/v1/inbox/{theirs.pk}/read").status_code == 404
    assert api.post("/api/v1/inbox/read-all").json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert APIClient().get("/api/v1/inbox").status_code in (401, 403)
