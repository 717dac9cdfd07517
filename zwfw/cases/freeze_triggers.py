"""The database side of the archive freeze (ADR 0033): triggers that refuse any change to a sealed
case (`archived_at` set) and to its child rows, on SQLite and PostgreSQL.

- `cases_case`: UPDATE and DELETE of a sealed row.
- every table of `freeze.FROZEN_CHILDREN`: INSERT, UPDATE (the row's case before and after) and
  DELETE of a row whose case is sealed; a grandchild (a material's files) finds its case through
  its parent row.

They are installed after every `migrate` (post_migrate, both databases, idempotent: functions
replaced, triggers dropped and created) for the tables that exist, and dropped before it on
SQLite (pre_migrate): SQLite rebuilds a table to add a column, and a trigger of another table
naming `cases_case` makes that rebuild fail. So a migration never has to know about them, and a
new child table is one line in `FROZEN_CHILDREN`. (django-pgtrigger installs its triggers the
same way.) Every message starts with `freeze.FROZEN_MARKER`, which the error mapping reads.
"""

from __future__ import annotations

from .freeze import CASE_TABLE, FROZEN_CHILDREN, FROZEN_MARKER

MESSAGE = f"{FROZEN_MARKER} an archived case and its rows are immutable"
# Test databases are emptied row by row on SQLite; the harness answers 1 here only during a flush
# (zwfw.core.testing, migration core 0005). PostgreSQL's flush truncates, which row triggers miss.
FLUSH = "zwfw_audit_flush_allowed()"
Child = tuple[str, str, "tuple[str, str] | None"]


def _sqlite_case_ref(row: str, column: str, via) -> str:
    if via is None:
        return f"{row}.{column}"
    return f"(SELECT {via[1]} FROM {via[0]} WHERE id = {row}.{column})"  # noqa: S608 (constants only)


def _sqlite_frozen(row: str, column: str, via) -> str:
    return f"(SELECT archived_at FROM {CASE_TABLE} WHERE id = {_sqlite_case_ref(row, column, via)}) IS NOT NULL"  # noqa: S608


RAISE = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"


def sqlite_up(children: list[Child]) -> list[str]:
    sql = [
        f"""CREATE TRIGGER IF NOT EXISTS {CASE_TABLE}_frozen_update BEFORE UPDATE ON {CASE_TABLE}
            WHEN OLD.archived_at IS NOT NULL {RAISE}""",
        f"""CREATE TRIGGER IF NOT EXISTS {CASE_TABLE}_frozen_delete BEFORE DELETE ON {CASE_TABLE}
            WHEN OLD.archived_at IS NOT NULL AND NOT {FLUSH} {RAISE}""",
    ]
    for table, column, via in children:
        sql += [
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_insert BEFORE INSERT ON {table}
                WHEN {_sqlite_frozen("NEW", column, via)} {RAISE}""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_update BEFORE UPDATE ON {table}
                WHEN {_sqlite_frozen("OLD", column, via)} OR {_sqlite_frozen("NEW", column, via)} {RAISE}""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_frozen_delete BEFORE DELETE ON {table}
                WHEN {_sqlite_frozen("OLD", column, via)} AND NOT {FLUSH} {RAISE}""",
        ]
    return sql


def sqlite_down(children: list[Child]) -> list[str]:
    names = [f"{CASE_TABLE}_frozen_update", f"{CASE_TABLE}_frozen_delete"]
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


def postgres_up(children: list[Child]) -> list[str]:
    sql = [*POSTGRES_FUNCTIONS,
           f"DROP TRIGGER IF EXISTS {CASE_TABLE}_frozen ON {CASE_TABLE}",
           f"""CREATE TRIGGER {CASE_TABLE}_frozen BEFORE UPDATE OR DELETE ON {CASE_TABLE}
               FOR EACH ROW EXECUTE FUNCTION cases_case_frozen()"""]
    for table, column, via in children:
        args = f"'{column}'" if via is None else f"'{column}', '{via[0]}', '{via[1]}'"
        sql += [f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}",
                f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION cases_child_frozen({args})"""]
    return sql


def postgres_down(children: list[Child]) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {CASE_TABLE}_frozen ON {CASE_TABLE}",
            *[f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}" for table, _c, _v in children]]


def _present(connection) -> list[Child] | None:
    """The frozen children whose tables exist now, or None before the seal column exists (a
    database migrated back before cases 0002, or not migrated yet)."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if CASE_TABLE not in tables:
            return None
        columns = {c.name for c in connection.introspection.get_table_description(cursor, CASE_TABLE)}
    if "archived_at" not in columns:
        return None
    return [child for child in FROZEN_CHILDREN if child[0] in tables]


def freeze_install(connection) -> int:
    """(Re)install every trigger of the freeze on `connection`; returns the statements run."""
    children = _present(connection)
    if children is None:
        return 0
    sql = {"sqlite": sqlite_up, "postgresql": postgres_up}.get(connection.vendor, lambda c: [])(children)
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    return len(sql)


def freeze_lift(connection) -> int:
    """Drop every trigger of the freeze (before SQLite rebuilds tables during `migrate`)."""
    sql = {"sqlite": sqlite_down, "postgresql": postgres_down}.get(connection.vendor, lambda c: [])(FROZEN_CHILDREN)
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for statement in sql:
            # PostgreSQL's DROP TRIGGER … ON names a table, which must exist.
            if connection.vendor == "postgresql" and statement.rsplit(" ON ", 1)[-1] not in tables:
                continue
            cursor.execute(statement)
    return len(sql)


def before_migrate(sender, using="default", **kwargs) -> None:
    """pre_migrate: SQLite only — its table rebuilds must not meet the freeze triggers."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        freeze_lift(connection)


def after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: the freeze is in place for every table that exists."""
    from django.db import connections

    freeze_install(connections[using])
