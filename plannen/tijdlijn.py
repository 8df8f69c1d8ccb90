"""The plan's events on a case's timeline: requests for maatwerk and the decisions on them."""

from casussen.selectors import TIJDLIJN_MAX, TIJDLIJNBRONNEN, Gebeurtenis

from .models import Aanvraag


def aanvragen_en_besluiten(casus) -> list[Gebeurtenis]:
    items = []
    aanvragen = (
        Aanvraag.objects.filter(casus=casus)
        .select_related("aangemaakt_door", "beschikking__besloten_door")
        .order_by("-aangemaakt_op")[:TIJDLIJN_MAX]
    )
    for aanvraag in aanvragen:
        items.append(
            Gebeurtenis(
                aanvraag.aangemaakt_op,
                "aanvraag",
                f"Aanvraag maatwerk: {aanvraag.soort}",
                aanvraag.get_wet_display(),
                aanvraag.aangemaakt_door.get_full_name() if aanvraag.aangemaakt_door else "",
            )
        )
        beschikking = getattr(aanvraag, "beschikking", None)
        if beschikking is not None:
            items.append(
                Gebeurtenis(
                    beschikking.besloten_op,
                    "beschikking",
                    f"Besluit: {beschikking.get_besluit_display().lower()}",
                    f"{aanvraag.soort} ({beschikking.get_status_display().lower()})",
                    beschikking.besloten_door.get_full_name() if beschikking.besloten_door else "",
                )
            )
    return items


TIJDLIJNBRONNEN.append(aanvragen_en_besluiten)
