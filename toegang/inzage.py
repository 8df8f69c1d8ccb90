"""AVG inzage: everything held on one person, from every app, and who looked at their file.

`toegang` imports no other app: each app registers a source in its AppConfig.ready() with
`@bron("title")`; a source takes a Persoon and returns JSON-ready data about that person only.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.db.models import Q

from .models import LogActie, Toegangslog, Toestemming

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
            "aan": t.ontvanger.name.removeprefix("Organisatie: ")
            if t.ontvanger
            else t.ontvanger_naam,
            "gegevens": t.onderdelen,
            "hoe": t.get_methode_display(),
            "van": t.geldig_van,
            "tot": t.geldig_tot,
            "ingetrokken_op": t.ingetrokken_op,
        }
        for t in Toestemming.objects.filter(persoon=persoon).select_related("ontvanger")
    ]


def inzage(persoon) -> dict:
    gegevens = {titel: functie(persoon) for titel, functie in _BRONNEN.items()}
    gegevens["Wie heeft uw dossier bekeken"] = wie_keek(persoon)
    return _json(gegevens)
