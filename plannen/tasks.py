"""Celery tasks of the plan: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def pdf_maken(planversie_id: int) -> str:
    """Render the PDF of a plan version (a no-op when the stored PDF is still current)."""
    pdf = services.pdf_renderen(planversie_id=planversie_id)
    return pdf.status if pdf is not None else "onbekend"


@shared_task(acks_late=True)
def beschikking_pdf_maken(beschikking_id: int) -> str:
    """Render the beschikking letter (a no-op when the stored letter is current)."""
    from . import backoffice

    pdf = backoffice.pdf_renderen(beschikking_id=beschikking_id)
    return pdf.status if pdf is not None else "onbekend"
