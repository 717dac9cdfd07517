"""Refuse DELETE of the audit chain head: without it the chain would silently restart at 1."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER core_auditchainhead_no_delete BEFORE DELETE ON core_auditchainhead
       BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS core_auditchainhead_no_delete"]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION core_auditchainhead_refuse_delete() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit chain head cannot be deleted'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditchainhead_no_delete BEFORE DELETE ON core_auditchainhead
       FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_refuse_delete()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete ON core_auditchainhead",
    "DROP FUNCTION IF EXISTS core_auditchainhead_refuse_delete()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only_triggers")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
