"""Concurrent ratings of one case: on one channel exactly one is saved (with one work order), the
others are told rating_exists; on different channels each gets its own 评价次数. Runs on SQLite
and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zwfw.core.errors import Conflict
from zwfw.ratings.models import Rating, WorkOrder
from zwfw.ratings.services import rating_create_at_tablet, rating_create_by_applicant, rating_create_by_link
from zwfw.ratings.tokens import case_token, window_token

from .conftest import at, concluded_case

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 4


def _race(calls) -> list:
    barrier = threading.Barrier(len(calls))
    outcomes: list = []
    lock = threading.Lock()

    def worker(call) -> None:
        try:
            barrier.wait()
            result = call().sequence
        except Conflict as exc:
            result = exc.code
        except Exception as exc:  # noqa: BLE001 — reported in the assertion below
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.fixture
def clean(catalog_flushable):
    yield
    from zwfw.calendar.models import TimeLimitClock
    from zwfw.cases.models import Case
    from zwfw.cases.tests.conftest import cases_unsealed

    cases_unsealed()
    WorkOrder.objects.all().delete()
    Rating.objects.all().delete()
    TimeLimitClock.objects.all().delete()
    Case.objects.all().delete()


def test_one_channel_one_rating_under_concurrency(clean, citizen, immediate_item, clerk, window, approval_dept):
    case = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    token = case_token(case.pk, "sms")
    outcomes = _race([lambda: rating_create_by_link(token=token, level=5, now=at(4))] * WORKERS)
    assert sorted(map(str, outcomes)) == ["1"] + ["rating_exists"] * (WORKERS - 1), outcomes
    assert Rating.objects.count() == 1 and WorkOrder.objects.count() == 1


def test_different_channels_count_without_gaps(clean, citizen, immediate_item, clerk, window, approval_dept):
    case = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    calls = [
        lambda: rating_create_by_applicant(actor=citizen, case_id=case.pk, level=2, now=at(4)),
        lambda: rating_create_by_link(token=case_token(case.pk, "sms"), level=2, now=at(4)),
        lambda: rating_create_by_link(token=case_token(case.pk, "qr"), level=2, now=at(4)),
        lambda: rating_create_at_tablet(window_token=window_token(window.pk), case_token=case_token(case.pk, "qr"),
                                        level=2, now=at(4)),
    ]
    outcomes = _race(calls)
    assert sorted(outcomes) == [1, 2, 3, 4], outcomes
