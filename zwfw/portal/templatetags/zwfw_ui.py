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
