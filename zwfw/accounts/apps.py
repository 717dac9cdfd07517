from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zwfw.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")

    def ready(self) -> None:
        from . import handlers  # noqa: F401 — registers the SMS-code outbox handler
        from .file_purposes import register_mandate_purpose

        register_mandate_purpose()
