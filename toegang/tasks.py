from celery import shared_task
from django.utils import timezone

from . import bewaartermijn, services


@shared_task(acks_late=True)
def meld_doorbraak(doorbraak_id: int) -> int:
    return services.doorbraak_melden(doorbraak_id=doorbraak_id)


@shared_task(acks_late=True)
def bewaartermijn_toepassen() -> int:
    """Monthly (CELERY_BEAT_SCHEDULE). Idempotent: what a run anonymised is in its ledger and
    skipped the next time. Returns the number of cases anonymised."""
    return bewaartermijn.bewaartermijn_toepassen(peildatum=timezone.localdate()).casussen
