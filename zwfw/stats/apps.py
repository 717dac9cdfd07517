from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "zwfw.stats"
    label = "stats"
    verbose_name = _("监察统计")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Keep the rollups in step with every status change of a case, in its transaction.
        from zwfw.cases.observers import case_move_observe

        from .rollups import rollup_case_moved

        case_move_observe(rollup_case_moved)
