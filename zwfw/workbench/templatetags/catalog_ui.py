"""Template helpers of the catalog workbench pages."""

from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key] or "" (reviewer comments next to form fields)."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def catalog_label(name: str) -> str:
    """Chinese label of a guide element key such as `promised_limit` or `materials`."""
    from zwfw.workbench.catalog.labels import field_label

    return field_label(name)
