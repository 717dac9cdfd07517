from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "zwfw.notifications"
    label = "notifications"
    verbose_name = _("消息通知")

    def ready(self) -> None:
        from . import handlers  # noqa: F401 — registers the outbox handlers of the three channels
