"""Plain-dict pictures of a version, for diffs and audit change sets (pure, no writes)."""

from __future__ import annotations

from django.db import models

from .models import FeeItem, FormField, ItemVersion, Material, ProcessStep, SpecialProcedure

# Workflow bookkeeping: moved only by services.state, never edited as guide content.
WORKFLOW_FIELDS = frozenset({
    "id", "item", "number", "status", "review_step", "created_by", "created_at", "submitted_at",
    "approved_at", "published_at", "published_by",
})
GUIDE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in ItemVersion._meta.concrete_fields if f.name not in WORKFLOW_FIELDS
)
CHILDREN: dict[str, type] = {
    "materials": Material,
    "steps": ProcessStep,
    "special_procedures": SpecialProcedure,
    "fee_items": FeeItem,
    "form_fields": FormField,
}
CHILD_FIELDS: dict[str, tuple[str, ...]] = {
    key: tuple(f.name for f in model._meta.concrete_fields if f.name not in {"id", "version", "position"})
    for key, model in CHILDREN.items()
}
MANY_TO_MANY = ("windows", "themes")
COMMENTABLE_FIELDS = frozenset(GUIDE_FIELDS) | frozenset(CHILDREN) | frozenset(MANY_TO_MANY)


def _value(obj, name):
    value = getattr(obj, name)
    if isinstance(value, models.Model):
        return value.pk  # a reference (a step's joint department) is pictured by its id
    return value.isoformat() if hasattr(value, "isoformat") else value


def version_snapshot(version: ItemVersion) -> dict:
    """Every guide element of a version as plain data (children in position order)."""
    data = {name: _value(version, name) for name in GUIDE_FIELDS}
    for key, model in CHILDREN.items():
        rows = model.objects.filter(version=version).order_by("position", "id")
        data[key] = [{name: _value(row, name) for name in CHILD_FIELDS[key]} for row in rows]
    data["windows"] = sorted(version.windows.values_list("pk", flat=True)) if version.pk else []
    data["themes"] = sorted(version.themes.values_list("code", flat=True)) if version.pk else []
    return data


def snapshot_diff(old: dict, new: dict) -> list[dict]:
    """Field-by-field differences. Child lists are compared row by row (by position), so a
    changed material shows as one `materials[2].name` entry rather than the whole list."""
    changes: list[dict] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if key in CHILDREN:
            before, after = before or [], after or []
            for i in range(max(len(before), len(after))):
                row_old = before[i] if i < len(before) else None
                row_new = after[i] if i < len(after) else None
                if row_old is None or row_new is None:
                    changes.append({"field": f"{key}[{i}]", "old": row_old, "new": row_new})
                    continue
                for name in CHILD_FIELDS[key]:
                    if row_old.get(name) != row_new.get(name):
                        changes.append({"field": f"{key}[{i}].{name}", "old": row_old.get(name),
                                        "new": row_new.get(name)})
        elif before != after:
            changes.append({"field": key, "old": before, "new": after})
    return changes
