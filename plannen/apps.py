from django.apps import AppConfig


class PlannenConfig(AppConfig):
    name = "plannen"
    verbose_name = "Plannen"

    def ready(self):
        # Registers reminder scans, inzage sources and timeline events with casussen/toegang.
        from . import herinneringen, inzage, tijdlijn  # noqa: F401
