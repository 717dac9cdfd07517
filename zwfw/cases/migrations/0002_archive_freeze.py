"""Archive freeze (ADR 0033): a sealed case (`archived_at` set) and its child rows can no longer
change — the database refuses UPDATE and DELETE of the case, and INSERT, UPDATE and DELETE of
its child rows, on SQLite and PostgreSQL. The services refuse first with a Chinese message
(`case_frozen`); the triggers make sure no other path can rewrite a concluded file.

Also: the export batches of the upward feed (`zwfw cases export`) and the index it reads.

For later migrations (import this module with importlib, as catalog 0008 does with 0002):
- a new child table joins the freeze with one line:
  `FREEZE.freeze_operation([("cases_casestep", "case_id", None)])`
  (the third element names a parent table for grandchildren: `("material_id", ("cases_casematerial", "case_id"))`);
- SQLite rebuilds a table to add a column and loses its triggers: wrap an AddField on a frozen
  table as `FREEZE.lifted_operation(down=True)` … AddField … `FREEZE.lifted_operation(down=False)`,
  or simply end the migration with `FREEZE.reinstall_operation()`.
`zwfw/cases/freeze.py` lists the frozen tables for the code; a test checks every one of them has
its triggers in the migrated database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CASE_TABLE = "cases_case"
# (table, column, via): `column` names the case, or with `via = (table, column)` the parent row
# that names it (a material's files name the material, which names the case).
FROZEN_CHILDREN = [
    ("cases_casematerial", "case_id", None),
    ("cases_casematerialfile", "material_id", ("cases_casematerial", "case_id")),
    ("cases_caseevent", "case_id", None),
    ("cases_casesupplement", "case_id", None),
]
# The marker the services' error mapping looks for (zwfw.cases.freeze.FROZEN_MARKER).
MESSAGE = "case_frozen: an archived case and its rows are immutable"
# Test databases are emptied row by row on SQLite; the harness answers 1 here only during a flush
# (zwfw.core.testing, migration core 0005). PostgreSQL's flush truncates, which row triggers miss.
FLUSH = "zwfw_audit_flush_allowed()"


def _sqlite_case_ref(row, column, via):
    if via is None:
        return f"{row}.{column}"
    return f"(SELECT {via[1]} FROM {via[0]} WHERE id = {row}.{column})"  # noqa: S608 (constants only)


def _sqlite_frozen(row, column, via):
    ref = _sqlite_case_ref(row, column, via)
    return f"(SELECT archived_at FROM {CASE_TABLE} WHERE id = {ref}) IS NOT NULL"  # noqa: S608


def _sqlite_raise():
    return f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"


def sqlite_up(children, *, case_table):
    sql = []
    if case_table:
        sql += [
            f"""CREATE TRIGGER IF NOT EXISTS {CASE_TABLE}_frozen_update BEFORE UPDATE ON {CASE_TABLE}
                WHEN OLD.archived_at IS NOT NULL {_sqlite_raise()}""",
            f"""CREATE TRIGGER IF NOT EXISTS {CASE_TABLE}_frozen_delete BEFORE DELETE ON {CASE_TABLE}
                WHEN OLD.archived_at IS NOT NULL AND NOT {FLUSH} {_sqlite_raise()}""",
        ]
    for table, column, via in children:
        sql += [
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_insert BEFORE INSERT ON {table}
                WHEN {_sqlite_frozen("NEW", column, via)} {_sqlite_raise()}""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_update BEFORE UPDATE ON {table}
                WHEN {_sqlite_frozen("OLD", column, via)} OR {_sqlite_frozen("NEW", column, via)} {_sqlite_raise()}""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_delete BEFORE DELETE ON {table}
                WHEN {_sqlite_frozen("OLD", column, via)} AND NOT {FLUSH} {_sqlite_raise()}""",
        ]
    return sql


def sqlite_down(children, *, case_table):
    names = [f"{CASE_TABLE}_frozen_update", f"{CASE_TABLE}_frozen_delete"] if case_table else []
    for table, _column, _via in children:
        names += [f"{table}_frozen_{op}" for op in ("insert", "update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


POSTGRES_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION cases_case_frozen() RETURNS trigger AS $$
        BEGIN
          IF OLD.archived_at IS NOT NULL THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
    # TG_ARGV: the column naming the case, or (column, parent table, parent's column naming the case).
    f"""CREATE OR REPLACE FUNCTION cases_child_frozen() RETURNS trigger AS $$
        DECLARE rows jsonb[]; r jsonb; ref text; cid bigint;
        BEGIN
          IF TG_OP = 'INSERT' THEN rows := ARRAY[to_jsonb(NEW)];
          ELSIF TG_OP = 'DELETE' THEN rows := ARRAY[to_jsonb(OLD)];
          ELSE rows := ARRAY[to_jsonb(OLD), to_jsonb(NEW)]; END IF;
          FOREACH r IN ARRAY rows LOOP
            ref := r ->> TG_ARGV[0];
            CONTINUE WHEN ref IS NULL;
            IF TG_NARGS > 1 THEN
              EXECUTE 'SELECT ' || quote_ident(TG_ARGV[2]) || ' FROM ' || quote_ident(TG_ARGV[1]) || ' WHERE id = $1'
                INTO cid USING ref::bigint;
            ELSE
              cid := ref::bigint;
            END IF;
            IF EXISTS (SELECT 1 FROM {CASE_TABLE} WHERE id = cid AND archived_at IS NOT NULL) THEN
              RAISE EXCEPTION '{MESSAGE}';
            END IF;
          END LOOP;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",  # noqa: S608 (constants only)
]


def postgres_up(children, *, case_table):
    sql = list(POSTGRES_FUNCTIONS)
    if case_table:
        sql += [f"DROP TRIGGER IF EXISTS {CASE_TABLE}_frozen ON {CASE_TABLE}",
                f"""CREATE TRIGGER {CASE_TABLE}_frozen BEFORE UPDATE OR DELETE ON {CASE_TABLE}
                    FOR EACH ROW EXECUTE FUNCTION cases_case_frozen()"""]
    for table, column, via in children:
        args = f"'{column}'" if via is None else f"'{column}', '{via[0]}', '{via[1]}'"
        sql += [f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}",
                f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION cases_child_frozen({args})"""]
    return sql


def postgres_down(children, *, case_table):
    sql = [f"DROP TRIGGER IF EXISTS {CASE_TABLE}_frozen ON {CASE_TABLE}"] if case_table else []
    return sql + [f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}" for table, _c, _v in children]


def _runner(children, *, case_table, up):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            sql = (sqlite_up if up else sqlite_down)(children, case_table=case_table)
        elif vendor == "postgresql":
            sql = (postgres_up if up else postgres_down)(children, case_table=case_table)
        else:
            sql = []
        for statement in sql:
            schema_editor.execute(statement)

    return run


def freeze_operation(children, *, case_table=False):
    """Put `children` (and the case table) under the freeze; reversible."""
    return migrations.RunPython(_runner(children, case_table=case_table, up=True),
                                _runner(children, case_table=case_table, up=False))


def lifted_operation(*, down, children=None):
    """Drop (`down=True`) or create again the triggers of every table frozen here, around a
    change that makes SQLite rebuild one of them."""
    children = FROZEN_CHILDREN if children is None else children
    forward = _runner(children, case_table=True, up=not down)
    backward = _runner(children, case_table=True, up=down)
    return migrations.RunPython(forward, backward)


def reinstall_operation(children=None):
    """Create again whatever triggers a table rebuild dropped (idempotent on both databases)."""
    children = FROZEN_CHILDREN if children is None else children
    return migrations.RunPython(_runner(children, case_table=True, up=True), migrations.RunPython.noop)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_archive_archivist_role'),
        ('cases', '0001_initial'),
        ('catalog', '0008_formspec_form_fields'),
        ('documents', '0001_official_documents'),
        ('organizations', '0002_point_coordinates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseExportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('since', models.DateTimeField(blank=True, null=True, verbose_name='起始水位')),
                ('until', models.DateTimeField(db_index=True, verbose_name='截止水位')),
                ('exported', models.PositiveIntegerField(default=0, verbose_name='导出办件数')),
                ('created_at', models.DateTimeField(verbose_name='导出时间')),
            ],
            options={
                'verbose_name': '办件上报批次',
                'verbose_name_plural': '办件上报批次',
                'ordering': ['-until', '-id'],
            },
        ),
        migrations.AddField(
            model_name='case',
            name='archived_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='归档时间'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['updated_at'], name='case_updated_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['status', 'archived_at'], name='case_status_archived_idx'),
        ),
        migrations.AddField(
            model_name='caseexportbatch',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
        freeze_operation(FROZEN_CHILDREN, case_table=True),
    ]
