"""Reads of `toegang` that other apps build their queries with (always in the database)."""

from functools import cache

from django.contrib.auth.models import Permission
from django.db.models import BooleanField, Exists, Func, OuterRef, Q
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .models import Doel, Doorbraak, HuishoudenGroepsrecht, Toestemming

BEKIJK_HUISHOUDEN = "view_huishouden"


@cache
def _bekijk_huishouden_id() -> int:
    """The id of the grant's permission, looked up once per process. Ids are stable within a
    database; a test flush recreates the permissions, hence the reset below."""
    return Permission.objects.get(content_type__app_label="casussen", codename=BEKIJK_HUISHOUDEN).pk


@receiver(post_migrate, dispatch_uid="toegang.selectors.bekijk_huishouden_id")
def _bekijk_huishouden_id_vergeten(**kwargs):
    _bekijk_huishouden_id.cache_clear()


def groep_ids(user) -> list[int]:
    """The user's groups (for a partner: its organisation's), as constants the planner can
    estimate with. One small query, remembered on the user object for the rest of the request."""
    if not hasattr(user, "_groep_ids"):
        user._groep_ids = list(user.groups.values_list("pk", flat=True))
    return user._groep_ids


class _PerRij(Func):
    """`(a AND b) IS TRUE`: in a WHERE clause the same as `a AND b`, but PostgreSQL keeps the
    EXISTS checks as a filter on each row instead of turning them into joins."""

    template = "(%(expressions)s) IS TRUE"
    arg_joiner = " AND "
    output_field = BooleanField()


def partner_huishoudens(user, huishouden_veld: str = "pk", *, per_rij: bool = False) -> Q:
    """Households a partner user may see: a grant to the user's organisation (an open referral)
    and, at this moment, a valid consent to share with that organisation. Checked in SQL, so
    withdrawal and expiry close access at the very next request.

    `per_rij`: check each row of a list read in index order and cut off after a page (the
    partner inbox). As joins, the planner cannot see that an organisation's referrals are
    exactly its granted households: it expects a handful of thousands, so it joins them all
    and sorts them."""
    groepen = groep_ids(user)
    grant = HuishoudenGroepsrecht.objects.filter(
        content_object_id=OuterRef(huishouden_veld),
        group_id__in=groepen,
        permission_id=_bekijk_huishouden_id(),
    )
    toestemming = Toestemming.objects.geldig().filter(
        doel=Doel.DELEN,
        ontvanger__in=groepen,
        persoon__huishouden_id=OuterRef(huishouden_veld),
    )
    if per_rij:
        return Q(_PerRij(Exists(grant), Exists(toestemming)))
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
