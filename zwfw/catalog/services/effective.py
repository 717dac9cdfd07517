"""Scheduled versions take effect: the daily switch of `current_version` (ADR 0011, issue 7).

A version published with a later `effective_on` stays scheduled; `current_version` (read by the
public lists, statistics, lint and search) keeps pointing at the version in force. This service,
run once a day shortly after midnight China time (and safe to run any number of times), moves
`current_version` of every item whose version in force changed, reindexes those items and audits
each switch. The public guide page resolves by date itself (in_force.version_in_force), so it is
right even before the job has run.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q

from zwfw.core import clock
from zwfw.core.audit import audit_record

from ..in_force import version_in_force
from ..models import ItemVersion, ServiceItem, VersionStatus
from ..search.indexing import search_index_items


def _items_due(today: dt.date) -> list[int]:
    """Items with a published version in force today that is not their current one."""
    current = "item__current_version__"
    newer = (
        Q(item__current_version__isnull=True)
        | Q(effective_on__gt=F(f"{current}effective_on"))
        | Q(effective_on=F(f"{current}effective_on"), number__gt=F(f"{current}number"))
    )
    return sorted(set(
        ItemVersion.objects.filter(newer, status=VersionStatus.PUBLISHED, effective_on__lte=today)
        .values_list("item_id", flat=True)
    ))


def catalog_versions_take_effect(*, now: dt.datetime | None = None) -> int:
    """Make each item's version in force today its current version; returns how many switched."""
    now = now or clock.now()
    today = clock.today(now)
    switched = []
    for item_id in _items_due(today):
        with transaction.atomic():
            item = ServiceItem.objects.select_for_update().get(pk=item_id)
            version = version_in_force(item, on=today)
            if version is None or version.pk == item.current_version_id:
                continue  # another run got there first
            previous = item.current_version_id
            item.current_version = version
            item.save(update_fields=["current_version"])
            search_index_items([item.pk], now=now)
            audit_record(actor=None, action="catalog.version.take_effect", target=version, now=now,
                         changes={"previous_version_id": previous, "effective_on": version.effective_on})
            switched.append(item.pk)
    return len(switched)
