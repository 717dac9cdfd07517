"""Every page's title names the deployment's home region: "广安市广安区一体化政务服务平台".

Runs after zwfw.core.context_processors.platform and replaces its `platform_name`; read lazily,
so a page that shows no title costs no query."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from zwfw.organizations import home


def site_name() -> str:
    platform = settings.ZWFW_PLATFORM_NAME
    region = home.home_region()
    if region is None or region.name in platform:  # the configured name already names it
        return platform
    return home.region_display_name(region) + platform


def home_region(request):
    return {
        "platform_name": SimpleLazyObject(site_name),
        "home_region_name": SimpleLazyObject(lambda: home.region_display_name(home.home_region())),
    }
