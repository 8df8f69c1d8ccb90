from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from toegang.models import Rol, Team

from .validators import valideer_bsn


class Wet(models.TextChoices):
    WMO = "wmo", "Wmo 2015"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    PARTICIPATIEWET = "participatiewet", "Participatiewet"


class TeamQuerySet(models.QuerySet):
    """Team scoping: staff of a team see that team's records; the database does the filter."""

    team_veld = "team"

    def voor(self, user):
        if user.is_authenticated and user.team_id and user.heeft_rol(Rol.CONSULENT, Rol.TEAMLEIDER):
            return self.filter(**{f"{self.team_veld}_id": user.team_id})
        return self.none()


class Huishouden(models.Model):
    straat = models.CharField(max_length=100, blank=True)
    huisnummer = models.PositiveIntegerField()
    toevoeging = models.CharField(max_length=10, blank=True)
    postcode = models.CharField(max_length=6, db_index=True)
    plaats = models.CharField(max_length=80)
    wijk = models.CharField(max_length=80, blank=True, db_index=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="huishoudens")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "huishoudens"
        indexes = [models.Index(fields=["postcode", "huisnummer"])]

    def __str__(self):
        adres = f"{self.straat} {self.huisnummer}{self.toevoeging}".strip()
        return f"{adres}, {self.plaats}"


class RolInHuishouden(models.TextChoices):
    HOOFDBEWONER = "hoofdbewoner", "Hoofdbewoner"
    PARTNER = "partner", "Partner"
    KIND = "kind", "Kind"
    OUDER = "ouder", "Ouder"
    OVERIG = "overig", "Overig"


class PersoonQuerySet(TeamQuerySet):
    team_veld = "huishouden__team"


class Persoon(models.Model):
    huishouden = models.ForeignKey(Huishouden, on_delete=models.PROTECT, related_name="leden")
    voornamen = models.CharField(max_length=100)
    tussenvoegsel = models.CharField(max_length=20, blank=True)
    achternaam = models.CharField(max_length=100)
    geboortedatum = models.DateField()
    bsn = models.CharField(
        "BSN", max_length=9, null=True, blank=True, unique=True, validators=[valideer_bsn]
    )
    rol = models.CharField(
        "rol in het huishouden",
        max_length=20,
        choices=RolInHuishouden.choices,
        default=RolInHuishouden.HOOFDBEWONER,
    )
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    huisarts = models.CharField(max_length=100, blank=True)
    is_contactpersoon = models.BooleanField("contactpersoon", default=False)
    history = HistoricalRecords()

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "personen"
        ordering = ["geboortedatum", "id"]
        indexes = [models.Index(fields=["achternaam", "geboortedatum"])]

    def __str__(self):
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


class Status(models.TextChoices):
    AANMELDING = "aanmelding", "Aanmelding"
    VRAAGVERHELDERING = "vraagverheldering", "Vraagverheldering"
    PLAN = "plan", "Plan"
    UITVOERING = "uitvoering", "Uitvoering"
    EVALUATIE = "evaluatie", "Evaluatie"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Casus(models.Model):
    huishouden = models.ForeignKey(Huishouden, on_delete=models.PROTECT, related_name="casussen")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="casussen")
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="casussen_als_regisseur"
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="casussen_als_backup",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AANMELDING)
    wetten = ArrayField(models.CharField(max_length=20, choices=Wet.choices), default=list)
    vraag = models.TextField("hulpvraag", max_length=2000)
    geopend_op = models.DateField()
    gesloten_op = models.DateField(null=True, blank=True)
    sluitreden = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "casussen"
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["regisseur", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="afgesloten") | Q(gesloten_op__isnull=True),
                name="casus_alleen_afgesloten_heeft_sluitdatum",
            ),
        ]

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"C-{self.pk:06d}"


class Domein(models.Model):
    """A life domain (leefgebied) of the zelfredzaamheidsmatrix. Data, not code: the 13 of ZRM
    2017 are loaded by a migration; the beheerder may change the set."""

    naam = models.CharField(max_length=60, unique=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "leefgebied"
        verbose_name_plural = "leefgebieden"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam
