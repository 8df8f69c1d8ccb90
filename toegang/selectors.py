"""Reads of `toegang` that other apps build their queries with (always in the database)."""

from django.db.models import Exists, OuterRef, Q

from .models import Doel, Doorbraak, HuishoudenGroepsrecht, Toestemming

BEKIJK_HUISHOUDEN = "view_huishouden"


def partner_huishoudens(user, huishouden_veld: str = "pk") -> Q:
    """Households a partner user may see: a grant to the user's organisation (an open referral)
    and, at this moment, a valid consent to share with that organisation. Checked in SQL, so
    withdrawal and expiry close access at the very next request."""
    groepen = user.groups.values("pk")
    grant = HuishoudenGroepsrecht.objects.filter(
        content_object_id=OuterRef(huishouden_veld),
        group__in=groepen,
        permission__codename=BEKIJK_HUISHOUDEN,
    )
    toestemming = Toestemming.objects.geldig().filter(
        doel=Doel.DELEN,
        ontvanger__in=groepen,
        persoon__huishouden_id=OuterRef(huishouden_veld),
    )
    return Q(Exists(grant), Exists(toestemming))


def gedekte_onderdelen(*, groep_ids, huishouden_id) -> set[str]:
    """The parts of a household's record the valid consents to these groups cover."""
    rijen = Toestemming.objects.geldig().filter(
        doel=Doel.DELEN, ontvanger__in=groep_ids, persoon__huishouden_id=huishouden_id
    )
    return {
        onderdeel
        for onderdelen in rijen.values_list("onderdelen", flat=True)
        for onderdeel in onderdelen
    }


def doorbraak_huishouden_ids(user) -> list[int]:
    """Households this user opened by break-the-glass, while the opening lasts. One small
    indexed query, remembered on the user object for the rest of the request."""
    if not hasattr(user, "_doorbraak_ids"):
        user._doorbraak_ids = list(
            Doorbraak.objects.geldig()
            .filter(gebruiker_id=user.pk)
            .values_list("huishouden_id", flat=True)
        )
    return user._doorbraak_ids
