"""The project's settings with bench.urls: the bench-only admin site on /bench-admin/. Used by
bench/run.py (in-process and for gunicorn), never by the app itself."""

from wijkteam.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
