from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs):
    """The audit triggers ask zwfw_audit_flush_allowed() before a DELETE: always 0 here; only
    the test harness replaces it while it empties a test database (migration core 0005)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("zwfw_audit_flush_allowed", 0, lambda: 0)


class CoreConfig(AppConfig):
    name = "zwfw.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)

        connection_created.connect(_register_sqlite_functions, dispatch_uid="zwfw.core.sqlite_functions")
