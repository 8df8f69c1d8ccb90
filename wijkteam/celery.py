import logging
import os

import kombu.exceptions
import redis
from celery import Celery, Task
from celery.contrib.django.task import DjangoTask
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkteam.settings")

logger = logging.getLogger(__name__)
BROKER_FOUTEN = (kombu.exceptions.OperationalError, redis.RedisError, ConnectionError, OSError)


class BestendigeTaak(DjangoTask):
    """A task (Django's, with delay_on_commit) whose sending never fails the request: when
    Redis is unreachable the call is kept in the database (UitgesteldeTaak) and sent when Redis
    is back. Saved data stays saved."""

    def apply_async(self, args=None, kwargs=None, **options):
        try:
            return super().apply_async(args, kwargs, **options)
        except BROKER_FOUTEN:
            from .models import UitgesteldeTaak

            logger.warning("Redis onbereikbaar: %s uitgesteld", self.name)
            UitgesteldeTaak.objects.create(
                taak=self.name, args=list(args or []), kwargs=kwargs or {}
            )
            return None


app = Celery("wijkteam", task_cls=BestendigeTaak)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="wijkteam.uitgestelde_versturen")
def uitgestelde_versturen() -> int:
    """Send what was kept while Redis was away, oldest first; stop at the first failure."""
    from django.db import transaction

    from .models import UitgesteldeTaak

    verstuurd = 0
    for uitgesteld in UitgesteldeTaak.objects.order_by("id"):
        with transaction.atomic():
            rij = (
                UitgesteldeTaak.objects.select_for_update(skip_locked=True)
                .filter(pk=uitgesteld.pk)
                .first()
            )
            if rij is None:
                continue
            try:
                Task.apply_async(app.tasks[rij.taak], rij.args, rij.kwargs)
            except BROKER_FOUTEN:
                break
            rij.delete()
            verstuurd += 1
    return verstuurd


@worker_ready.connect
def _bij_start_uitgestelde_versturen(sender, **kwargs):
    uitgestelde_versturen.delay()
