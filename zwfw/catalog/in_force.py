"""Which published version of an item is in force on a day, and what a clock takes from it.

The catalog ↔ clock contract (docs/architecture.md): a version published with a later
`effective_on` is scheduled, not current; a clock is started from the version in force with
`version_clock_terms`, whose unit is the calendar's one LimitUnit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zwfw.core.errors import ValidationFailed

from .models import ItemVersion, ServiceItem, VersionStatus


def version_in_force(item: ServiceItem, *, on: dt.date) -> ItemVersion | None:
    """The published version in force on `on`: the latest `effective_on` not after that day (the
    higher number on the same day). A version published with a later `effective_on` is scheduled,
    not current. `item.current_version` follows this selector, moved on the day by
    services.effective.catalog_versions_take_effect."""
    return (item.versions.filter(status=VersionStatus.PUBLISHED, effective_on__lte=on)
            .order_by("-effective_on", "-number").first())


def version_scheduled(item: ServiceItem, *, on: dt.date) -> ItemVersion | None:
    """The next published version that takes effect after `on`, if any (the guide announces it)."""
    return (item.versions.filter(status=VersionStatus.PUBLISHED, effective_on__gt=on)
            .order_by("effective_on", "number").first())


def version_latest_published(item: ServiceItem) -> ItemVersion | None:
    """The published version with the latest effective date, in force or scheduled."""
    return (item.versions.filter(status=VersionStatus.PUBLISHED)
            .order_by("-effective_on", "-number").first())


def in_force_among(versions, *, on: dt.date):
    """`version_in_force` over published versions already read (anything with `effective_on` and
    `number`): the same rule without a query, for callers that hold the list."""
    candidates = [v for v in versions if v.effective_on is not None and v.effective_on <= on]
    return max(candidates, key=lambda v: (v.effective_on, v.number), default=None)


def scheduled_among(versions, *, on: dt.date):
    """`version_scheduled` over published versions already read."""
    candidates = [v for v in versions if v.effective_on is not None and v.effective_on > on]
    return min(candidates, key=lambda v: (v.effective_on, v.number), default=None)


@dataclass(frozen=True)
class ClockTerms:
    """What a clock needs from a version: pass as `clock_start(**terms.as_kwargs(), …)`."""

    limit: int
    unit: str
    extension_max: int

    def as_kwargs(self) -> dict:
        return {"limit": self.limit, "unit": self.unit, "extension_max": self.extension_max}


def version_clock_terms(version: ItemVersion, *, purpose: str = "promised") -> ClockTerms:
    """The limit of a published version for `purpose` ("promised" or "statutory") in the clock's
    own unit (one LimitUnit, zwfw.calendar.limits) and the version's extension maximum."""
    if purpose not in ("promised", "statutory"):
        raise ValidationFailed.on("purpose", "时限用途应为承诺时限或法定时限")
    limit = getattr(version, f"{purpose}_limit")
    if limit is None:
        raise ValidationFailed.on(f"{purpose}_limit", "该事项版本未填写此项办结时限", code="limit_missing")
    return ClockTerms(limit=limit, unit=getattr(version, f"{purpose}_limit_unit"), extension_max=version.extension_max)
