"""AVG inzage: everything held on one person, from every app, and who looked at their file.

`toegang` imports no other app: each app registers a source in its AppConfig.ready() with
`@bron("title")`; a source takes a Persoon and returns JSON-ready data about that person only.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.db.models import Q

from .models import Gegevensdeling, LogActie, Toegangslog, Toestemming

_BRONNEN: dict[str, Callable] = {}


def bron(titel: str):
    def registreer(functie: Callable) -> Callable:
        _BRONNEN[titel] = functie
        return functie

    return registreer


def _json(waarde):
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    if isinstance(waarde, dict):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    return waarde


def wie_keek(persoon) -> list[dict]:
    """The access log as a resident can read it: when, organisation, role, what, why."""
    regels = Toegangslog.objects.filter(
        Q(persoon_id=persoon.pk) | Q(huishouden_id=persoon.huishouden_id, persoon_id__isnull=True)
    ).order_by("-tijdstip")
    return [
        {
            "wanneer": regel.tijdstip,
            "organisatie": regel.organisatie,
            "rol": regel.rol,
            "wat": f"{LogActie(regel.actie).label}: {regel.object_type}",
            "resultaat": regel.resultaat,
            "waarom": regel.reden or "routinematig, voor de hulpverlening",
            "doorbraak": regel.doorbraak,
        }
        for regel in regels.iterator(chunk_size=2000)
    ]


@bron("Toestemmingen")
def toestemmingen(persoon) -> list[dict]:
    return [
        {
            "doel": t.get_doel_display(),
            "aan": t.ontvanger_weergave,
            "gegevens": t.onderdelen,
            "hoe": t.get_methode_display(),
            "van": t.geldig_van,
            "tot": t.geldig_tot,
            "ingetrokken_op": t.ingetrokken_op,
        }
        for t in Toestemming.objects.filter(persoon=persoon).select_related("ontvanger")
    ]


@bron("Gedeelde gegevens en hun grondslag")
def gegevensdelingen(persoon) -> list[dict]:
    """Shares of this person's data: their own, and those of the whole household."""
    delingen = Gegevensdeling.objects.filter(
        Q(persoon=persoon) | Q(persoon__isnull=True, huishouden_id=persoon.huishouden_id)
    ).select_related("ontvanger")
    return [
        {
            "aan": d.ontvanger_weergave,
            "grondslag": d.get_grondslag_display(),
            "wetsartikel": d.wettelijk_artikel,
            "doel": d.doel,
            "gegevens": d.reikwijdte,
            "tot": d.einddatum,
            "vastgelegd_op": d.vastgelegd_op,
        }
        for d in delingen
    ]


def inzage(persoon) -> dict:
    gegevens = {titel: functie(persoon) for titel, functie in _BRONNEN.items()}
    gegevens["Wie heeft uw dossier bekeken"] = wie_keek(persoon)
    return _json(gegevens)
