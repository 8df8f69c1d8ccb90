from celery import shared_task
from django.contrib.auth import get_user_model

from . import herinneringen


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, retry_backoff=True)
def herinneringen_scannen() -> dict:
    """Idempotent: a retry after a crash adds only what is still missing."""
    return herinneringen.scannen()


@shared_task(acks_late=True)
def dagoverzichten_versturen() -> int:
    ontvangers = (
        get_user_model()
        .objects.filter(herinneringen__afgehandeld_op__isnull=True, is_active=True)
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )
    for gebruiker_id in ontvangers:
        dagoverzicht_versturen.delay(gebruiker_id)
    return len(ontvangers)


@shared_task(acks_late=True)
def dagoverzicht_versturen(gebruiker_id: int) -> bool:
    return herinneringen.dagoverzicht_versturen(gebruiker_id=gebruiker_id)
