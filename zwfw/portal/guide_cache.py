"""A published guide page is rendered once per version and state, not on every request.

The content of a published version never changes (its rows are immutable, ADR 0011); what a
guide page shows beyond it is which version is in force today, which one is scheduled, the list
of published versions and whether the item is cancelled. `guide_state` reads exactly that (the
item row and the published versions' numbers and dates: one small query) and resolves the
version with the same rule as `catalog.in_force.version_in_force`, by date. The cache key is a
digest of that state, so:

- publishing a version (new row in the list, `current_version` moved), cancelling the item
  (`status`), publishing a scheduled version or the day a scheduled version takes effect (the
  version in force by date changes, before the daily job has moved `current_version`) each give
  a new key: the old entry is simply never read again (no explicit purge, which also holds with
  one in-process cache per worker);
- department names, windows and blank forms are read from rows a version does not freeze: an
  entry lives GUIDE_CACHE_SECONDS at most, so such an edit shows within that time.

The cached fragment is `portal/_guide_article.html`, which depends on nothing of the visitor;
the page around it (header, sign-in state) is rendered per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zwfw.catalog.in_force import in_force_among, scheduled_among
from zwfw.catalog.models import ItemVersion, ServiceItem, VersionStatus
from zwfw.core import clock
from zwfw.core.errors import NotFound
from zwfw.organizations.models import Department

GUIDE_CACHE_SECONDS = 600
# Bump when portal/_guide_article.html or what it shows changes: old entries are then not read.
ARTICLE_REVISION = "1"


@dataclass(frozen=True)
class GuideState:
    item_id: int
    department_id: int | None
    department_name: str
    version_id: int
    version_number: int
    version_name: str
    is_current: bool  # the version in force today
    is_scheduled: bool  # takes effect after today
    next_version_id: int | None
    key: str


@dataclass(frozen=True)
class _Published:
    pk: int
    number: int
    effective_on: dt.date | None
    name: str


def _date(value) -> dt.date | None:
    # A raw cursor skips Django's converters: SQLite answers dates as ISO text.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# One statement instead of two ORM queries: this runs on every guide page view, where the ORM's
# query compilation cost more than the rest of the page (issue 12 point 15).
_ITEM, _DEPARTMENT, _VERSION = (ServiceItem._meta.db_table, Department._meta.db_table, ItemVersion._meta.db_table)
_STATE_SQL = (  # table names are constants; the values are parameters
    "SELECT i.status, i.cancelled_on, i.current_version_id, i.department_id, d.name, v.id, v.number, "  # noqa: S608
    f"v.effective_on, v.name FROM {_ITEM} i LEFT JOIN {_DEPARTMENT} d ON d.id = i.department_id "
    f"LEFT JOIN {_VERSION} v ON v.item_id = i.id AND v.status = %s WHERE i.id = %s ORDER BY v.number"
)


def guide_state(*, item_id: int, number: int | None = None, on: dt.date | None = None) -> GuideState:
    """Which published version the guide page of `item_id` shows (the one in force on `on`, or
    number `number`) and the cache key of its rendering. NotFound as `guide_get`."""
    on = on or clock.today()
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL, [VersionStatus.PUBLISHED, item_id])
        rows = cursor.fetchall()
    if not rows or rows[0][2] is None:
        raise NotFound(_("办事指南不存在"))
    status, cancelled_on, current_version_id, department_id, department_name = rows[0][:5]
    versions = [_Published(r[5], r[6], _date(r[7]), r[8]) for r in rows if r[5] is not None]
    in_force = in_force_among(versions, on=on)
    in_force_id = in_force.pk if in_force else current_version_id
    version = next((v for v in versions if (v.pk == in_force_id if number is None else v.number == number)), None)
    if version is None:
        raise NotFound(_("办事指南不存在"))
    following = scheduled_among(versions, on=on)
    is_scheduled = bool(version.effective_on and version.effective_on > on)
    parts = (ARTICLE_REVISION, get_language(), item_id, status, str(_date(cancelled_on)), current_version_id,
             department_id, department_name, version.pk, version.pk == in_force_id, is_scheduled,
             following.pk if following else None, tuple((v.pk, v.number, v.effective_on) for v in versions))
    key = "portal:guide:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return GuideState(item_id=item_id, department_id=department_id, department_name=department_name or "",
                      version_id=version.pk, version_number=version.number, version_name=version.name,
                      is_current=version.pk == in_force_id, is_scheduled=is_scheduled,
                      next_version_id=following.pk if following else None, key=key)


def guide_article(state: GuideState, *, render) -> str:
    """The rendered guide of `state`, from the cache or `render()` (then kept). `render` returns
    (html, guide): the guide it rendered is checked against the state, so a version published
    between the two reads is never stored under the older key."""
    html = cache.get(state.key)
    if html is not None:
        return html
    html, guide = render()
    next_id = guide.next_version.pk if guide.next_version else None
    if (guide.version.pk, guide.is_current, next_id) == (state.version_id, state.is_current, state.next_version_id):
        cache.set(state.key, html, GUIDE_CACHE_SECONDS)
    return html
