"""Database triggers: a published item version and its child rows can no longer change.

The services refuse it first with a Chinese message (StateError); the triggers make sure no
other path (admin, shell, raw SQL by mistake) can rewrite what citizens were shown.
"""

from django.db import migrations

VERSION_TABLE = "catalog_itemversion"
# (table, column pointing at the version)
CHILD_TABLES = [
    ("catalog_material", "version_id"),
    ("catalog_processstep", "version_id"),
    ("catalog_specialprocedure", "version_id"),
    ("catalog_feeitem", "version_id"),
    ("catalog_itemversion_windows", "itemversion_id"),
    ("catalog_itemversion_themes", "itemversion_id"),
]
MESSAGE = "published catalog versions are immutable"


def _sqlite_up():
    sql = [
        f"""CREATE TRIGGER catalog_version_frozen_update BEFORE UPDATE ON {VERSION_TABLE}
            WHEN OLD.status = 'published' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER catalog_version_frozen_delete BEFORE DELETE ON {VERSION_TABLE}
            WHEN OLD.status = 'published' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    ]
    for table, column in CHILD_TABLES:
        for op, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            sql.append(
                f"""CREATE TRIGGER {table}_frozen_{op.lower()} BEFORE {op} ON {table}
                    WHEN (SELECT status FROM {VERSION_TABLE} WHERE id = {row}.{column}) = 'published'
                    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""  # noqa: S608 (constants only)
            )
    return sql


def _sqlite_down():
    sql = ["DROP TRIGGER IF EXISTS catalog_version_frozen_update", "DROP TRIGGER IF EXISTS catalog_version_frozen_delete"]
    for table, _column in CHILD_TABLES:
        sql += [f"DROP TRIGGER IF EXISTS {table}_frozen_{op}" for op in ("insert", "update", "delete")]
    return sql


def _postgres_up():
    sql = [
        f"""CREATE OR REPLACE FUNCTION catalog_version_frozen() RETURNS trigger AS $$
            BEGIN
              IF OLD.status = 'published' THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER catalog_version_frozen BEFORE UPDATE OR DELETE ON {VERSION_TABLE}
            FOR EACH ROW EXECUTE FUNCTION catalog_version_frozen()""",
        f"""CREATE OR REPLACE FUNCTION catalog_version_child_frozen() RETURNS trigger AS $$
            DECLARE vid bigint;
            BEGIN
              IF TG_OP = 'INSERT' THEN vid := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
              ELSE vid := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint; END IF;
              IF (SELECT status FROM {VERSION_TABLE} WHERE id = vid) = 'published' THEN
                RAISE EXCEPTION '{MESSAGE}';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END; $$ LANGUAGE plpgsql""",  # noqa: S608 (constants only)
    ]
    for table, column in CHILD_TABLES:
        sql.append(
            f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION catalog_version_child_frozen('{column}')"""
        )
    return sql


def _postgres_down():
    sql = [f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}" for table, _column in CHILD_TABLES]
    sql += [
        f"DROP TRIGGER IF EXISTS catalog_version_frozen ON {VERSION_TABLE}",
        "DROP FUNCTION IF EXISTS catalog_version_frozen()",
        "DROP FUNCTION IF EXISTS catalog_version_child_frozen()",
    ]
    return sql


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_items_versions_review")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": _sqlite_up(), "postgresql": _postgres_up()}),
            _run({"sqlite": _sqlite_down(), "postgresql": _postgres_down()}),
        )
    ]
