from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "zwfw.ratings"
    verbose_name = "好差评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The supervision sweep names the responsible person of a clock through a registry of
        # owner types; work-order clocks answer with the department's heads (see owners.py).
        from zwfw.supervision.owners import RESOLVERS

        from .owners import work_order_owner

        RESOLVERS["ratings.workorder"] = work_order_owner
