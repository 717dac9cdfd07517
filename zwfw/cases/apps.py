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
        # The freeze triggers (ADR 0033): lifted before migrate on SQLite, installed after it.
        from django.db.models.signals import post_migrate, pre_migrate

        from .freeze_triggers import after_migrate, before_migrate

        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="cases.freeze.before_migrate")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="cases.freeze.after_migrate")
