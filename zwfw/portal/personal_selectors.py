"""Reads of the personal space that are not the accounts context's own."""

from __future__ import annotations

from zwfw.catalog.models import ServiceItem


def item_published_by_code(code: str) -> ServiceItem | None:
    """A published item by its implementation code (the public catalog: anyone may look it up)."""
    code = "".join((code or "").split())
    if not code:
        return None
    return (ServiceItem.objects.select_related("current_version")
            .filter(implementation_code=code, current_version__isnull=False).first())
