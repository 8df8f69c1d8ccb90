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


class LogActie(models.TextChoices):
    BEKIJKEN = "bekijken", "Bekeken"
    ZOEKEN = "zoeken", "Gezocht"
    PRINTEN = "printen", "Afgedrukt"
    EXPORTEREN = "exporteren", "Geëxporteerd"
    WIJZIGEN = "wijzigen", "Gewijzigd"


class LogResultaat(models.TextChoices):
    TOEGESTAAN = "toegestaan", "Toegestaan"
    GEWEIGERD = "geweigerd", "Geweigerd"


class Toegangslog(models.Model):
    """Who saw or changed what of a resident (NEN 7513, BIO2 8.15.01, Logboek Dataverwerkingen).

    The table is created by migration 0002 as a PostgreSQL table partitioned by month, with a
    trigger that refuses UPDATE, DELETE and TRUNCATE whatever the application does: the log is
    append-only. It has no foreign keys, so it outlives the records and accounts it names.
    """

    id = models.BigAutoField(primary_key=True)
    tijdstip = models.DateTimeField(db_default=models.functions.Now())
    gebruiker_id = models.BigIntegerField(null=True)
    gebruikersnaam = models.CharField(max_length=150)
    namens = models.CharField("namens", max_length=150, blank=True, default="")
    rol = models.CharField(max_length=100)
    organisatie = models.CharField(max_length=150, blank=True, default="")
    huishouden_id = models.BigIntegerField(null=True)
    persoon_id = models.BigIntegerField(null=True)
    object_type = models.CharField(max_length=50)
    object_id = models.BigIntegerField(null=True)
    actie = models.CharField(max_length=20, choices=LogActie.choices)
    resultaat = models.CharField(max_length=20, choices=LogResultaat.choices)
    ip = models.GenericIPAddressField(null=True)
    verwerkingsactiviteit = models.CharField(max_length=100)
    reden = models.TextField(blank=True, default="")
    doorbraak = models.BooleanField(default=False)

    class Meta:
        managed = False
        db_table = "toegang_toegangslog"
        ordering = ["-tijdstip"]
        verbose_name = "toegangslogregel"
        verbose_name_plural = "toegangslog"

    def __str__(self):
        return (
            f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} {self.object_type}"
        )
