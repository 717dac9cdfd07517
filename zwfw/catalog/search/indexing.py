"""Keeping the search index in step with the catalog.

An item is in the index exactly when it is active and has a published current version. The
publish/cancel services and the bulk loads call `search_index_items` inside their own
transaction, so the index never shows what the catalog does not (and vice versa);
`search_reindex` rebuilds it from scratch (`zwfw catalog reindex`). The index is a projection of
audited rows, so writing it records no audit event of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F, Prefetch

from zwfw.core import clock

from ..models import (
    CatalogSearchEntry,
    CatalogSearchStamp,
    CatalogSearchText,
    ItemStatus,
    ItemType,
    ItemVersion,
    Material,
    ServiceItem,
    VersionStatus,
)
from .text import facet_tokens, normalize, search_tokens

BATCH = 2000
DIGEST_CHARS = 160  # enough for the materials and the opening of the conditions


def _members(values: Iterable) -> str:
    values = [str(v) for v in values]
    return f"|{'|'.join(values)}|" if values else ""


def _digest(version: ItemVersion) -> str:
    parts = [version.result_name, "、".join(m.name for m in version.materials.all()), version.conditions]
    return normalize(" ".join(p for p in parts if p))[:DIGEST_CHARS]


def entry_for(item: ServiceItem, *, popularity: int = 0, now=None) -> tuple[CatalogSearchEntry, CatalogSearchText] | None:
    """The index rows of `item`, or None when the item must not be found (cancelled, unpublished).
    Expects `current_version` (with themes and materials), `department` and `region` loaded."""
    version = item.current_version
    if item.status != ItemStatus.ACTIVE or version is None or version.status != VersionStatus.PUBLISHED:
        return None
    themes = list(version.themes.all())
    department_name = item.department.name if item.department_id else ""
    name_key = normalize(version.name)
    keywords = normalize(" ".join([department_name, str(ItemType(version.item_type).label), version.result_name,
                                   *(t.name for t in themes)]))[:600]
    digest = _digest(version)
    entry = CatalogSearchEntry(
        item_id=item.pk, version_id=version.pk, region_id=item.region_id, department_id=item.department_id,
        department_name=department_name, item_type=version.item_type, level=item.level,
        audience=_members(version.audience or []), themes=_members(sorted(t.pk for t in themes)),
        name=version.name, name_key=name_key, name_length=len(name_key), keywords=keywords, popularity=popularity,
        indexed_at=now or clock.now(),
    )
    facets = facet_tokens(item_type=version.item_type, level=item.level, audience=version.audience or [],
                          themes=[t.pk for t in themes], department=item.department_id,
                          region_code=item.region_id or "")
    tokens = " ".join([search_tokens(head=[name_key, keywords], body=digest), *facets])
    text = CatalogSearchText(entry_id=item.pk, search_text="\n".join([name_key, keywords, digest]),
                             search_tokens=tokens)
    return entry, text


def _items(ids: list[int]):
    return (ServiceItem.objects.filter(pk__in=ids)
            .select_related("department", "current_version")
            .prefetch_related("current_version__themes",
                              Prefetch("current_version__materials", queryset=Material.objects.only("version_id",
                                                                                                    "name"))))


def search_index_items(item_ids: Iterable[int], *, now=None) -> int:
    """Bring the index rows of these items in step with the catalog (insert, replace or drop).
    Popularity survives a re-index. Runs in the caller's transaction (or its own)."""
    ids = sorted(set(item_ids))
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            popularity = dict(CatalogSearchEntry.objects.filter(item_id__in=chunk)
                              .values_list("item_id", "popularity"))
            CatalogSearchText.objects.filter(entry_id__in=chunk).delete()
            CatalogSearchEntry.objects.filter(item_id__in=chunk).delete()
            rows = [r for item in _items(chunk)
                    if (r := entry_for(item, popularity=popularity.get(item.pk, 0), now=now))]
            CatalogSearchEntry.objects.bulk_create([entry for entry, _text in rows], batch_size=500)
            CatalogSearchText.objects.bulk_create([text for _entry, text in rows], batch_size=500)
            written += len(rows)
        search_generation_bump()
    return written


def search_generation_bump() -> None:
    """Count a write to the index (in the writer's transaction): cached answers keyed by the old
    generation are never read again. The row is created on first use (a flushed test database
    has none)."""
    if not CatalogSearchStamp.objects.filter(pk=1).update(generation=F("generation") + 1):
        CatalogSearchStamp.objects.get_or_create(pk=1, defaults={"generation": 1})


def search_generation() -> int:
    """The index's current generation (0 before its first write): one primary-key read."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {CatalogSearchStamp._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def search_reindex(*, region=None, now=None) -> int:
    """Rebuild the index (of a region's subtree, or all of it). Returns the number of entries."""
    items = ServiceItem.objects.all()
    if region is not None:
        items = items.filter(region__code__startswith=region.prefix)
    with transaction.atomic():
        stale = CatalogSearchEntry.objects.all()
        if region is not None:
            stale = stale.filter(region__code__startswith=region.prefix)
        stale = stale.exclude(item__in=items.filter(status=ItemStatus.ACTIVE, current_version__isnull=False))
        CatalogSearchText.objects.filter(entry__in=stale).delete()
        stale.delete()
        search_generation_bump()
        ids = list(items.filter(status=ItemStatus.ACTIVE, current_version__isnull=False)
                   .values_list("pk", flat=True))
        count = search_index_items(ids, now=now)
    if region is None and connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # merge the FTS5 segments written row by row
            cursor.execute("INSERT INTO catalog_search_fts(catalog_search_fts) VALUES ('optimize')")
            cursor.execute("INSERT INTO catalog_search_grams(catalog_search_grams) VALUES ('optimize')")
    return count
