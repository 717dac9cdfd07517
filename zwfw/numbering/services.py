"""Giving out numbers: gapless per kind, scope and period.

The sequence row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE
transaction already holds the database's write lock), incremented and released when the
caller's transaction ends. A transaction that rolls back rolls the increment back too, so the
number is given to the next caller: no gaps, no duplicates (docs/adr/0018).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import PermissionDenied, ValidationFailed

from .formats import DEFAULT_FORMATS, number_render, pattern_check
from .models import NumberFormat, NumberPeriod, NumberSequence


@dataclass(frozen=True)
class IssuedNumber:
    text: str
    seq: int
    kind: str
    scope: str
    period: str

    def __str__(self) -> str:
        return self.text


def number_format_get(kind: str) -> NumberFormat:
    """The administrator's format of `kind`, else the default one (unsaved)."""
    fmt = NumberFormat.objects.filter(kind=kind).first()
    if fmt is not None:
        return fmt
    if kind not in DEFAULT_FORMATS:
        raise LookupError(f"no number format {kind!r}: add it to DEFAULT_FORMATS or save one")
    label, pattern = DEFAULT_FORMATS[kind]
    return NumberFormat(kind=kind, label=label, pattern=pattern, period=NumberPeriod.YEAR)


def _period(fmt: NumberFormat, on: dt.date) -> str:
    return on.strftime("%Y%m%d") if fmt.period == NumberPeriod.DAY else on.strftime("%Y")


def number_next(*, kind: str, scope: str, on: dt.date, values: Mapping[str, str] | None = None) -> IssuedNumber:
    """The next number of `kind` for `scope` (a region code) on the China date `on`.

    Must run inside the transaction that records the number (the case, the document), so the
    lock is held until that record commits and a rollback gives the number back. The lock
    serialises callers of one kind, scope and period only.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("number_next must be called inside the transaction that uses the number")
    fmt = number_format_get(kind)
    period = _period(fmt, on)
    seq = _increment(kind, scope, period)
    if seq is None:  # the first number of this kind, scope and period
        NumberSequence.objects.bulk_create([NumberSequence(kind=kind, scope=scope, period=period)],
                                           ignore_conflicts=True)
        seq = _increment(kind, scope, period)
    text = number_render(fmt.pattern, scope=scope, on=on, seq=seq, values=values or {})
    return IssuedNumber(text=text, seq=seq, kind=kind, scope=scope, period=period)


def _increment(kind: str, scope: str, period: str) -> int | None:
    """Add one to the sequence row and return the new value, in one statement: the UPDATE takes
    the row's lock (held to the end of the caller's transaction, like SELECT … FOR UPDATE) and
    reads the committed value it increments. None if the row does not exist yet."""
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last_value = last_value + 1 "  # noqa: S608 — no user input
                       "WHERE kind = %s AND scope = %s AND period = %s RETURNING last_value", [kind, scope, period])
        row = cursor.fetchone()
    return row[0] if row else None


def number_format_save(*, actor, kind: str, label: str, pattern: str, period: str = NumberPeriod.YEAR,
                       now: dt.datetime | None = None) -> NumberFormat:
    """Create or change the format of a kind of number (system administrators only). Numbers
    already given out keep the text they were given; the sequence continues."""
    now = now or clock.now()
    if not actor.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied(_("只有系统管理员可以设置编号格式"))
    if period not in NumberPeriod.values:
        raise ValidationFailed.on("period", _("编号周期只能是每年或每天"), code="number_period_invalid")
    pattern_check(pattern)
    with transaction.atomic():
        fmt = NumberFormat.objects.select_for_update().filter(kind=kind).first()
        before = {"label": fmt.label, "pattern": fmt.pattern, "period": fmt.period} if fmt else {}
        fmt = fmt or NumberFormat(kind=kind)
        fmt.label, fmt.pattern, fmt.period = label, pattern, period
        fmt.save()
        audit_record(actor=actor, action="numbering.format.save", target=fmt, role=Role.SYSTEM_ADMIN,
                     changes={"kind": kind, "before": before, "after": {"label": label, "pattern": pattern,
                                                                          "period": period}}, now=now)
    return fmt
