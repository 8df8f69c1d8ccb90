"""What `plannen` holds on one person, for an AVG inzage request (toegang.inzage)."""

from toegang.inzage import bron

from .models import Actie, Ondertekening


@bron("Acties in het plan")
def acties(persoon) -> list[dict]:
    return [
        {
            "planversie": actie.doel.planversie.nummer,
            "doel": actie.doel.omschrijving,
            "wat": actie.wat,
            "wanneer": actie.wanneer,
            "status": actie.get_status_display(),
        }
        for actie in Actie.objects.filter(persoon=persoon).select_related("doel__planversie")
    ]


@bron("Ondertekeningen")
def ondertekeningen(persoon) -> list[dict]:
    return [
        {
            "planversie": o.planversie.nummer,
            "oordeel": o.get_oordeel_display(),
            "opmerkingen": o.opmerkingen,
            "manier": o.get_methode_display(),
        }
        for o in Ondertekening.objects.filter(persoon=persoon).select_related("planversie")
    ]
