"""The main navigation per role. Each issue adds the pages it brings."""

from django.urls import reverse

from toegang.models import Rol

ALLE_ROLLEN = tuple(Rol.values)

# (label, url name, roles that see the item)
MENU = [
    ("Start", "start", ALLE_ROLLEN),
    ("Toegangslog", "toegang:logboek", (Rol.BEHEERDER,)),
    ("Beheer", "admin:index", (Rol.BEHEERDER,)),
]


def navigatie(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_verified()):
        return {"menu": []}
    pad = request.path
    menu = []
    for label, naam, rollen in MENU:
        if user.heeft_rol(*rollen):
            url = reverse(naam)
            actief = pad == url if url == "/" else pad.startswith(url)
            menu.append({"label": label, "url": url, "actief": actief})
    return {"menu": menu}
