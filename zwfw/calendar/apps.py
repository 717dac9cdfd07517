from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "zwfw.calendar"
    label = "calendar"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from .services import recompute  # noqa: F401 — registers the recompute job's outbox handler
