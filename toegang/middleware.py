import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from .policy import INLOGSTAP, PUBLIEK, declaratie

huidig_verzoek: ContextVar = ContextVar("huidig_verzoek", default=None)

SESSIE_BEGIN = "toegang_begin"
SESSIE_ACTIEF = "toegang_actief"


class SessieduurMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS idle or SESSION_MAX_SECONDS in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            begin = request.session.get(SESSIE_BEGIN, now)
            actief = request.session.get(SESSIE_ACTIEF, now)
            if (
                now - actief > settings.SESSION_IDLE_SECONDS
                or now - begin > settings.SESSION_MAX_SECONDS
            ):
                logout(request)
                messages.info(request, "Uw sessie is verlopen. Log opnieuw in.")
            else:
                request.session.setdefault(SESSIE_BEGIN, now)
                if now - actief >= 60 or SESSIE_ACTIEF not in request.session:
                    request.session[SESSIE_ACTIEF] = now
        return self.get_response(request)


class TweedeFactorMiddleware:
    """No page but the login steps before both factors; undeclared views are refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        declared = "admin" if match and match.app_name == "admin" else declaratie(view_func)
        if declared == PUBLIEK:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if declared == INLOGSTAP:
            return None
        if not user.is_verified():
            return redirect("toegang:tweede_factor")
        if declared is None:
            raise Http404  # a view without a declaration is never served
        if declared == "admin" and not user.is_staff:
            raise Http404
        return None


class HuidigVerzoekMiddleware:
    """Makes the request known to the access policy, which logs from where a record was seen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = huidig_verzoek.set(request)
        try:
            return self.get_response(request)
        finally:
            huidig_verzoek.reset(token)
