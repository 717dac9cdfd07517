"""Template filters of the applicant's case pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def filesize_zh(size) -> str:
    """1 234 567 → "1.2 MB" (the units everyone reads; Django's filesizeformat translates them)."""
    try:
        size = int(size)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
