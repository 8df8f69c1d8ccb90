from celery import shared_task

from . import services


@shared_task(acks_late=True)
def meld_doorbraak(doorbraak_id: int) -> int:
    return services.doorbraak_melden(doorbraak_id=doorbraak_id)
