"""Partner organisations, the social map, the referral (VIA-ticket) and what partners report.

A partner organisation's staff are the members of its auth group (`Organisatie.groep`): access
grants (toegang) go to that group, so `toegang` never needs to know these models.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from simple_history.models import HistoricalRecords

from toegang.models import Rol

GROEP_PREFIX = "Organisatie: "  # toegang.services._organisatie reads the name back from it


class Soort(models.TextChoices):
    FORMEEL = "formeel", "Formele organisatie"
    INFORMEEL = "informeel", "Informele organisatie"
    VRIJWILLIGERS = "vrijwilligers", "Vrijwilligersorganisatie"


class OrganisatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Organisatie(models.Model):
    """A partner organisation on the social map. Its staff are the members of `groep`."""

    naam = models.CharField(max_length=150, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.FORMEEL)
    omschrijving = models.TextField(
        "wat de organisatie doet", max_length=2000, blank=True, default=""
    )
    diensten = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        help_text="Gescheiden door komma's, bijvoorbeeld: schuldhulp,maatschappelijk werk",
    )
    wijken = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        verbose_name="werkgebied (wijken en dorpen)",
        help_text="Gescheiden door komma's. Leeg: de hele gemeente.",
    )
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField(blank=True)
    contactpersoon = models.CharField(max_length=150, blank=True, default="")
    intakeadres = models.CharField(max_length=200, blank=True)
    actief = models.BooleanField(
        default=True, help_text="Een inactieve organisatie staat niet op de sociale kaart."
    )
    groep = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisatie")
    history = HistoricalRecords()

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    @property
    def hele_gemeente(self) -> bool:
        return not self.wijken


class Verwijzingstatus(models.TextChoices):
    VERSTUURD = "verstuurd", "Verstuurd"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    BEZIG = "bezig", "Bezig"
    AFGEROND = "afgerond", "Afgerond"


OPEN_STATUSSEN = (
    Verwijzingstatus.VERSTUURD,
    Verwijzingstatus.GEACCEPTEERD,
    Verwijzingstatus.BEZIG,
)

# The only allowed moves of a referral. Every other move is refused.
VERWIJZING_OVERGANGEN: dict[str, tuple[str, ...]] = {
    Verwijzingstatus.VERSTUURD: (Verwijzingstatus.GEACCEPTEERD, Verwijzingstatus.AFGEWEZEN),
    Verwijzingstatus.GEACCEPTEERD: (Verwijzingstatus.BEZIG, Verwijzingstatus.AFGEROND),
    Verwijzingstatus.BEZIG: (Verwijzingstatus.AFGEROND,),
    Verwijzingstatus.AFGEWEZEN: (),
    Verwijzingstatus.AFGEROND: (),
}

# What the partner's button for a move says.
OVERGANG_LABELS: dict[str, str] = {
    Verwijzingstatus.GEACCEPTEERD: "Accepteren",
    Verwijzingstatus.AFGEWEZEN: "Afwijzen",
    Verwijzingstatus.BEZIG: "Gestart",
    Verwijzingstatus.AFGEROND: "Afronden",
}


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in VERWIJZING_OVERGANGEN.get(van, ())


class VerwijzingQuerySet(models.QuerySet):
    """Team staff see their team's referrals; a partner sees its organisation's referrals only
    while the household is granted to the organisation and a valid consent covers it (SQL)."""

    def voor(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.team_id and user.heeft_rol(Rol.CONSULENT, Rol.TEAMLEIDER):
            return self.filter(casus__team_id=user.team_id)
        if user.heeft_rol(Rol.PARTNER):
            return self.voor_partner(user)
        return self.none()

    def voor_partner(self, user):
        from toegang.selectors import groep_ids, partner_huishoudens

        if not (user.is_authenticated and user.heeft_rol(Rol.PARTNER)):
            return self.none()
        if not hasattr(user, "_organisatie_ids"):  # constants, remembered for the request
            user._organisatie_ids = list(
                Organisatie.objects.filter(groep_id__in=groep_ids(user)).values_list(
                    "pk", flat=True
                )
            )
        return self.filter(
            partner_huishoudens(user, "casus__huishouden_id", per_rij=True),
            organisatie_id__in=user._organisatie_ids,
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSSEN)


# The inbox's first sort key: open referrals (0) before closed ones (1). One expression for the
# inbox and its index, so PostgreSQL matches the ORDER BY to the index.
OPEN_EERST = Case(When(status__in=OPEN_STATUSSEN, then=Value(0)), default=Value(1))


class Verwijzing(models.Model):
    """The VIA-ticket: a case referred to a partner organisation, with a short question in the
    resident's words, the plan actions it concerns and the consent that covers it."""

    casus = models.ForeignKey(
        "casussen.Casus", on_delete=models.PROTECT, related_name="verwijzingen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="verwijzingen"
    )
    vraag = models.TextField(
        "vraag", max_length=1000, help_text="Kort, in de woorden van de inwoner."
    )
    acties = models.ManyToManyField(
        "plannen.Actie",
        blank=True,
        related_name="verwijzingen",
        verbose_name="acties uit het plan",
    )
    toestemming = models.ForeignKey(
        "toegang.Toestemming", on_delete=models.PROTECT, related_name="verwijzingen"
    )
    status = models.CharField(
        max_length=20, choices=Verwijzingstatus.choices, default=Verwijzingstatus.VERSTUURD
    )
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    verstuurd_op = models.DateTimeField(default=timezone.now)
    beantwoord_op = models.DateTimeField("geaccepteerd of afgewezen op", null=True, blank=True)
    afwijsreden = models.TextField("reden van afwijzing", max_length=2000, blank=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    uitkomst = models.TextField(max_length=4000, blank=True)
    # Reminders (a general Herinnering model comes later): when each was sent, so once only.
    history = HistoricalRecords(m2m_fields=[acties])

    objects = VerwijzingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "verwijzingen"
        ordering = ["-verstuurd_op", "-id"]
        indexes = [
            models.Index(fields=["organisatie", "status", "verstuurd_op"]),
            models.Index(fields=["casus", "status"]),
            models.Index(fields=["status", "verstuurd_op"]),
            # The partner inbox: one organisation's referrals in display order, read a page at
            # a time (partners.selectors.inbox).
            models.Index(
                F("organisatie_id"),
                OPEN_EERST,
                F("verstuurd_op").desc(),
                F("id").desc(),
                name="verwijzing_inbox",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(afwijsreden=""),
                name="verwijzing_afgewezen_heeft_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgerond") | ~Q(uitkomst=""),
                name="verwijzing_afgerond_heeft_uitkomst",
            ),
        ]

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"V-{self.pk:06d}"

    @property
    def huishouden_id(self) -> int:
        """For the access log (toegang.services.log_toegang names the household)."""
        return self.casus.huishouden_id

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    @property
    def acties_bijwerkbaar(self) -> bool:
        return self.status in (Verwijzingstatus.GEACCEPTEERD, Verwijzingstatus.BEZIG)

    @property
    def leeftijd_dagen(self) -> int:
        return (timezone.localdate() - timezone.localdate(self.verstuurd_op)).days

    @property
    def volgende_stappen(self) -> list[tuple[str, str]]:
        return [(naar, OVERGANG_LABELS[naar]) for naar in VERWIJZING_OVERGANGEN[self.status]]


class Verwijzingsovergang(models.Model):
    """One move of a referral's status: who, when, and the reason or outcome."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.PROTECT, related_name="overgangen")
    van = models.CharField(max_length=20, choices=Verwijzingstatus.choices, blank=True)
    naar = models.CharField(max_length=20, choices=Verwijzingstatus.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    toelichting = models.TextField(max_length=4000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "statusovergang van een verwijzing"
        verbose_name_plural = "statusovergangen van verwijzingen"
        ordering = ["op", "id"]
        indexes = [models.Index(fields=["verwijzing", "op"])]

    def __str__(self):
        return f"{self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Voortgangsnotitie(models.Model):
    """Progress reported by the partner on a referral; the team reads it."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.PROTECT, related_name="notities")
    tekst = models.TextField(max_length=4000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "voortgangsnotities"
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["verwijzing", "op"])]

    def __str__(self):
        return f"Notitie {timezone.localtime(self.op):%d-%m-%Y %H:%M}"


class Actiemelding(models.Model):
    """A partner's report of the status of a plan action assigned to its organisation.

    A signed plan version is frozen in the database (plannen migration 0002), so a partner
    cannot change `Actie.status` there; the report is kept here, keyed by the action's
    `sleutel` (the same across plan versions). On a draft version the action itself is updated
    too (through plannen.services). The newest report per action is what the team sees.
    """

    actie = models.ForeignKey(
        "plannen.Actie", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actie_sleutel = models.UUIDField(db_index=True)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    verwijzing = models.ForeignKey(
        Verwijzing, on_delete=models.PROTECT, null=True, blank=True, related_name="actiemeldingen"
    )
    status = models.CharField(max_length=20)  # plannen.models.Actiestatus
    toelichting = models.CharField(max_length=500, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "actiemelding van een partner"
        verbose_name_plural = "actiemeldingen van partners"
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["actie_sleutel", "op"])]

    def __str__(self):
        return f"{self.status} ({timezone.localtime(self.op):%d-%m-%Y})"

    def get_status_display(self) -> str:
        from plannen.models import Actiestatus

        return Actiestatus(self.status).label if self.status in Actiestatus.values else self.status


class Gebeurtenis(models.TextChoices):
    IN_BEHANDELING = "in_behandeling", "In behandeling genomen"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Terugkoppeling(models.Model):
    """A message to a professional who reported the household: once per melding and event.
    Holds no content beyond the event: the mail itself names only the date and number."""

    melding = models.ForeignKey(
        "casussen.Melding", on_delete=models.PROTECT, related_name="terugkoppelingen"
    )
    gebeurtenis = models.CharField(max_length=20, choices=Gebeurtenis.choices)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "terugkoppelingen"
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "gebeurtenis"], name="terugkoppeling_eenmaal"
            ),
        ]

    def __str__(self):
        return f"{self.get_gebeurtenis_display()} ({self.melding_id})"
