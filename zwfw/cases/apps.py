from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zwfw.cases"
    label = "cases"
    verbose_name = _("办件")

    def ready(self) -> None:
        from .files import register_case_file_readers
        from .freeze import register_freeze_refusal

        register_case_file_readers()
        register_freeze_refusal()
