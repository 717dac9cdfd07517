from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "zwfw.portal"
    label = "portal"
    verbose_name = _("网上办事大厅")

    def ready(self) -> None:
        from .pdf import register_guide_pdf_purpose

        register_guide_pdf_purpose()
