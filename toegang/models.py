from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.db import models
from simple_history.models import HistoricalRecords


class Rol(models.TextChoices):
    CONSULENT = "consulent", "Consulent"
    TEAMLEIDER = "teamleider", "Teamleider"
    BACKOFFICE = "backoffice", "Backoffice"
    PARTNER = "partner", "Partner"
    BEHEERDER = "beheerder", "Functioneel beheerder"
    BELEID = "beleid", "Beleid"


class Gemeente(models.Model):
    naam = models.CharField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "gemeenten"

    def __str__(self):
        return self.naam


class Team(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="teams")
    naam = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="team_naam_uniek"),
        ]

    def __str__(self):
        return self.naam


class Gebruiker(AbstractUser):
    """A staff or partner account. Roles are data; a partner's organisation is a group
    (partners.Organisatie.groep), so `toegang` needs no knowledge of `partners`."""

    rollen = ArrayField(
        models.CharField(max_length=20, choices=Rol.choices), default=list, blank=True
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="leden"
    )
    is_demo = models.BooleanField(
        "demo-account",
        default=False,
        help_text="Alleen in demo-modus (DEBUG) toont het inlogscherm de code van de app.",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    @property
    def rollen_labels(self) -> list[str]:
        return [Rol(rol).label for rol in self.rollen]

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(set(self.rollen) & set(rollen))
