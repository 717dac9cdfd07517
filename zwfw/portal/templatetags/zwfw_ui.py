"""Template helpers shared by the portal and the workbench."""

from django import template

from zwfw.core.masking import mask_text

register = template.Library()


@register.filter
def masked(value) -> str:
    """Mask any ID number or mobile number inside free text (a Sealed value masks itself).

    Organisation records may carry a person's mobile number as a contact; public and staff
    pages show only its mask (GB/T 35273-2020 去标识化)."""
    if value is None:
        return ""
    return mask_text(str(value))


@register.filter
def region_name(region) -> str:
    """A region as people name it: a county with its city ("广安市广安区")."""
    from zwfw.organizations.home import region_display_name

    return region_display_name(region)


@register.filter
def source_named(text) -> str:
    """A change note with any data file path replaced by the source's name (no paths on pages)."""
    from zwfw.catalog.source_names import source_named as named

    return named(str(text or ""))
