from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "zwfw.files"
    label = "files"
    verbose_name = _("文件存储")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .purposes import register_builtin_purposes

        register_builtin_purposes()
