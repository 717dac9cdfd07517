"""Copy a version's guide (fields, child rows, windows, themes) into a new version."""

from __future__ import annotations

from ..models import ItemVersion
from ..snapshots import CHILD_FIELDS, CHILDREN, GUIDE_FIELDS


def version_copy(source: ItemVersion, *, item, number: int, actor, now, **overrides) -> ItemVersion:
    values = {name: getattr(source, name) for name in GUIDE_FIELDS}
    values.update(overrides)
    copy = ItemVersion.objects.create(
        item=item, number=number, created_by=actor, created_at=now, **values
    )
    for key, model in CHILDREN.items():
        rows = list(model.objects.filter(version=source).order_by("position", "id"))
        created = model.objects.bulk_create(
            model(version=copy, position=row.position, **{n: getattr(row, n) for n in CHILD_FIELDS[key]})
            for row in rows
        )
        if key == "materials":
            # Blank forms and samples follow their material (same stored files, content-addressed).
            from ..forms_files import material_files_copy  # lazy: forms_files imports the services

            material_files_copy(list(zip(rows, created, strict=True)))
    copy.windows.set(source.windows.all())
    copy.themes.set(source.themes.all())
    return copy
