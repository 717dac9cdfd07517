"""audit_record writes its event with one raw INSERT (no model save, no ORM compiler) and keeps
every guarantee of the ORM path: numbered at write, in the caller's transaction, personal data
masked in the change set, the same stored values, sealed later into an intact chain (ADR 0019)."""

import datetime as dt
import decimal

import pytest
from django.db import connection, transaction
from django.db.models.sql.compiler import SQLInsertCompiler
from django.test.utils import CaptureQueriesContext

from zwfw.core.audit import audit_record, audit_seal, audit_verify
from zwfw.core.fields import Sealed
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_record_is_one_insert_without_the_orm_compiler(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the ORM insert compiler was used")

    monkeypatch.setattr(SQLInsertCompiler, "execute_sql", refused)
    monkeypatch.setattr(AuditEvent, "save", refused)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        event = audit_record(actor=None, action="test.raw", object_type="t", object_id="1")
    inserts = [q["sql"] for q in queries.captured_queries if "core_auditevent" in q["sql"]]
    assert len(inserts) == 1 and inserts[0].lstrip().upper().startswith("INSERT")
    assert AuditEvent.objects.get(seq=event.seq).action == "test.raw"


def test_record_stores_what_the_orm_stored_and_masks_personal_data(django_user_model):
    user = django_user_model.objects.create(username="clerk1", full_name="张三")
    occurred = dt.datetime(2026, 11, 2, 8, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    phone = Sealed.of("13812345678", kind="phone")
    with transaction.atomic():
        event = audit_record(
            actor=user,
            action="test.fields",
            role="window_clerk",
            ip="10.0.0.7",
            now=occurred,
            object_type="t.thing",
            object_id="42",
            object_repr="x" * 250,
            changes={"phone": phone, "amount": decimal.Decimal("1.50"), "on": dt.date(2026, 11, 2), "list": (1, "二")},
        )
    stored = AuditEvent.objects.get(seq=event.seq)
    assert stored.occurred_at == occurred
    assert (stored.actor_id, stored.actor_name, stored.actor_role) == (user.pk, "clerk1", "window_clerk")
    assert (stored.object_type, stored.object_id, stored.object_repr) == ("t.thing", "42", "x" * 200)
    assert stored.ip_address == "10.0.0.7"
    assert stored.changes == {"phone": str(phone), "amount": "1.50", "on": "2026-11-02", "list": [1, "二"]}
    assert "13812345678" not in str(stored.changes)
    assert (stored.chain_seq, stored.prev_hash, stored.hash) == (None, "", "")
    # The returned event is the stored one, usable as before.
    assert event.seq == stored.seq and event.changes == stored.changes and event.occurred_at == occurred
    assert event.pk == stored.pk and event._state.adding is False
    assert audit_seal() == 1
    assert audit_verify() == []


def test_target_fills_the_object_columns(django_user_model):
    user = django_user_model.objects.create(username="u2", full_name="李四")
    with transaction.atomic():
        event = audit_record(actor=None, action="test.target", target=user)
    stored = AuditEvent.objects.get(seq=event.seq)
    assert (stored.object_type, stored.object_id, stored.object_repr) == ("accounts.user", str(user.pk), "李四")
    assert stored.actor_id is None and stored.actor_name == ""


def test_numbers_increase_in_write_order():
    with transaction.atomic():
        seqs = [audit_record(actor=None, action="test.order").seq for _ in range(3)]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == seqs


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's")
def test_on_postgresql_the_insert_is_a_server_prepared_statement():
    # psycopg prepares a statement on the server after it ran `prepare_threshold` (5) times on a
    # connection; the audit INSERT uses server-side binding, so the server parses and plans it
    # once per connection instead of once per event.
    with transaction.atomic():
        for _ in range(8):
            audit_record(actor=None, action="test.prepared")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                           ['INSERT INTO "core_auditevent"%'])
            assert cursor.fetchone()[0] == 1
    assert AuditEvent.objects.filter(action="test.prepared").count() == 8


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's")
def test_a_rolled_back_caller_leaves_the_prepared_insert_usable():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="test.rolled_back")
        raise RuntimeError("caller failed")
    with transaction.atomic():
        seqs = [audit_record(actor=None, action="test.after").seq for _ in range(2)]
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.after", "test.after"]
    assert AuditEvent.objects.get(seq=seqs[0]).action == "test.after"
