"""Is an import row the same as the item's current published version? Then importing it would
only open a draft identical to what is published: the row is counted as unchanged instead."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .plan import ItemPlan
from .records import item_record

# Bookkeeping the file may carry that is not guide content.
IGNORED = frozenset({"change_summary", "position"})


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, tuple):
        return list(value)
    return value


def _same_rows(file_rows: list[dict], stored_rows: list[dict]) -> bool:
    if len(file_rows) != len(stored_rows):
        return False
    ordered = sorted(file_rows, key=lambda r: (r.get("position") is None, r.get("position") or 0))
    for mine, theirs in zip(ordered, stored_rows, strict=True):
        if any(_plain(v) != _plain(theirs.get(k)) for k, v in mine.items() if k not in IGNORED):
            return False
    return True


def plan_is_unchanged(plan: ItemPlan) -> bool:
    item = plan.existing
    if item is None or item.current_version_id is None:
        return False
    stored = item_record(item)
    if any(_plain(v) != _plain(stored.get(k)) for k, v in plan.fields.items() if k not in IGNORED):
        return False
    if sorted(t.code for t in plan.themes) != sorted(stored["themes"]):
        return False
    return all(_same_rows(plan.child_values(key), stored[key]) for key in plan.children)
