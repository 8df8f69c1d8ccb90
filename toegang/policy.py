"""The one access policy. Views declare which roles may reach them; records are narrowed by
`zichtbaar`, which asks the queryset's own `voor(user)` so that the database does the filtering.

A user who may not reach a page or record gets 404, never 403: no one learns that it exists.
Anonymous users and users without a verified second factor never reach a view at all
(toegang.middleware.TweedeFactorMiddleware sends them to the login steps).
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.db.models import QuerySet
from django.http import Http404

PUBLIEK = "publiek"  # reachable without login (login page, health check)
INLOGSTAP = "inlogstap"  # reachable after the password, before the second factor


def mag_pagina(user, rollen: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.is_verified() and user.heeft_rol(*rollen))


def toegang(*rollen: str) -> Callable:
    """Declare which roles may reach a function view; everyone else gets 404."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not mag_pagina(request.user, rollen):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.toegang = frozenset(rollen)
        return wrapper

    return decorator


def publiek(view):
    """Mark a view as reachable without logging in."""
    view.toegang = PUBLIEK
    return view


def inlogstap(view):
    """Mark a view as a login step: a password is given, the second factor not yet."""
    view.toegang = INLOGSTAP
    return view


class ToegangMixin:
    """For class-based views: `rollen` names who may reach the view; others get 404."""

    rollen: frozenset[str] = frozenset()

    def dispatch(self, request, *args, **kwargs):
        if not mag_pagina(request.user, self.rollen):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def declaratie(view_func) -> frozenset[str] | str | None:
    """What a resolved view declares: a set of roles, PUBLIEK, INLOGSTAP, or None (undeclared)."""
    declared = getattr(view_func, "toegang", None)
    view_class = getattr(view_func, "view_class", None)
    if declared is None and view_class is not None and issubclass(view_class, ToegangMixin):
        declared = frozenset(view_class.rollen)
    return declared


def zichtbaar(user, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` this user may see, filtered in the database."""
    return queryset.voor(user)


def ophalen_of_404(user, queryset: QuerySet, *, actie: str | None = None, **lookup):
    """One record the user may see, or 404. Either way the access log gets one row: a view
    (or, on a POST, a change) of the record, or a refused attempt on a record that exists."""
    from .middleware import huidig_verzoek
    from .models import LogActie, LogResultaat
    from .services import log_toegang

    request = huidig_verzoek.get()
    actie = (
        LogActie.WIJZIGEN if request is not None and request.method == "POST" else LogActie.BEKIJKEN
    )
    try:
        record = zichtbaar(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        bestaand = queryset.model._default_manager.filter(**lookup).first()
        if bestaand is not None:
            log_toegang(
                gebruiker=user,
                object=bestaand,
                actie=actie,
                resultaat=LogResultaat.GEWEIGERD,
                request=request,
            )
        raise Http404 from None
    log_toegang(gebruiker=user, object=record, actie=actie, request=request)
    return record
