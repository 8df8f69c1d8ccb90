"""Rate limits per URL name (settings.RATELIMIETEN), so views stay as they are.

django-ratelimit counts in the shared Redis cache, per user, or per IP address before login.
Over the limit the answer is 429 with a Dutch page and Retry-After.
"""

import logging
import math

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class RatelimietMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        naam = request.resolver_match.view_name
        regel = settings.RATELIMIETEN.get(naam)
        if regel is None:
            return None
        limiet, methode = regel
        try:
            gebruik = get_usage(
                request,
                group=naam,
                key="user_or_ip",
                rate=limiet,
                method=methode or ALL,
                increment=True,
            )
        except RedisError:
            # Fail open: without Redis no page should break; the account lock (django-axes, in
            # the database) still stops password guessing.
            logger.warning("Snelheidslimiet voor %s niet te tellen: Redis is onbereikbaar", naam)
            return None
        if gebruik is None or not gebruik["should_limit"]:
            return None
        logger.warning("Snelheidslimiet %s bereikt voor %s", limiet, naam)
        seconden = max(gebruik["time_left"], 1)
        response = render(request, "429.html", {"minuten": math.ceil(seconden / 60)}, status=429)
        response["Retry-After"] = str(seconden)
        return response
