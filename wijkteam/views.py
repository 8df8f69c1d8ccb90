import kombu.exceptions
import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casussen.herinneringen import link as herinnering_link
from casussen.models import Herinnering
from toegang.policy import publiek, toegang

from . import paginering
from .celery import app as celery_app
from .navigatie import ALLE_ROLLEN


@toegang(*ALLE_ROLLEN)
def start(request):
    return render(request, "start.html")


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _redis() -> bool:
    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def _worker() -> bool:
    try:
        return bool(celery_app.control.ping(timeout=1.0))
    except (OSError, kombu.exceptions.KombuError, redis.RedisError):
        return False


@publiek
@never_cache
def health(request):
    """Database, Redis and Celery worker state; 503 when one is down."""
    redis_up = _redis()
    status = {"database": _database(), "redis": redis_up, "worker": redis_up and _worker()}
    ok = all(status.values())
    body = {"status": "ok" if ok else "storing"}
    body.update({naam: "up" if up else "down" for naam, up in status.items()})
    return JsonResponse(body, status=200 if ok else 503)


@publiek
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def admin_login(request, extra_context=None):
    """The admin has no login of its own: everyone logs in with two factors first."""
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.get_full_path())


@toegang(*ALLE_ROLLEN)
def herinneringen(request):
    """The user's open reminders, the most urgent first."""
    open_ = (
        Herinnering.objects.filter(gebruiker=request.user, afgehandeld_op__isnull=True)
        .select_related("casus")
        .order_by("peildatum", "id")
    )
    pagina = paginering.pagina(request, open_, per_pagina=50)
    for herinnering in pagina.object_list:
        herinnering.link = herinnering_link(herinnering)
    return render(request, "herinneringen.html", {"pagina": pagina})


@toegang(*ALLE_ROLLEN)
@require_POST
def herinnering_afhandelen(request, pk: int):
    herinnering = get_object_or_404(
        Herinnering, pk=pk, gebruiker=request.user, afgehandeld_op__isnull=True
    )
    herinnering.afgehandeld_op = timezone.now()
    herinnering.save(update_fields=["afgehandeld_op"])
    messages.success(request, "De herinnering is afgehandeld.")
    return redirect("herinneringen")
