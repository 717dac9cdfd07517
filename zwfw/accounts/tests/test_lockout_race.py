"""Forty simultaneous token requests for one account (issue 13, finding 1): 39 wrong passwords and
the right one 17th. Checking the lock and counting the attempt are one step in the database, so
no more than the allowed number of attempts is ever judged, and the right password that arrives
after the threshold is refused like the others."""

import threading

import pytest
from django.db import connection
from django.test import Client

from zwfw.accounts.models import AccountKind, User
from zwfw.core.models import AuditEvent

from .conftest import PASSWORD

REQUESTS = 40
RIGHT_AT = 16  # the 17th request carries the right password
MAX_FAILURES = 5


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_token_requests_never_pass_the_threshold(settings):
    settings.ZWFW_LOGIN_MAX_FAILURES = MAX_FAILURES
    settings.ZWFW_LOGIN_ADDRESS_MAX_FAILURES = 1000  # this test is about the account's count
    User.objects.create_user(username="clerk_race", password=PASSWORD, kind=AccountKind.STAFF)
    start = threading.Barrier(REQUESTS)
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            client = Client()
            password = PASSWORD if index == RIGHT_AT else f"wrong-{index}"
            start.wait()
            response = client.post("/api/v1/auth/token", {"username": "clerk_race", "password": password},
                                   content_type="application/json")
            with lock:
                statuses[index] = response.status_code
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(statuses) == REQUESTS
    assert set(statuses.values()) <= {201, 401}
    reasons = list(AuditEvent.objects.filter(action__startswith="auth.sign_in").order_by("seq")
                   .values_list("action", "changes__reason"))
    judged = [r for r in reasons if r[1] != "locked"]
    assert len(reasons) == REQUESTS
    success = ("auth.sign_in_succeeded", None)
    if statuses[RIGHT_AT] != 201:
        # At most MAX_FAILURES attempts were judged on their password; every other one met the lock.
        assert len(judged) <= MAX_FAILURES, reasons
    else:
        # The right password only gets through while it is one of the allowed attempts. A success
        # starts the count afresh (attempts already counted and still in flight are not counted
        # twice), so at most MAX_FAILURES more are judged after it.
        assert judged.index(success) < MAX_FAILURES, reasons
        assert len(judged) <= 2 * MAX_FAILURES, reasons
