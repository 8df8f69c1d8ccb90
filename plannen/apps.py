from django.apps import AppConfig


class PlannenConfig(AppConfig):
    name = "plannen"
    verbose_name = "Plannen"

    def ready(self):
        from . import inzage  # noqa: F401  (registers the AVG inzage sources)
