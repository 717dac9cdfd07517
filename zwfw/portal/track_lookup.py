"""The public case look-up (办件查询) with a brake on guessing: the number and the 6-digit query
code together are the only key, so an address that keeps guessing wrong is stopped for a while.

Failures are counted per client address in Django's cache (one shared cache — Redis or the
database — in production with several workers; each worker's own memory otherwise).
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _

from zwfw.cases.models import Case
from zwfw.cases.selectors import case_public_lookup
from zwfw.core.errors import DomainError, NotFound

# Ten wrong guesses per quarter of an hour: enough for typing mistakes, while a million possible
# codes per case number stay out of reach of guessing.
MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60
KEY = "portal:track:failures:{address}"


class LookupThrottled(DomainError):
    status = 429
    default_code = "lookup_throttled"


def _key(address: str) -> str:
    return KEY.format(address=(address or "unknown")[:64])


def track_lookup(*, number: str, query_code: str, address: str) -> Case:
    """The case with this number and query code, or NotFound; LookupThrottled once `address` has
    guessed wrong too often (checked before the look-up, so a right guess then is refused too)."""
    key = _key(address)
    if (cache.get(key) or 0) >= MAX_FAILURES:
        raise LookupThrottled(_("查询错误次数过多，请 %(minutes)s 分钟后再试") % {"minutes": WINDOW_SECONDS // 60},
                              code="lookup_throttled")
    try:
        return case_public_lookup(number=number, query_code=query_code)
    except NotFound:
        if not cache.add(key, 1, timeout=WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=WINDOW_SECONDS)
        raise
