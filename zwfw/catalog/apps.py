from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "zwfw.catalog"
    label = "catalog"
    verbose_name = _("事项管理")

    def ready(self) -> None:
        from .forms_files import register_form_file_purpose

        register_form_file_purpose()
