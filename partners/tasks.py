"""Celery tasks of partners: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def nieuwe_verwijzing_melden(verwijzing_id: int) -> int:
    return services.nieuwe_verwijzing_mailen(verwijzing_id=verwijzing_id)


@shared_task(acks_late=True)
def terugkoppeling_versturen(melding_id: int, gebeurtenis: str) -> bool:
    return services.terugkoppeling_versturen(melding_id=melding_id, gebeurtenis=gebeurtenis)
