from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase
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

    @property
    def weergavenaam(self) -> str:
        """How pages, lists and mails name the user: the full name, else the username."""
        return self.get_full_name() or self.username


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


class Doel(models.TextChoices):
    BEROEPSGEHEIM = "beroepsgeheim", "Beroepsgeheim doorbreken: gegevens opvragen bij een partij"
    HERGEBRUIK = "hergebruik", "Gegevens uit het plan hergebruiken voor een andere voorziening"
    DELEN = "delen", "Gegevens delen met een partnerorganisatie voor een verwijzing"


class Onderdeel(models.TextChoices):
    """The parts of a household's record a consent can cover."""

    PERSONALIA = "personalia", "Personalia"
    ACTIES_PARTNER = "acties_partner", "Doelen en acties voor de partner"
    PLAN = "plan", "Het hele plan"
    ZRM = "zrm", "Zelfredzaamheidsmatrix"


class Methode(models.TextChoices):
    FORMULIER = "formulier", "Ondertekend formulier"
    SCHERM = "scherm", "Ondertekend op het scherm"
    MONDELING = "mondeling", "Mondeling, met de consulent als getuige"


class ToestemmingQuerySet(models.QuerySet):
    def voor(self, user):
        """Consents of the households the user may see (team scoping of casussen)."""
        huishoudens = apps.get_model("casussen", "Huishouden").objects.voor(user)
        return self.filter(persoon__huishouden__in=huishoudens.values("pk"))

    def geldig(self, op=None):
        """Given, in force on the day `op` (default today), and not withdrawn."""
        op = op or timezone.localdate()
        return self.filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op),
            geldig_van__lte=op,
            ingetrokken_op__isnull=True,
        )


class MetOntvanger:
    """A partner organisation (its group, `ontvanger`) or a named other recipient."""

    @property
    def ontvanger_weergave(self) -> str:
        if self.ontvanger:
            return self.ontvanger.name.removeprefix("Organisatie: ")
        return self.ontvanger_naam


class Toestemming(MetOntvanger, models.Model):
    """A resident's consent, for one purpose, to one party, for named parts of the record.

    For a child the parents with authority give it; from 12 the child as well; from 16 the
    young person alone (services.toestemming_vastleggen checks this).
    """

    persoon = models.ForeignKey(
        "casussen.Persoon", on_delete=models.PROTECT, related_name="toestemmingen"
    )
    doel = models.CharField(max_length=20, choices=Doel.choices)
    ontvanger = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toestemmingen",
        help_text="De partnerorganisatie die de gegevens mag zien (bij delen).",
    )
    ontvanger_naam = models.CharField(
        "andere partij", max_length=150, blank=True, help_text="Bijvoorbeeld de huisarts."
    )
    onderdelen = ArrayField(models.CharField(max_length=20, choices=Onderdeel.choices))
    door_betrokkene = models.BooleanField("gegeven door de persoon zelf", default=False)
    door_gezaghebbenden = models.ManyToManyField(
        "casussen.Persoon",
        blank=True,
        related_name="toestemmingen_als_gezaghebbende",
        verbose_name="gegeven door ouders met gezag",
    )
    methode = models.CharField(max_length=20, choices=Methode.choices)
    getuige = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[door_gezaghebbenden])

    objects = ToestemmingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "toestemmingen"
        indexes = [models.Index(fields=["ontvanger", "persoon"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="toestemming_einde_na_begin",
            ),
            models.CheckConstraint(
                condition=~Q(doel="delen") | Q(ontvanger__isnull=False),
                name="toestemming_delen_heeft_ontvanger",
            ),
        ]

    def __str__(self):
        return f"{self.get_doel_display()} — {self.ontvanger_weergave}"

    def get_onderdelen_display(self) -> list[str]:
        return [Onderdeel(onderdeel).label for onderdeel in self.onderdelen]


class HuishoudenGroepsrecht(GroupObjectPermissionBase):
    """django-guardian's direct foreign-key table: a partner organisation's (group's) grant on
    a household. Granted and revoked only by toegang.services.partnertoegang_bijwerken."""

    content_object = models.ForeignKey("casussen.Huishouden", on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "recht van een organisatie op een huishouden"
        verbose_name_plural = "rechten van organisaties op huishoudens"


class DoorbraakQuerySet(models.QuerySet):
    def geldig(self):
        return self.filter(geldig_tot__gt=timezone.now())


class Doorbraak(models.Model):
    """Break-the-glass: a consulent outside the team opens a household's record, with a
    stated reason, for a limited time. Logged, and the household's teamleider is told."""

    GELDIG_UREN = 8

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="doorbraken"
    )
    huishouden = models.ForeignKey(
        "casussen.Huishouden", on_delete=models.CASCADE, related_name="doorbraken"
    )
    reden = models.TextField(max_length=1000)
    tijdstip = models.DateTimeField(auto_now_add=True)
    geldig_tot = models.DateTimeField()
    history = HistoricalRecords()

    objects = DoorbraakQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "doorbraken"
        indexes = [models.Index(fields=["gebruiker", "huishouden", "geldig_tot"])]

    def __str__(self):
        return (
            f"{self.gebruiker} → huishouden {self.huishouden_id} ({self.tijdstip:%d-%m-%Y %H:%M})"
        )


class Grondslag(models.TextChoices):
    """The AVG art. 6 ground a sharing of data rests on."""

    TOESTEMMING = "toestemming", "Toestemming van de inwoner"
    WETTELIJKE_TAAK = "wettelijke_taak", "Wettelijke (publieke) taak"
    WETTELIJKE_VERPLICHTING = "wettelijke_verplichting", "Wettelijke verplichting"
    VITAAL_BELANG = "vitaal_belang", "Vitaal belang"


class Gegevensdeling(MetOntvanger, models.Model):
    """One sharing of a household's data with another party and the ground it rests on.

    Municipalities often lean on consent where the public task is the right ground; this record
    makes the ground explicit: consent (then `toestemming` says what and until when), or a legal
    task, obligation or vital interest with the article it rests on. Partner access granted by
    services.partnertoegang_bijwerken records one per covering consent.
    """

    huishouden = models.ForeignKey(
        "casussen.Huishouden", on_delete=models.PROTECT, related_name="gegevensdelingen"
    )
    persoon = models.ForeignKey(
        "casussen.Persoon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gegevensdelingen",
    )
    ontvanger = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gegevensdelingen",
        help_text="De partnerorganisatie die de gegevens ontvangt.",
    )
    ontvanger_naam = models.CharField(
        "andere ontvanger", max_length=150, blank=True, help_text="Bijvoorbeeld Veilig Thuis."
    )
    grondslag = models.CharField(max_length=30, choices=Grondslag.choices)
    toestemming = models.ForeignKey(
        Toestemming,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gegevensdelingen",
    )
    wettelijk_artikel = models.CharField(
        "wetsartikel",
        max_length=150,
        blank=True,
        help_text="Bijvoorbeeld: art. 2.3.2 Wmo 2015.",
    )
    doel = models.TextField(max_length=1000)
    reikwijdte = ArrayField(
        models.CharField(max_length=20, choices=Onderdeel.choices), verbose_name="gedeelde gegevens"
    )
    einddatum = models.DateField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "gegevensdeling"
        verbose_name_plural = "gegevensdelingen"
        ordering = ["-vastgelegd_op", "-id"]
        indexes = [models.Index(fields=["huishouden", "vastgelegd_op"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(grondslag="toestemming") | Q(toestemming__isnull=False),
                name="gegevensdeling_toestemming_heeft_toestemming",
            ),
            models.CheckConstraint(
                condition=Q(grondslag="toestemming") | ~Q(wettelijk_artikel=""),
                name="gegevensdeling_wettelijk_heeft_artikel",
            ),
            models.CheckConstraint(
                condition=Q(ontvanger__isnull=False) | ~Q(ontvanger_naam=""),
                name="gegevensdeling_heeft_ontvanger",
            ),
            models.UniqueConstraint(
                fields=["toestemming"],
                condition=Q(toestemming__isnull=False),
                name="gegevensdeling_eenmaal_per_toestemming",
            ),
        ]

    def __str__(self):
        return f"{self.get_grondslag_display()} — {self.ontvanger_weergave}"

    def get_reikwijdte_display(self) -> list[str]:
        return [Onderdeel(onderdeel).label for onderdeel in self.reikwijdte]


class Bewaartermijnrun(models.Model):
    """One real run of the retention job (toegang.bewaartermijn): when, by whom, how much.
    Counts only: no resident data."""

    peildatum = models.DateField()
    uitgevoerd_op = models.DateTimeField(auto_now_add=True)
    uitvoerder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    casussen = models.PositiveIntegerField(default=0)
    huishoudens = models.PositiveIntegerField(default=0)
    personen = models.PositiveIntegerField(default=0)
    bestanden = models.PositiveIntegerField(default=0)
    historieregels = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bewaartermijnrun"
        verbose_name_plural = "bewaartermijnruns"
        ordering = ["-uitgevoerd_op"]

    def __str__(self):
        return f"Bewaartermijn {self.peildatum:%d-%m-%Y}: {self.casussen} casussen"


class Anonimisering(models.Model):
    """Which case or household a retention run has anonymised, so that the next run (and the
    dry-run report) skips it: running twice is harmless."""

    run = models.ForeignKey(Bewaartermijnrun, on_delete=models.PROTECT, related_name="+")
    casus = models.OneToOneField(
        "casussen.Casus", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    huishouden = models.OneToOneField(
        "casussen.Huishouden", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "anonimiseringen"
        constraints = [
            models.CheckConstraint(
                condition=Q(casus__isnull=False, huishouden__isnull=True)
                | Q(casus__isnull=True, huishouden__isnull=False),
                name="anonimisering_casus_of_huishouden",
            ),
        ]

    def __str__(self):
        return f"casus {self.casus_id}" if self.casus_id else f"huishouden {self.huishouden_id}"
