from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = "Casussen"

    def ready(self):
        from . import inzage  # noqa: F401  (registers the AVG inzage sources)
