from django.db import models


class UitgesteldeTaak(models.Model):
    """Celery work that could not reach Redis. Saved in the database instead of lost; sent
    again when a worker starts and every minute by beat (wijkteam.celery.uitgestelde_versturen)."""

    taak = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "uitgestelde taak"
        verbose_name_plural = "uitgestelde taken"
        ordering = ["id"]

    def __str__(self):
        return f"{self.taak} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"
