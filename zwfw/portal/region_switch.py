"""The portal's region switcher: `?region=<code>` (or `all`) on the home, guide, department and
network pages. Without it a page shows the deployment's home region (zwfw/organizations/home.py)."""

from __future__ import annotations

from dataclasses import dataclass

from zwfw.organizations.home import home_region, region_chosen, region_display_name, served_regions
from zwfw.organizations.models import Region

ALL = "all"


def region_param_for(region: Region | None, home: Region | None) -> str:
    """What a link must carry to show `region` again: nothing for the home region."""
    if region is None:
        return ALL if home is not None else ""
    return "" if home is not None and region.code == home.code else region.prefix


@dataclass(frozen=True)
class RegionSwitch:
    region: Region | None  # the region shown; None = every region
    param: str  # "" (home), a code prefix or "all"
    regions: list[Region]  # the choices; the switcher is shown when there are two or more

    @property
    def name(self) -> str:
        return region_display_name(self.region)

    @property
    def query(self) -> str:
        """`?region=…` for links, or empty."""
        return f"?region={self.param}" if self.param else ""


def region_switch(request, *, raw: str | None = None) -> RegionSwitch:
    """The region a page shows: `?region=` (or `raw`) when the deployment serves it, else home."""
    raw = str(request.GET.get("region", "") if raw is None else raw)[:12]
    home = home_region()
    regions = served_regions(home=home)
    region = region_chosen(raw or None, home=home, served=regions)
    return RegionSwitch(region=region, param=region_param_for(region, home), regions=regions)
