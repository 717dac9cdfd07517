from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "zwfw.documents"
    label = "documents"
    verbose_name = _("文书")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check)
        from .purposes import register_document_purposes

        register_document_purposes()
