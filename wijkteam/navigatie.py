"""The main navigation per role. Each issue adds the pages it brings."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from casussen.models import Herinnering
from toegang.models import Rol

ALLE_ROLLEN = tuple(Rol.values)

# (label, url name, roles that see the item)
MENU = [
    ("Start", "start", ALLE_ROLLEN),
    ("Mijn caseload", "casussen:caseload", (Rol.CONSULENT, Rol.TEAMLEIDER)),
    ("Team", "casussen:team", (Rol.TEAMLEIDER,)),
    ("Meldingen", "casussen:meldingen", (Rol.CONSULENT, Rol.TEAMLEIDER)),
    ("Nieuwe melding", "casussen:melding_nieuw", (Rol.CONSULENT, Rol.TEAMLEIDER)),
    ("Zoeken", "casussen:zoeken", (Rol.CONSULENT, Rol.TEAMLEIDER)),
    ("Sociale kaart", "partners:sociale_kaart", (Rol.CONSULENT, Rol.TEAMLEIDER)),
    ("Inbox", "partners:inbox", (Rol.PARTNER,)),
    ("Aanvragen", "plannen:aanvragen", (Rol.BACKOFFICE,)),
    ("Stuurinformatie", "casussen:stuurinformatie", (Rol.TEAMLEIDER, Rol.BELEID)),
    ("Toegangslog", "toegang:logboek", (Rol.BEHEERDER,)),
    ("Beheer", "admin:index", (Rol.BEHEERDER,)),
]


def navigatie(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_verified()):
        return {"menu": []}
    bel = SimpleLazyObject(
        lambda: Herinnering.objects.filter(gebruiker=user, afgehandeld_op__isnull=True).count()
    )
    menu = [
        {"label": label, "url": reverse(naam), "actief": False}
        for label, naam, rollen in MENU
        if user.heeft_rol(*rollen)
    ]
    # The current page is the item with the longest URL the path starts with (only one).
    pad = request.path
    passend = [
        item
        for item in menu
        if pad == item["url"] or (item["url"] != "/" and pad.startswith(item["url"]))
    ]
    if passend:
        max(passend, key=lambda item: len(item["url"]))["actief"] = True
    return {"menu": menu, "herinneringen_open": bel}
