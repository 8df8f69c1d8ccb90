"""What `casussen` holds on one person, for an AVG inzage request (toegang.inzage)."""

from toegang.inzage import bron

from .models import Casus, ZrmScore


@bron("Persoonsgegevens")
def persoonsgegevens(persoon) -> list[dict]:
    h = persoon.huishouden
    return [
        {
            "naam": persoon.naam,
            "geboortedatum": persoon.geboortedatum,
            "bsn": persoon.bsn or "",
            "rol in het huishouden": persoon.get_rol_display(),
            "telefoon": persoon.telefoon,
            "e-mail": persoon.email,
            "huisarts": persoon.huisarts,
            "adres": f"{h.straat} {h.huisnummer}{h.toevoeging}, {h.postcode} {h.plaats}".strip(),
        }
    ]


@bron("Casussen")
def casussen(persoon) -> list[dict]:
    return [
        {
            "nummer": casus.nummer,
            "status": casus.get_status_display(),
            "vraag": casus.vraag,
            "wetten": ", ".join(casus.wetten_labels),
            "geopend op": casus.geopend_op,
            "gesloten op": casus.gesloten_op,
        }
        for casus in Casus.objects.filter(huishouden_id=persoon.huishouden_id).order_by(
            "geopend_op"
        )
    ]


@bron("Zelfredzaamheidsmatrix")
def zrm(persoon) -> list[dict]:
    return [
        {
            "datum": score.meting.datum,
            "leefgebied": score.domein.naam,
            "score": score.get_score_display() if score.score else "niet gescoord",
            "reden niet gescoord": score.reden_niet_gescoord,
        }
        for score in ZrmScore.objects.filter(persoon=persoon)
        .select_related("meting", "domein")
        .order_by("meting__datum", "domein__volgorde")
    ]
