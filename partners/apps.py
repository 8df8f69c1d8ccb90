from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        # Registers the referral reminder scans with casussen.herinneringen.
        from . import herinneringen, signals  # noqa: F401
