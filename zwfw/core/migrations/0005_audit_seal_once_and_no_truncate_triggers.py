"""Append-only triggers for the sealed audit chain (ADR 0019).

- UPDATE is refused except the sealer's one write: an unsealed row (chain_seq NULL) may receive
  chain_seq, prev_hash and hash, with every other column unchanged.
- DELETE is refused, and on PostgreSQL so is TRUNCATE (a statement trigger: TRUNCATE fires no row
  trigger, so `zwfw flush` would otherwise empty the trail silently).
- The test harness must empty tables between transactional tests. It asks for that explicitly
  (conftest.py): on PostgreSQL with the session setting zwfw.audit_flush = 'allow', honoured only
  in databases whose name starts with "test_"; on SQLite through the connection function
  zwfw_audit_flush_allowed(), which the app registers as 0 on every connection and only the
  test harness replaces, for the duration of a flush.
"""

from django.db import migrations

CONTENT_COLUMNS = [
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "ip_address",
]
_UNCHANGED = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in CONTENT_COLUMNS)

SQLITE_UP = [
    f"""CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       WHEN NOT (OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND {_UNCHANGED})
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       WHEN NOT zwfw_audit_flush_allowed()
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER core_auditchainhead_no_delete BEFORE DELETE ON core_auditchainhead
       WHEN NOT zwfw_audit_flush_allowed()
       BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete",
]
_SEAL_COLUMNS = "ARRAY['chain_seq', 'prev_hash', 'hash']"
POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION core_auditevent_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
            AND (to_jsonb(NEW) - {_SEAL_COLUMNS}) = (to_jsonb(OLD) - {_SEAL_COLUMNS}) THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_guard()""",
    """CREATE OR REPLACE FUNCTION core_auditchainhead_refuse_delete() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit chain head cannot be deleted'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditchainhead_no_delete BEFORE DELETE ON core_auditchainhead
       FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_refuse_delete()""",
    """CREATE OR REPLACE FUNCTION core_audit_refuse_truncate() RETURNS trigger AS $$
       BEGIN
         IF left(current_database(), 5) = 'test_' AND current_setting('zwfw.audit_flush', true) = 'allow' THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'the audit trail cannot be truncated';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate()""",
    """CREATE TRIGGER core_auditchainhead_no_truncate BEFORE TRUNCATE ON core_auditchainhead
       FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
    "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent",
    "DROP TRIGGER IF EXISTS core_auditchainhead_no_truncate ON core_auditchainhead",
    "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete ON core_auditchainhead",
    "DROP FUNCTION IF EXISTS core_auditchainhead_refuse_delete()",
    "DROP FUNCTION IF EXISTS core_auditevent_guard()",
    "DROP FUNCTION IF EXISTS core_audit_refuse_truncate()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_events_numbered_at_write")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
