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


@register.filter
def tel_link(value) -> str:
    """An office phone as a `tel:` link a phone can dial; a personal mobile stays masked text."""
    from django.utils.html import format_html

    text = str(value or "")
    shown = mask_text(text)
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    if not text or shown != text or not digits:
        return shown
    return format_html('<a href="tel:{}">{}</a>', digits, text)


@register.filter
def geo_link(place) -> str:
    """A `geo:` link (RFC 5870) from a place's stored coordinate: opens the visitor's own map app;
    no map script or tile server is loaded by the page."""
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    lat, lon = getattr(place, "latitude", None), getattr(place, "longitude", None)
    if lat is None or lon is None:
        return ""
    return format_html('<a class="map-link" href="geo:{},{}?q={},{}">{}</a>', lat, lon, lat, lon, _("在地图中打开"))


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The header's navigation (zwfw/portal/site_nav.py: built in Python, on every page)."""
    from zwfw.portal.site_nav import site_nav as build

    def unread() -> int:
        count = context.get("inbox_unread")  # notifications.context_processors: a lazy callable
        return (count() if callable(count) else count) or 0

    return build(context.get("request"), unread=unread)  # None on the 500 page (no request context)
