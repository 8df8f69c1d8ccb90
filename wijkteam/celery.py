import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkteam.settings")

app = Celery("wijkteam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
