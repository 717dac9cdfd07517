"""Insert many items with published versions at once (demo and migration loads).

Versions are inserted as drafts, their child rows added, then all moved to `published` in one
UPDATE along the version machine's `load` edge: the immutability triggers refuse child rows of
published versions, so the order matters. The caller records one summary audit event for the whole load (ADR 0011).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zwfw.core import clock

from ..models import (
    FeeItem,
    ItemVersion,
    Material,
    ProcessStep,
    ServiceItem,
    SpecialProcedure,
    Theme,
    VersionStatus,
)
from ..search.indexing import search_index_items
from ..services.state import VERSION_STATES


@dataclass
class VersionSpec:
    fields: dict
    materials: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    special_procedures: list[dict] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # Theme codes, linked before publishing
    fee_items: list[dict] = field(default_factory=list)


@dataclass
class ItemSpec:
    item: ServiceItem  # unsaved
    versions: list[VersionSpec]
    parent_key: str | None = None  # key of another spec in the same load (sub-items)
    key: str = ""


CHILD_MODELS = (("materials", Material), ("steps", ProcessStep), ("special_procedures", SpecialProcedure),
                ("fee_items", FeeItem))


def bulk_publish(*, actor, now, specs: list[ItemSpec], batch_size: int = 500) -> list[ServiceItem]:
    """Must run inside the caller's transaction.atomic()."""
    by_key = {}
    for spec in specs:  # parents before sub-items
        if spec.parent_key:
            spec.item.parent = by_key[spec.parent_key]
        spec.item.created_at = now
        if spec.key:
            by_key[spec.key] = spec.item
            spec.item.save()
    ServiceItem.objects.bulk_create([s.item for s in specs if s.item.pk is None], batch_size=batch_size)
    versions, pairs = [], []
    for spec in specs:
        for number, vspec in enumerate(spec.versions, start=1):
            version = ItemVersion(item=spec.item, number=number, created_by=actor,
                                  created_at=now, approved_at=now, effective_on=clock.today(now), **vspec.fields)
            versions.append(version)
            pairs.append((version, vspec))
    # One open version per item is a constraint: insert and publish one "round" of numbers at a time.
    rounds = sorted({v.number for v in versions})
    for number in rounds:
        batch = [(v, s) for v, s in pairs if v.number == number]
        ItemVersion.objects.bulk_create([v for v, _ in batch], batch_size=batch_size)
        for key, model in CHILD_MODELS:
            model.objects.bulk_create(
                [model(version=v, position=i, **row) for v, s in batch for i, row in enumerate(getattr(s, key))],
                batch_size=batch_size,
            )
        _link_themes(batch, batch_size)
        ids = [v.pk for v, _ in batch]
        for start in range(0, len(ids), batch_size):
            VERSION_STATES.move_many(
                ItemVersion.objects.filter(pk__in=ids[start:start + batch_size]), action="load",
                source=VersionStatus.DRAFT, to=VersionStatus.PUBLISHED, published_at=now, published_by=actor,
            )
    items = [spec.item for spec in specs]
    for spec, version in zip(specs, _last_versions(specs, versions), strict=True):
        spec.item.current_version = version
    ServiceItem.objects.bulk_update(items, ["current_version"], batch_size=batch_size)
    search_index_items([item.pk for item in items], now=now)
    return items


def _link_themes(batch, batch_size: int) -> None:
    """Theme links of the batch, written while the versions are still only approved."""
    codes = {code for _, s in batch for code in s.themes}
    if not codes:
        return
    theme_ids = dict(Theme.objects.filter(code__in=codes).values_list("code", "id"))
    through = ItemVersion.themes.through
    through.objects.bulk_create(
        [through(itemversion_id=v.pk, theme_id=theme_ids[c]) for v, s in batch for c in s.themes if c in theme_ids],
        batch_size=batch_size,
    )


def _last_versions(specs, versions):
    last = {}
    for v in versions:
        last[id(v.item)] = v
    return [last[id(s.item)] for s in specs]
