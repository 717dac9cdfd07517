"""Seed loads that complete already published demo items (themes, blank forms) do it the only
way a published version can change: a new version copied from the current one, changed, then
published, the old one staying readable. Like the bulk loads (ADR 0011), the version is moved
straight to `published` by the loading operator and the caller records one summary audit event
for the whole load; the search index is refreshed in the same transaction."""

from __future__ import annotations

from collections.abc import Callable

from zwfw.core import clock

from ..models import ItemVersion, ServiceItem, VersionStatus
from ..search.indexing import search_index_items
from ..services.copying import version_copy
from ..services.state import VERSION_STATES


def has_open_version(item: ServiceItem) -> bool:
    return item.versions.exclude(status=VersionStatus.PUBLISHED).exists()


def item_republish(*, item: ServiceItem, actor, now, change_summary: str,
                   change: Callable[[ItemVersion], None]) -> ItemVersion:
    """Copy the current version into the next number, apply `change` to the copy while it is
    still a draft, publish it and make it current. Must run inside the caller's atomic block."""
    source = item.current_version
    number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = version_copy(source, item=item, number=number, actor=actor, now=now,
                           change_summary=change_summary[:300], effective_on=clock.today(now))
    change(version)
    VERSION_STATES.move(version, action="load", to=VersionStatus.PUBLISHED, approved_at=now, published_at=now,
                        published_by=actor)
    ServiceItem.objects.filter(pk=item.pk).update(current_version=version)
    item.current_version = version
    return version


def reindex(item_ids: list[int], *, now) -> None:
    if item_ids:
        search_index_items(item_ids, now=now)
