"""The deployment's home region (本地区划) and the other regions it serves.

One deployment serves one county (or city) first: the portal's title names it, and public lists,
filters, exports and statistics show its catalog and network unless the visitor switches region
explicitly (docs/adr/0023-home-region.md). The home region is the setting `ZWFW_HOME_REGION` (a
6-, 9- or 12-digit division code). When the setting is empty, the home region is the only county
whose departments publish items; with none or several such counties there is no home region and
the public pages show every region, as before.

These reads take no viewer: which regions a deployment serves is public information.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from .identifiers import region_code_normalize
from .models import LEVEL_PREFIX_LENGTH, Department, Region, RegionLevel

COUNTY_PREFIX = LEVEL_PREFIX_LENGTH[RegionLevel.COUNTY]
# Every public page names the home region and most show the region switcher: both are read from
# the cache (one per process) and re-read from the database after this long. A new department or
# region shows on the public pages within that time.
PUBLIC_FACTS_SECONDS = 300


def _county_code(code: str) -> str:
    return code[:COUNTY_PREFIX].ljust(12, "0")


_UNSET = object()


def served_regions(*, home=_UNSET) -> list[Region]:
    """The county-level regions with at least one active department: the regions this deployment
    serves, home region first, then by code. Pass `home` when it is already known."""
    regions = cache.get("organizations:served_regions")
    if regions is None:
        codes = {_county_code(code) for code in
                 Department.objects.filter(is_active=True).values_list("region_id", flat=True).distinct()}
        regions = list(Region.objects.filter(code__in=codes).select_related("parent").order_by("code"))
        cache.set("organizations:served_regions", regions, PUBLIC_FACTS_SECONDS)
    home = home_region() if home is _UNSET else home
    return sorted(regions, key=lambda r: (home is None or r.code != home.code, r.code))


def _with_catalog() -> list[str]:
    from django.apps import apps  # organizations sits below catalog: no import of its models

    items = apps.get_model("catalog", "ServiceItem").objects.filter(current_version__isnull=False)
    return sorted({_county_code(code) for code in items.values_list("region_id", flat=True).distinct()})


def home_region() -> Region | None:
    """The setting's region; else the only county with a published catalog; else None."""
    configured = (getattr(settings, "ZWFW_HOME_REGION", "") or "").strip()
    if not configured:  # derived from the catalog, which changes: read each time
        return _home_region_read()
    key = f"organizations:home_region:{configured}"
    found = cache.get(key)
    if found is None:
        found = (_home_region_read(),)
        cache.set(key, found, PUBLIC_FACTS_SECONDS)
    return found[0]


def _home_region_read() -> Region | None:
    configured = (getattr(settings, "ZWFW_HOME_REGION", "") or "").strip()
    if configured:
        code = region_code_normalize(configured)
        region = Region.objects.filter(code=code).select_related("parent").first() if code else None
        if region is None:
            # A deployment named a region that is not loaded: say so rather than show everything.
            raise ImproperlyConfigured(f"ZWFW_HOME_REGION={configured!r} is not a loaded region code")
        return region
    counties = _with_catalog()
    if len(counties) == 1:
        return Region.objects.filter(code=counties[0]).select_related("parent").first()
    return None


def region_display_name(region: Region | None) -> str:
    """"广安市广安区": a county named with its city, as people write it on a letterhead."""
    if region is None:
        return ""
    parent = region.parent
    if region.level == RegionLevel.COUNTY and parent is not None and parent.level == RegionLevel.CITY:
        return parent.name + region.name
    return region.name


def region_chosen(raw: str | None, *, home=_UNSET, served: list[Region] | None = None) -> Region | None:
    """The region a visitor picked with `?region=` if the deployment serves it, else the home
    region. `all` asks for every region (None)."""
    if raw == "all":
        return None
    home = home_region() if home is _UNSET else home
    code = region_code_normalize(str(raw or "")[:12]) if raw else None
    if code:
        by_code = {r.code: r for r in (served if served is not None else served_regions(home=home))}
        if code in by_code:
            return by_code[code]
    return home
