from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from simple_history.models import HistoricalRecords

from toegang.models import Rol, Team
from toegang.selectors import doorbraak_huishouden_ids

from .termijnen import AMBER, ROOD, Klok
from .validators import valideer_bsn


class Wet(models.TextChoices):
    WMO = "wmo", "Wmo 2015"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    PARTICIPATIEWET = "participatiewet", "Participatiewet"


def _team_scope(user, *, team_veld: str, huishouden_veld: str) -> Q | None:
    """Staff of a team see that team's records, plus households they opened by break-the-glass
    while that lasts. None: nothing at all. Always a filter in the database."""
    if not (
        user.is_authenticated and user.team_id and user.heeft_rol(Rol.CONSULENT, Rol.TEAMLEIDER)
    ):
        return None
    scope = Q(**{f"{team_veld}_id": user.team_id})
    geopend = doorbraak_huishouden_ids(user)
    if geopend:
        scope |= Q(**{f"{huishouden_veld}__in": geopend})
    return scope


class TeamQuerySet(models.QuerySet):
    """Team scoping for records that carry their team (or reach it through `team_veld`)."""

    team_veld = "team"

    def _huishouden_veld(self) -> str:
        if self.model._meta.model_name == "huishouden":
            return "pk"
        if self.team_veld == "team":
            return "huishouden_id"
        return self.team_veld.removesuffix("__team") + "_id"

    def voor(self, user):
        scope = _team_scope(user, team_veld=self.team_veld, huishouden_veld=self._huishouden_veld())
        return self.none() if scope is None else self.filter(scope)


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
        indexes = [
            models.Index(fields=["postcode", "huisnummer"]),
            # The wijk filter of the steering figures, from the index alone.
            models.Index(fields=["team", "wijk"], name="huishouden_team_wijk"),
        ]

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
    """Scoped on the person's own copy of the household's team (see `Persoon.team`)."""


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
    # The household's team, kept by the database (trigger `persoon_team`, migration 0012) on
    # every insert and update of a person and every team change of a household, so that team
    # scoping and the name search need no join. Not the person's data: no history of its own.
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        db_index=False,  # the name-search indexes below start with it
    )
    history = HistoricalRecords(excluded_fields=["team"])

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "personen"
        ordering = ["geboortedatum", "id"]
        indexes = [
            # Name search is a case-insensitive prefix match (istartswith) on every name part,
            # within the user's team (casussen.selectors.zoeken): a common surname is read for
            # one team, not for the whole city.
            *(
                models.Index(
                    F("team"),
                    OpClass(Upper(deel), name="text_pattern_ops"),
                    name=f"persoon_team_{deel}",
                )
                for deel in ("achternaam", "voornamen", "tussenvoegsel")
            ),
            models.Index(fields=["achternaam", "geboortedatum"]),
            models.Index(fields=["geboortedatum"]),
        ]

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


class Sluitreden(models.TextChoices):
    DOELEN_BEREIKT = "doelen_bereikt", "Doelen bereikt"
    OVERGEDRAGEN = "overgedragen", "Overgedragen aan een andere organisatie"
    GEEN_HULP_GEWENST = "geen_hulp_gewenst", "Inwoner wil geen hulp meer"
    VERHUISD = "verhuisd", "Verhuisd buiten het werkgebied"
    OVERLEDEN = "overleden", "Overleden"
    ANDERS = "anders", "Anders (zie toelichting)"


SLUITREDEN_KEUZES = Sluitreden.choices


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
    sluitreden = models.CharField(max_length=200, blank=True, choices=SLUITREDEN_KEUZES)
    # Legal clock (Wmo 2015 art. 2.3.2): the research is finished within six weeks of the
    # melding. The end date is computed once (termijnen.einde_termijn, Atw included) and stored
    # so that lists can filter and sort on it in the database.
    gemeld_op = models.DateField("datum melding", null=True, blank=True)
    onderzoekstermijn_einde = models.DateField("einde onderzoekstermijn", null=True, blank=True)
    onderzoek_afgerond_op = models.DateField("onderzoek afgerond op", null=True, blank=True)
    onderzoek_op_tijd = models.BooleanField("onderzoekstermijn gehaald", null=True, blank=True)
    evaluatie_op = models.DateField("evaluatiedatum", null=True, blank=True)
    history = HistoricalRecords()

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "casussen"
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["regisseur", "status"]),
            models.Index(fields=["team", "onderzoekstermijn_einde"]),
            models.Index(fields=["backup", "status"]),
            models.Index(
                fields=["evaluatie_op"],
                name="casus_evaluatie_open",
                condition=~Q(status="afgesloten"),
            ),
            models.Index(
                fields=["onderzoekstermijn_einde"],
                name="casus_onderzoek_lopend",
                condition=Q(onderzoek_afgerond_op__isnull=True),
            ),
            # The open case of a household and its regisseur, from the index alone (reminders).
            models.Index(
                fields=["huishouden"],
                include=["id", "regisseur"],
                name="casus_open_per_huishouden",
                condition=~Q(status="afgesloten"),
            ),
            # Caseload and team list: a page's ids in term order from the index alone
            # (wijkteam.paginering.IdsEerstPaginator): filter, sort key and id are all in it.
            models.Index(
                fields=["team"],
                include=[
                    "id",
                    "status",
                    "regisseur",
                    "backup",
                    "onderzoek_afgerond_op",
                    "onderzoekstermijn_einde",
                    "evaluatie_op",
                    "geopend_op",
                ],
                name="casus_open_lijst",
                condition=~Q(status="afgesloten"),
            ),  # fmt: skip
            # Steering figures: lead times count from the melding (or the opening) ...
            models.Index(Coalesce("gemeld_op", "geopend_op"), name="casus_start"),
            # ... and closings per reason in a period.
            models.Index(
                fields=["gesloten_op"],
                include=["team", "sluitreden"],
                name="casus_gesloten",
                condition=Q(status="afgesloten"),
            ),
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

    @property
    def wetten_labels(self) -> list[str]:
        return [Wet(w).label for w in self.wetten]

    @property
    def is_open(self) -> bool:
        return self.status != Status.AFGESLOTEN

    @property
    def onderzoeksklok(self) -> "Klokstand | None":
        """The Wmo research clock as shown today; None when no Wmo clock runs on this case."""
        if self.onderzoekstermijn_einde is None:
            return None
        return Klokstand.bereken(
            einde=self.onderzoekstermijn_einde,
            afgerond_op=self.onderzoek_afgerond_op,
            vandaag=timezone.localdate(),
        )


@dataclass(frozen=True)
class Klokstand:
    """What a legal clock shows on a given day: days left, colour, a text that does not rely on
    colour, and whether the term was met once the work is done."""

    einde: date
    afgerond_op: date | None
    dagen_over: int
    kleur: str  # groen / amber / rood, or "gehaald" / "niet_gehaald" once finished
    tekst: str
    gehaald: bool | None

    @classmethod
    def bereken(cls, *, einde: date, afgerond_op: date | None, vandaag: date) -> "Klokstand":
        klok = Klok(einde)
        gehaald = klok.gehaald(afgerond_op)
        if gehaald is not None:
            kleur = "gehaald" if gehaald else "niet_gehaald"
            tekst = (
                f"Termijn gehaald: afgerond op {afgerond_op:%d-%m-%Y}"
                if gehaald
                else f"Termijn niet gehaald: afgerond op {afgerond_op:%d-%m-%Y}, "
                f"{(afgerond_op - einde).days} dagen te laat"
            )
            return cls(einde, afgerond_op, klok.dagen_over(afgerond_op), kleur, tekst, gehaald)
        over = klok.dagen_over(vandaag)
        kleur = klok.kleur(vandaag)
        if kleur == ROOD:
            tekst = f"Termijn verstreken: {-over} {'dag' if over == -1 else 'dagen'} te laat"
        elif over == 0:
            tekst = "Laatste dag: de termijn eindigt vandaag"
        elif kleur == AMBER:
            tekst = f"Laatste week: nog {over} {'dag' if over == 1 else 'dagen'}"
        else:
            tekst = f"Nog {over} dagen"
        return cls(einde, None, over, kleur, tekst, None)


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


# --- Issue 3: melding, lifecycle, keukentafelgesprek, ZRM, contactmomenten, legal clocks -----


class Bron(models.TextChoices):
    INWONER = "inwoner", "Inwoner zelf"
    FAMILIE = "familie", "Familielid of naaste"
    PROFESSIONAL = "professional", "Professional"
    HUISARTS = "huisarts", "Huisarts"
    SCHOOL = "school", "School"
    VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
    VASTELASTENPARTNER = "vastelastenpartner", "Vastelastenpartner"
    OVERIG = "overig", "Anders"


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", "Telefoon"
    EMAIL = "email", "E-mail"
    FORMULIER = "formulier", "Webformulier"
    INLOOP = "inloop", "Inloop"


class Triage(models.TextChoices):
    OPEN = "open", "Nog niet getrieerd"
    ADVIES = "advies", "Direct afgehandeld met informatie of advies"
    VOORLIGGEND_VELD = "voorliggend_veld", "Doorgezet naar het voorliggend veld"
    CASUS = "casus", "Opgepakt als casus"


class Melding(models.Model):
    """The first report: who reports, how, the question and the laws in play. For the Wmo its
    date starts the six-week research term once the melding becomes (part of) a case."""

    datum = models.DateField("datum melding")
    bron = models.CharField("wie meldt", max_length=20, choices=Bron.choices)
    melder_naam = models.CharField("naam melder", max_length=100, blank=True)
    melder_organisatie = models.CharField("organisatie melder", max_length=150, blank=True)
    melder_email = models.EmailField("e-mail melder", blank=True)
    melder_telefoon = models.CharField("telefoon melder", max_length=20, blank=True)
    kanaal = models.CharField(max_length=20, choices=Kanaal.choices)
    vraag = models.TextField("vraag", max_length=2000)
    wetten = ArrayField(
        models.CharField(max_length=20, choices=Wet.choices),
        default=list,
        blank=True,
        verbose_name="wetten",
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="meldingen")
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.PROTECT, null=True, blank=True, related_name="meldingen"
    )
    triage = models.CharField(max_length=20, choices=Triage.choices, default=Triage.OPEN)
    triage_toelichting = models.TextField("toelichting", max_length=2000, blank=True)
    doorverwezen_naar = models.CharField("doorverwezen naar", max_length=150, blank=True)
    casus = models.ForeignKey(
        Casus, on_delete=models.PROTECT, null=True, blank=True, related_name="meldingen"
    )
    getrieerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    getrieerd_op = models.DateTimeField(null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "meldingen"
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["team", "triage", "datum"]),
            # Steering figures: meldingen per week by source, channel and triage.
            models.Index(
                fields=["datum"], include=["team", "bron", "kanaal", "triage"], name="melding_datum"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(triage="casus") | Q(casus__isnull=False),
                name="melding_casus_bij_triage_casus",
            ),
        ]

    def __str__(self):
        return f"Melding M-{self.pk:06d}"

    @property
    def nummer(self) -> str:
        return f"M-{self.pk:06d}"

    @property
    def wetten_labels(self) -> list[str]:
        return [Wet(w).label for w in self.wetten]


# The lifecycle: from each status, the statuses a case may move to. Every other move is refused.
TRANSITIES: dict[str, tuple[str, ...]] = {
    Status.AANMELDING: (Status.VRAAGVERHELDERING,),
    Status.VRAAGVERHELDERING: (Status.PLAN, Status.AFGESLOTEN),
    Status.PLAN: (Status.UITVOERING,),
    Status.UITVOERING: (Status.EVALUATIE,),
    Status.EVALUATIE: (Status.UITVOERING, Status.PLAN, Status.AFGESLOTEN),
    Status.AFGESLOTEN: (Status.VRAAGVERHELDERING,),  # heropenen
}

# What the button for a move says.
OVERGANG_LABELS: dict[tuple[str, str], str] = {
    (Status.AANMELDING, Status.VRAAGVERHELDERING): "Start vraagverheldering",
    (Status.VRAAGVERHELDERING, Status.PLAN): "Onderzoek afgerond: naar plan",
    (Status.VRAAGVERHELDERING, Status.AFGESLOTEN): "Casus afsluiten",
    (Status.PLAN, Status.UITVOERING): "Start uitvoering",
    (Status.UITVOERING, Status.EVALUATIE): "Start evaluatie",
    (Status.EVALUATIE, Status.UITVOERING): "Terug naar uitvoering",
    (Status.EVALUATIE, Status.PLAN): "Plan herzien",
    (Status.EVALUATIE, Status.AFGESLOTEN): "Casus afsluiten",
    (Status.AFGESLOTEN, Status.VRAAGVERHELDERING): "Casus heropenen",
}


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in TRANSITIES.get(van, ())


class CasusTeamQuerySet(models.QuerySet):
    """Records that belong to a case: the case's team scopes them."""

    def voor(self, user):
        scope = _team_scope(user, team_veld="casus__team", huishouden_veld="casus__huishouden_id")
        return self.none() if scope is None else self.filter(scope)


class Statusovergang(models.Model):
    """One move of a case's status: who, when, why. The first row (van empty) opens the case."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="statusovergangen")
    van = models.CharField(max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(max_length=20, choices=Status.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField()
    reden = models.TextField(max_length=1000)
    history = HistoricalRecords()

    objects = CasusTeamQuerySet.as_manager()

    class Meta:
        verbose_name = "statusovergang"
        verbose_name_plural = "statusovergangen"
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["casus", "op"])]

    def __str__(self):
        return f"{self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class GelijkgesteldeDag(models.Model):
    """A day equated with an algemeen erkende feestdag by royal decree (Atw art. 3 lid 3),
    such as the Friday after Hemelvaart in some years. The beheerder maintains the list."""

    datum = models.DateField(unique=True)
    omschrijving = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "gelijkgestelde dag (Atw)"
        verbose_name_plural = "gelijkgestelde dagen (Atw)"
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


class Keukentafelgesprek(models.Model):
    """The intake at the kitchen table: who was there, the story per life domain, network and
    own strength. Its ZRM assessment is a ZrmMeting linked to it."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="keukentafelgesprekken")
    datum = models.DateField()
    plaats = models.CharField(max_length=150)
    aanwezige_leden = models.ManyToManyField(
        Persoon, blank=True, related_name="+", verbose_name="aanwezige gezinsleden"
    )
    overige_aanwezigen = models.CharField(
        "overige aanwezigen", max_length=300, blank=True, help_text="Bijvoorbeeld: buurvrouw, tolk."
    )
    verslag = models.TextField("het verhaal", max_length=5000)
    netwerk = models.TextField("netwerk", max_length=2000, blank=True)
    eigen_kracht = models.TextField("eigen kracht", max_length=2000, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[aanwezige_leden])

    objects = CasusTeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "keukentafelgesprekken"
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["casus", "datum"])]

    def __str__(self):
        return f"Keukentafelgesprek {self.datum:%d-%m-%Y}"


class Leefgebiedverslag(models.Model):
    """Worries and strengths on one life domain, as told at the kitchen table."""

    gesprek = models.ForeignKey(
        Keukentafelgesprek, on_delete=models.CASCADE, related_name="leefgebieden"
    )
    domein = models.ForeignKey(Domein, on_delete=models.PROTECT, related_name="+")
    zorgen = models.TextField(max_length=2000, blank=True)
    krachten = models.TextField(max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "verslag per leefgebied"
        verbose_name_plural = "verslagen per leefgebied"
        ordering = ["domein__volgorde", "domein__naam"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "domein"], name="leefgebied_eenmaal"),
        ]

    def __str__(self):
        return str(self.domein)


class ZrmSoort(models.TextChoices):
    INTAKE = "intake", "Intake (keukentafelgesprek)"
    TUSSENTIJDS = "tussentijds", "Tussentijds"
    EVALUATIE = "evaluatie", "Evaluatie"
    AFSLUITING = "afsluiting", "Afsluiting"


class ZrmMeting(models.Model):
    """One ZRM assessment of a household on a date: scores per member per chosen domain."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="zrm_metingen")
    keukentafelgesprek = models.OneToOneField(
        Keukentafelgesprek,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zrm_meting",
    )
    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=ZrmSoort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = CasusTeamQuerySet.as_manager()

    class Meta:
        verbose_name = "ZRM-meting"
        verbose_name_plural = "ZRM-metingen"
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["casus", "soort", "datum"]),
            # Steering figures: the cases with a follow-up assessment in a period.
            models.Index(
                fields=["datum"],
                include=["casus"],
                name="zrmmeting_vervolg_datum",
                condition=Q(soort__in=["evaluatie", "afsluiting"]),
            ),
        ]

    def __str__(self):
        return f"ZRM {self.get_soort_display().lower()} {self.datum:%d-%m-%Y}"


class ZrmNiveau(models.IntegerChoices):
    ACUUT = 1, "1 · Acute problematiek"
    NIET_ZELFREDZAAM = 2, "2 · Niet zelfredzaam"
    BEPERKT = 3, "3 · Beperkt zelfredzaam"
    VOLDOENDE = 4, "4 · Voldoende zelfredzaam"
    VOLLEDIG = 5, "5 · Volledig zelfredzaam"


class ZrmScore(models.Model):
    """A member's score on one domain in one assessment: 1-5, or not scored with a reason."""

    meting = models.ForeignKey(ZrmMeting, on_delete=models.CASCADE, related_name="scores")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="zrm_scores")
    domein = models.ForeignKey(Domein, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(choices=ZrmNiveau.choices, null=True, blank=True)
    reden_niet_gescoord = models.CharField("reden niet gescoord", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ZRM-score"
        verbose_name_plural = "ZRM-scores"
        ordering = ["domein__volgorde", "persoon_id"]
        indexes = [models.Index(fields=["persoon", "domein"])]
        constraints = [
            models.UniqueConstraint(
                fields=["meting", "persoon", "domein"], name="zrm_score_eenmaal"
            ),
            models.CheckConstraint(
                condition=(
                    Q(score__isnull=False, score__gte=1, score__lte=5, reden_niet_gescoord="")
                    | (Q(score__isnull=True) & ~Q(reden_niet_gescoord=""))
                ),
                name="zrm_score_of_reden",
            ),
        ]

    def __str__(self):
        return f"{self.domein}: {self.score or 'niet gescoord'}"


class Contactwijze(models.TextChoices):
    TELEFOON = "telefoon", "Telefoon"
    HUISBEZOEK = "huisbezoek", "Huisbezoek"
    KANTOOR = "kantoor", "Gesprek op kantoor"
    EMAIL = "email", "E-mail"
    BERICHT = "bericht", "Bericht (sms, app)"
    OVERLEG = "overleg", "Overleg met professional"


class Contactmoment(models.Model):
    """The case journal: who had contact, when, how, and what was said. Private to the team."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="contactmomenten")
    op = models.DateTimeField("datum en tijd")
    wijze = models.CharField("hoe", max_length=20, choices=Contactwijze.choices)
    met_wie = models.CharField("met wie", max_length=150)
    samenvatting = models.TextField(max_length=4000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = CasusTeamQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "contactmomenten"
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["casus", "op"])]

    def __str__(self):
        return f"{self.get_wijze_display()} {self.op:%d-%m-%Y %H:%M}"


class HerinneringSoort(models.TextChoices):
    EVALUATIE_BINNENKORT = "evaluatie_binnenkort", "Evaluatie over 7 dagen"
    EVALUATIE_VERLOPEN = "evaluatie_verlopen", "Evaluatiedatum verstreken"
    ONDERZOEK_BINNENKORT = "onderzoek_binnenkort", "Wmo-onderzoekstermijn: nog 5 dagen"
    ONDERZOEK_VERLOPEN = "onderzoek_verlopen", "Wmo-onderzoekstermijn verstreken"
    ACTIE_BINNENKORT = "actie_binnenkort", "Actie over 3 dagen"
    ACTIE_VERLOPEN = "actie_verlopen", "Actie over tijd"
    TOESTEMMING_VERLOOPT = "toestemming_verloopt", "Toestemming verloopt over 14 dagen"
    PLAN_NIET_ONDERTEKEND = "plan_niet_ondertekend", "Plan 14 dagen niet ondertekend"
    VERWIJZING_ONBEANTWOORD = "verwijzing_onbeantwoord", "Verwijzing 5 werkdagen onbeantwoord"
    VERWIJZING_ESCALATIE = "verwijzing_escalatie", "Verwijzing 10 werkdagen onbeantwoord"
    BESLISTERMIJN_BINNENKORT = "beslistermijn_binnenkort", "Beslistermijn: nog 5 dagen"
    BESLISTERMIJN_VERLOPEN = "beslistermijn_verlopen", "Beslistermijn verstreken"
    HERINDICATIE = "herindicatie", "Beschikking loopt binnen 8 weken af"


class Herinnering(models.Model):
    """What is due, for whom. Scans write these with INSERT … ON CONFLICT DO NOTHING on the
    unique key, so a scan run twice, by two beat processes or retried after a crash, never
    makes a second one (casussen.herinneringen)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="herinneringen"
    )
    soort = models.CharField(max_length=30, choices=HerinneringSoort.choices)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="herinneringen")
    onderwerp_id = models.BigIntegerField(help_text="Het record waar het om gaat (casus, actie…).")
    peildatum = models.DateField(help_text="De datum waarop het aankomt.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "herinneringen"
        ordering = ["peildatum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort", "onderwerp_id", "peildatum"],
                name="herinnering_eenmalig",
            )
        ]
        indexes = [models.Index(fields=["gebruiker", "afgehandeld_op", "peildatum"])]

    def __str__(self):
        return f"{self.get_soort_display()} — {self.casus}"


class Dagoverzicht(models.Model):
    """The daily digest mail sent to a user: one a day, the unique key makes sure."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    datum = models.DateField()
    aantal = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "dagoverzichten"
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "datum"], name="dagoverzicht_eenmalig")
        ]

    def __str__(self):
        return f"{self.gebruiker} {self.datum}"
