from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "zwfw.api"
    label = "api"
    verbose_name = _("接口")

    def ready(self):
        from . import schema  # noqa: F401  (registers the OpenAPI authentication extension)
