"""unit_of_work(): no savepoints inside, one rollback for everything."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zwfw.core.models import IdempotencyRecord
from zwfw.core.transactions import atomic, unit_of_work

pytestmark = pytest.mark.django_db


def _record(key: str) -> None:
    IdempotencyRecord.objects.create(user_id_value=1, key=key, fingerprint="f", created_at=timezone.now())


def test_inside_a_unit_of_work_atomic_opens_no_savepoint():
    with unit_of_work(), CaptureQueriesContext(connection) as queries, atomic():
        _record("inside-0001")
    assert not [q for q in queries.captured_queries if "SAVEPOINT" in q["sql"]]
    with atomic(), CaptureQueriesContext(connection) as queries, atomic():  # alone: an ordinary savepoint
        _record("outside-0001")
    assert [q for q in queries.captured_queries if "SAVEPOINT" in q["sql"]]


def test_an_error_in_a_unit_of_work_rolls_all_of_it_back():
    with pytest.raises(ZeroDivisionError), unit_of_work():
        _record("first-0001")
        with atomic():
            _record("second-0001")
            1 / 0  # noqa: B018
    assert not IdempotencyRecord.objects.exists()
    with atomic():  # the flag does not outlive the unit of work
        _record("after-0001")
    assert IdempotencyRecord.objects.count() == 1
