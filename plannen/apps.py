from django.apps import AppConfig


class PlannenConfig(AppConfig):
    name = "plannen"
    verbose_name = "Plannen"

    def ready(self):
        from . import herinneringen, inzage  # noqa: F401  (registers reminder scans, inzage)
