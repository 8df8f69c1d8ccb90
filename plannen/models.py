"""The one shared household plan: Plan → Planversie → Doel → Actie, plus Ondertekening and PlanPdf.

A signed Planversie is frozen. The database enforces it (trigger in migration 0002): no UPDATE or
DELETE of a signed version, and no INSERT, UPDATE or DELETE of its goals and actions, and no
UPDATE or DELETE of its signatures. Co-signatures may still be added to a signed version.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from casussen.models import Domein, Huishouden, Persoon, TeamQuerySet, Wet
from partners.models import Organisatie


class PlanQuerySet(TeamQuerySet):
    team_veld = "huishouden__team"


class PlanversieQuerySet(TeamQuerySet):
    team_veld = "plan__huishouden__team"


class DoelQuerySet(TeamQuerySet):
    team_veld = "planversie__plan__huishouden__team"


class ActieQuerySet(TeamQuerySet):
    team_veld = "doel__planversie__plan__huishouden__team"


class OndertekeningQuerySet(TeamQuerySet):
    team_veld = "planversie__plan__huishouden__team"


class PlanPdfQuerySet(TeamQuerySet):
    team_veld = "planversie__plan__huishouden__team"


class Plan(models.Model):
    """One plan per household: not per person, not per organisation."""

    huishouden = models.OneToOneField(Huishouden, on_delete=models.PROTECT, related_name="plan")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "plannen"
        # The reminder scans find a version's household without a heap read.
        indexes = [models.Index(fields=["id"], include=["huishouden"], name="plan_id_huishouden")]

    def __str__(self):
        return f"Plan {self.huishouden}"


class Versiestatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    ONDERTEKEND = "ondertekend", "Ondertekend"


# The only allowed moves of a version's status. A signed version never changes again.
VERSIE_OVERGANGEN: dict[str, frozenset[str]] = {
    Versiestatus.CONCEPT: frozenset({Versiestatus.ONDERTEKEND}),
    Versiestatus.ONDERTEKEND: frozenset(),
}


class Leveringsvorm(models.TextChoices):
    ZIN = "zin", "Zorg in natura (ZIN)"
    PGB = "pgb", "Persoonsgebonden budget (PGB)"


EIGEN_BIJDRAGE_TEKST = (
    "Voor een maatwerkvoorziening kan het CAK een eigen bijdrage vragen. "
    "De hoogte hangt af van inkomen en vermogen; het CAK stuurt daarover zelf een brief."
)


class Planversie(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=Versiestatus.choices, default=Versiestatus.CONCEPT
    )
    vorige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemaakt vanuit versie",
    )
    # Optimistic locking: every save raises it; a form carries the value it was based on.
    versie = models.PositiveIntegerField(default=1)

    # Header: the conversation
    gesprek_datum = models.DateField("datum keukentafelgesprek", null=True, blank=True)
    aanwezigen = models.CharField("aanwezig bij het gesprek", max_length=300, blank=True)
    # Body
    verslag = models.TextField(
        "verslag van het gesprek",
        max_length=10000,
        blank=True,
        help_text="Per leefgebied: zorgen, krachten en wat er moet gebeuren.",
    )
    resultaten = models.TextField(
        "resultaten die de inwoner wil bereiken", max_length=5000, blank=True
    )
    afweging_eigen_kracht = models.TextField("eigen kracht", max_length=3000, blank=True)
    afweging_netwerk = models.TextField("netwerk", max_length=3000, blank=True)
    afweging_vrijwilligers = models.TextField("vrijwilligers", max_length=3000, blank=True)
    afweging_algemene_voorzieningen = models.TextField(
        "algemene voorzieningen", max_length=3000, blank=True
    )
    afweging_wlz_zvw = models.TextField("Wlz / Zvw", max_length=3000, blank=True)
    afweging_conclusie = models.TextField(
        "waarom dit wel of niet voldoende is", max_length=3000, blank=True
    )
    evaluatiedatum = models.DateField(null=True, blank=True)

    # Maatwerk block (optional)
    maatwerk_nodig = models.BooleanField("maatwerkvoorziening nodig", default=False)
    maatwerk_soort = models.CharField("soort voorziening", max_length=150, blank=True)
    maatwerk_wet = models.CharField("wet", max_length=20, choices=Wet.choices, blank=True)
    maatwerk_specificatie = models.TextField(
        "specificatie / intensiteit", max_length=3000, blank=True
    )
    maatwerk_duur = models.CharField("duur", max_length=150, blank=True)
    maatwerk_omvang = models.CharField("omvang", max_length=150, blank=True)
    maatwerk_motivering = models.TextField("motivering", max_length=5000, blank=True)
    maatwerk_leveringsvorm = models.CharField(
        "leveringsvorm", max_length=3, choices=Leveringsvorm.choices, blank=True
    )
    maatwerk_gewenste_aanbieder = models.CharField(
        "gewenste aanbieder (bij ZIN)", max_length=150, blank=True
    )
    maatwerk_eigen_bijdrage = models.TextField(
        "toelichting eigen bijdrage (CAK)",
        max_length=2000,
        blank=True,
        default=EIGEN_BIJDRAGE_TEKST,
    )
    formele_aanvraag = models.BooleanField("inwoner doet ook een formele aanvraag", default=False)

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ondertekend_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = PlanversieQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "planversies"
        ordering = ["plan", "nummer"]
        # For the reminder scans (plannen.herinneringen): the version of an action without a
        # heap read, and the drafts by age.
        indexes = [
            models.Index(
                fields=["id"], include=["plan", "nummer"], name="planversie_id_plan_nummer"
            ),
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(status="concept"),
                name="planversie_concept_sinds",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="concept"),
                name="planversie_een_concept_per_plan",
            ),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(ondertekend_op__isnull=False),
                name="planversie_ondertekend_heeft_datum",
            ),
        ]

    def __str__(self):
        return f"Versie {self.nummer} ({self.get_status_display().lower()})"

    @property
    def is_concept(self) -> bool:
        return self.status == Versiestatus.CONCEPT

    @property
    def is_ondertekend(self) -> bool:
        return self.status == Versiestatus.ONDERTEKEND


class Doel(models.Model):
    planversie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="doelen")
    # The same goal keeps its key across versions: the comparison matches on it.
    sleutel = models.UUIDField(default=uuid.uuid4, editable=False)
    domein = models.ForeignKey(Domein, on_delete=models.PROTECT, verbose_name="leefgebied")
    omschrijving = models.TextField("doel", max_length=2000)
    volgorde = models.PositiveIntegerField(default=0)
    versie = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = DoelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "doelen"
        ordering = ["volgorde", "id"]
        # The reminder scans find an action's version without a heap read.
        indexes = [models.Index(fields=["id"], include=["planversie"], name="doel_id_planversie")]
        constraints = [
            models.UniqueConstraint(fields=["planversie", "sleutel"], name="doel_sleutel_uniek"),
        ]

    def __str__(self):
        return self.omschrijving[:60]


class Eigenaar(models.TextChoices):
    INWONER = "inwoner", "Inwoner"
    NETWERK = "netwerk", "Iemand uit het netwerk"
    CONSULENT = "consulent", "Consulent"
    PARTNER = "partner", "Partnerorganisatie"


class Actiestatus(models.TextChoices):
    OPEN = "open", "Open"
    BEZIG = "bezig", "Bezig"
    KLAAR = "klaar", "Klaar"
    VERVALLEN = "vervallen", "Vervallen"


ACTIE_OVERGANGEN: dict[str, frozenset[str]] = {
    Actiestatus.OPEN: frozenset({Actiestatus.BEZIG, Actiestatus.KLAAR, Actiestatus.VERVALLEN}),
    Actiestatus.BEZIG: frozenset({Actiestatus.OPEN, Actiestatus.KLAAR, Actiestatus.VERVALLEN}),
    Actiestatus.KLAAR: frozenset({Actiestatus.BEZIG}),
    Actiestatus.VERVALLEN: frozenset({Actiestatus.OPEN}),
}


class Actie(models.Model):
    """Who does what by when."""

    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="acties")
    sleutel = models.UUIDField(default=uuid.uuid4, editable=False)
    eigenaar_soort = models.CharField("wie", max_length=20, choices=Eigenaar.choices)
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gezinslid",
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="consulent",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partnerorganisatie",
    )
    eigenaar_naam = models.CharField("naam", max_length=150, blank=True)
    wat = models.TextField(max_length=2000)
    wanneer = models.DateField()
    status = models.CharField(max_length=20, choices=Actiestatus.choices, default=Actiestatus.OPEN)
    volgorde = models.PositiveIntegerField(default=0)
    versie = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = ActieQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "acties"
        ordering = ["wanneer", "volgorde", "id"]
        indexes = [
            # The reminder scans (plannen.herinneringen) look for open actions by date, and
            # read their goal from the index alone.
            models.Index(
                fields=["wanneer", "doel"],
                include=["id"],
                name="actie_open_op_datum",
                condition=Q(status__in=["open", "bezig"]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["doel", "sleutel"], name="actie_sleutel_uniek"),
            models.CheckConstraint(
                condition=~Q(eigenaar_soort="partner") | Q(organisatie__isnull=False),
                name="actie_partner_heeft_organisatie",
            ),
        ]

    def __str__(self):
        return self.wat[:60]

    @property
    def wie(self) -> str:
        """The owner as a resident reads it: "Consulent: A. de Vries"."""
        soort = self.get_eigenaar_soort_display()
        if self.eigenaar_soort == Eigenaar.PARTNER and self.organisatie_id:
            naam = self.organisatie.naam
        elif self.eigenaar_soort == Eigenaar.INWONER and self.persoon_id:
            naam = self.persoon.naam
        elif self.eigenaar_soort == Eigenaar.CONSULENT and self.medewerker_id:
            naam = self.medewerker.weergavenaam
        else:
            naam = self.eigenaar_naam
        return f"{soort}: {naam}" if naam else soort


class Oordeel(models.TextChoices):
    AKKOORD = "akkoord", "Akkoord met het plan"
    VOOR_GEZIEN = "voor_gezien", "Niet akkoord, voor gezien getekend"


class Methode(models.TextChoices):
    SCHERM = "scherm", "Op het scherm getekend"
    PAPIER = "papier", "Op papier getekend (scan)"


class Hoedanigheid(models.TextChoices):
    VOOGD = "voogd", "Voogd"
    BEWINDVOERDER = "bewindvoerder", "Bewindvoerder"
    OUDER_MET_GEZAG = "ouder_met_gezag", "Ouder met gezag"
    CURATOR = "curator", "Curator"
    MENTOR = "mentor", "Mentor"


def _ondertekening_pad(instance, filename: str) -> str:
    return f"plannen/ondertekeningen/{instance.planversie_id}/{uuid.uuid4().hex}-{filename}"


class Ondertekening(models.Model):
    """A signature under a version: by a member, or by a legal representative (for a member)."""

    planversie = models.ForeignKey(
        Planversie, on_delete=models.PROTECT, related_name="ondertekeningen"
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gezinslid",
    )
    vertegenwoordiger_naam = models.CharField(
        "naam wettelijk vertegenwoordiger", max_length=150, blank=True
    )
    hoedanigheid = models.CharField(max_length=20, choices=Hoedanigheid.choices, blank=True)
    oordeel = models.CharField(max_length=20, choices=Oordeel.choices)
    opmerkingen = models.TextField(max_length=3000, blank=True)
    methode = models.CharField(max_length=10, choices=Methode.choices)
    bestand = models.FileField(upload_to=_ondertekening_pad, max_length=300)
    bestand_type = models.CharField(max_length=40)
    getekend_op = models.DateTimeField()
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = OndertekeningQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "ondertekeningen"
        ordering = ["getekend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(persoon__isnull=False) | ~Q(vertegenwoordiger_naam=""),
                name="ondertekening_heeft_ondertekenaar",
            ),
            models.CheckConstraint(
                condition=Q(vertegenwoordiger_naam="") | ~Q(hoedanigheid=""),
                name="ondertekening_vertegenwoordiger_heeft_hoedanigheid",
            ),
            models.UniqueConstraint(
                fields=["planversie", "persoon"],
                condition=Q(vertegenwoordiger_naam=""),
                name="ondertekening_eenmaal_per_persoon",
            ),
        ]

    def __str__(self):
        return self.ondertekenaar

    @property
    def ondertekenaar(self) -> str:
        if self.vertegenwoordiger_naam:
            tekst = f"{self.vertegenwoordiger_naam} ({self.get_hoedanigheid_display().lower()})"
            return f"{tekst}, namens {self.persoon.naam}" if self.persoon_id else tekst
        return self.persoon.naam

    @property
    def is_afbeelding(self) -> bool:
        return self.bestand_type in {"image/png", "image/jpeg"}


class PdfStatus(models.TextChoices):
    WACHTEN = "wachten", "Wordt voorbereid"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"


def _pdf_pad(instance, filename: str) -> str:
    return f"plannen/pdf/{instance.planversie_id}/{filename}"


class GerenderdePdf(models.Model):
    """A PDF a worker renders (plannen.services.pdf_opslaan). `inhoud_hash` is the hash of the
    HTML it was rendered from: a request for the same content renders nothing new. Each kind
    declares its own `bestand` (its own folder)."""

    status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.WACHTEN)
    inhoud_hash = models.CharField(max_length=64, blank=True)
    aangevraagd_op = models.DateTimeField()
    gereed_op = models.DateTimeField(null=True, blank=True)
    fout = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


class PlanPdf(GerenderdePdf):
    """The printed plan of one version."""

    planversie = models.OneToOneField(Planversie, on_delete=models.CASCADE, related_name="pdf")
    bestand = models.FileField(upload_to=_pdf_pad, max_length=300, blank=True)

    objects = PlanPdfQuerySet.as_manager()

    class Meta:
        verbose_name = "plan-PDF"
        verbose_name_plural = "plan-PDF's"

    def __str__(self):
        return f"PDF {self.planversie}"


# --- Backoffice: aanvraag and beschikking (issue 7) ---------------------------------------------


class BackofficeQuerySet(TeamQuerySet):
    """The backoffice sees every request of the municipality (and what hangs under it); a
    consulent or teamleider only those of the team's households."""

    def voor(self, user):
        from toegang.models import Rol

        if user.is_authenticated and user.heeft_rol(Rol.BACKOFFICE):
            return self.all()
        return super().voor(user)


class AanvraagQuerySet(BackofficeQuerySet):
    team_veld = "huishouden__team"


class AanvraagDeelQuerySet(BackofficeQuerySet):
    team_veld = "aanvraag__huishouden__team"


class BeschikkingPdfQuerySet(BackofficeQuerySet):
    team_veld = "beschikking__aanvraag__huishouden__team"


class Aanvraagstatus(models.TextChoices):
    OPEN = "open", "In behandeling"
    MEER_INFORMATIE = "meer_informatie", "Meer informatie nodig"
    TER_CONTROLE = "ter_controle", "Besluit wacht op tweede beoordelaar"
    AFGEHANDELD = "afgehandeld", "Besloten"


AANVRAAG_OVERGANGEN: dict[str, frozenset[str]] = {
    Aanvraagstatus.OPEN: frozenset(
        {Aanvraagstatus.MEER_INFORMATIE, Aanvraagstatus.TER_CONTROLE, Aanvraagstatus.AFGEHANDELD}
    ),
    Aanvraagstatus.MEER_INFORMATIE: frozenset({Aanvraagstatus.OPEN}),
    Aanvraagstatus.TER_CONTROLE: frozenset({Aanvraagstatus.AFGEHANDELD, Aanvraagstatus.OPEN}),
    Aanvraagstatus.AFGEHANDELD: frozenset(),
}


class Aanvraag(models.Model):
    """A formal request for a maatwerkvoorziening: from a signed plan version (pre-filled from
    its maatwerk block) or started by a consulent from the case (plan signed on paper).
    `termijn_einde` is the legal clock's last day (Atw-shifted, with opschorting and verdaging),
    kept by the services so that the queue can sort and filter on it in the database."""

    huishouden = models.ForeignKey(Huishouden, on_delete=models.PROTECT, related_name="aanvragen")
    casus = models.ForeignKey(
        "casussen.Casus", on_delete=models.PROTECT, null=True, blank=True, related_name="aanvragen"
    )
    planversie = models.ForeignKey(
        Planversie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
        verbose_name="ondertekende planversie",
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
        verbose_name="aanvrager",
    )
    soort = models.CharField("soort voorziening", max_length=150)
    wet = models.CharField(max_length=20, choices=Wet.choices)
    specificatie = models.TextField("specificatie / intensiteit", max_length=3000, blank=True)
    omvang = models.CharField(max_length=150, blank=True)
    duur = models.CharField(max_length=150, blank=True)
    motivering = models.TextField(max_length=5000, blank=True)
    leveringsvorm = models.CharField(max_length=3, choices=Leveringsvorm.choices, blank=True)
    gewenste_aanbieder = models.CharField(
        "gewenste aanbieder (bij ZIN)", max_length=150, blank=True
    )
    ontvangen_op = models.DateField("datum aanvraag")
    termijn_einde = models.DateField("uiterste beslisdatum")
    status = models.CharField(
        max_length=20, choices=Aanvraagstatus.choices, default=Aanvraagstatus.OPEN
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    afgehandeld_op = models.DateField(null=True, blank=True)
    # Who in the backoffice handles the request: the decision-term reminders go to them, and to
    # every backoffice worker while nobody (active) does (plannen.herinneringen).
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = AanvraagQuerySet.as_manager()

    class Meta:
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        ordering = ["termijn_einde", "id"]
        indexes = [
            models.Index(fields=["status", "termijn_einde", "id"]),
            models.Index(fields=["wet", "status", "termijn_einde"]),
            # The backoffice queue's default view, most urgent first, a page at a time.
            models.Index(
                fields=["termijn_einde", "id"],
                condition=Q(status__in=["open", "ter_controle"]),
                name="aanvraag_wachtrij",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["planversie"],
                condition=Q(planversie__isnull=False),
                name="aanvraag_eenmaal_per_planversie",
            ),
        ]

    def __str__(self):
        return f"Aanvraag {self.soort} ({self.get_wet_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != Aanvraagstatus.AFGEHANDELD


class Opschorting(models.Model):
    """Awb 4:15: the clock stands still from `van` (the day after the request for more
    information) until `tot` (the day the aanvulling came in), exclusive; open while `tot` is
    empty."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="opschortingen")
    van = models.DateField("opgeschort vanaf")
    tot = models.DateField("loopt weer vanaf", null=True, blank=True)
    reden = models.TextField(max_length=2000)
    antwoord = models.TextField("aanvulling", max_length=5000, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AanvraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "opschortingen"
        ordering = ["van", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="opschorting_tot_na_van",
            ),
        ]

    def __str__(self):
        return f"Opschorting vanaf {self.van:%d-%m-%Y}"


class Verdaging(models.Model):
    """Awb 4:14 lid 3: the decision term is extended by `weken`, told to the applicant on `op`."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="verdagingen")
    weken = models.PositiveSmallIntegerField()
    op = models.DateField("meegedeeld op")
    reden = models.TextField(max_length=2000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AanvraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "verdagingen"
        ordering = ["op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weken__gte=1) & Q(weken__lte=8), name="verdaging_weken_1_tot_8"
            ),
        ]

    def __str__(self):
        return f"Verdaging {self.weken} weken"


class Besluit(models.TextChoices):
    TOEKENNEN = "toekennen", "Toegekend"
    AFWIJZEN = "afwijzen", "Afgewezen"


class Beschikkingstatus(models.TextChoices):
    VOORLOPIG = "voorlopig", "Wacht op tweede beoordelaar"
    DEFINITIEF = "definitief", "Definitief"


BESCHIKKING_OVERGANGEN: dict[str, frozenset[str]] = {
    Beschikkingstatus.VOORLOPIG: frozenset({Beschikkingstatus.DEFINITIEF}),
    Beschikkingstatus.DEFINITIEF: frozenset(),
}


class Eenheid(models.TextChoices):
    UUR = "uur", "uur"
    MINUUT = "minuut", "minuten"
    DAGDEEL = "dagdeel", "dagdelen"
    ETMAAL = "etmaal", "etmalen"
    STUK = "stuk", "stuks"
    EURO = "euro", "euro"


class Frequentie(models.TextChoices):
    WEEK = "week", "per week"
    MAAND = "maand", "per maand"
    JAAR = "jaar", "per jaar"
    TOTAAL = "totaal", "in totaal"


class Beschikking(models.Model):
    """The backoffice's decision on a request. Final (`definitief`) is final: the database
    refuses every change to a final row except the herindicatie mark (migration 0004)."""

    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.PROTECT, related_name="beschikking")
    besluit = models.CharField(max_length=10, choices=Besluit.choices)
    status = models.CharField(
        max_length=10, choices=Beschikkingstatus.choices, default=Beschikkingstatus.VOORLOPIG
    )
    product = models.CharField("product / categorie", max_length=150, blank=True)
    omvang_aantal = models.DecimalField(
        "omvang", max_digits=8, decimal_places=2, null=True, blank=True
    )
    omvang_eenheid = models.CharField("eenheid", max_length=10, choices=Eenheid.choices, blank=True)
    omvang_frequentie = models.CharField(
        "frequentie", max_length=10, choices=Frequentie.choices, blank=True
    )
    ingangsdatum = models.DateField(null=True, blank=True)
    einddatum = models.DateField(null=True, blank=True)
    leveringsvorm = models.CharField(max_length=3, choices=Leveringsvorm.choices, blank=True)
    aanbieder = models.CharField("aanbieder (bij ZIN)", max_length=150, blank=True)
    motivering = models.TextField("motivering / redenen", max_length=10000)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField()
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tweede beoordelaar",
    )
    definitief_op = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = AanvraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "beschikkingen"
        indexes = [
            models.Index(
                fields=["einddatum"],
                condition=Q(status="definitief", besluit="toekennen"),
                name="beschikking_toegekend_einde",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="voorlopig") | Q(definitief_op__isnull=False),
                name="beschikking_definitief_heeft_datum",
            ),
            models.CheckConstraint(
                condition=Q(bevestigd_door__isnull=True)
                | ~Q(bevestigd_door=models.F("besloten_door")),
                name="beschikking_vier_ogen_twee_personen",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(ingangsdatum__isnull=True)
                | Q(einddatum__gte=models.F("ingangsdatum")),
                name="beschikking_einde_na_ingang",
            ),
        ]

    def __str__(self):
        return f"Beschikking: {self.get_besluit_display().lower()}"

    @property
    def is_definitief(self) -> bool:
        return self.status == Beschikkingstatus.DEFINITIEF

    @property
    def omvang(self) -> str:
        if self.omvang_aantal is None:
            return ""
        aantal = f"{self.omvang_aantal.normalize():f}".replace(".", ",")
        delen = [aantal, self.get_omvang_eenheid_display(), self.get_omvang_frequentie_display()]
        return " ".join(d for d in delen if d)


def _beschikking_pdf_pad(instance, filename: str) -> str:
    return f"plannen/beschikkingen/{instance.beschikking_id}/{filename}"


class BeschikkingPdf(GerenderdePdf):
    """The beschikking letter."""

    beschikking = models.OneToOneField(Beschikking, on_delete=models.CASCADE, related_name="pdf")
    bestand = models.FileField(upload_to=_beschikking_pdf_pad, max_length=300, blank=True)

    objects = BeschikkingPdfQuerySet.as_manager()

    class Meta:
        verbose_name = "beschikking-PDF"
        verbose_name_plural = "beschikking-PDF's"

    def __str__(self):
        return f"PDF {self.beschikking}"


class VierOgenInstelling(models.Model):
    """Per municipality: decisions of this kind (under this law, or every law when `wet` is
    empty) need a second backoffice user to confirm them before they are final."""

    gemeente = models.ForeignKey(
        "toegang.Gemeente", on_delete=models.CASCADE, related_name="vier_ogen_instellingen"
    )
    besluit = models.CharField("soort besluit", max_length=10, choices=Besluit.choices)
    wet = models.CharField(
        max_length=20, choices=Wet.choices, blank=True, help_text="Leeg: voor elke wet."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vierogeninstelling"
        verbose_name_plural = "vierogeninstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "besluit", "wet"], name="vier_ogen_eenmaal"
            ),
        ]

    def __str__(self):
        wet = self.get_wet_display() if self.wet else "elke wet"
        return f"{self.gemeente}: vier ogen bij {self.get_besluit_display().lower()} ({wet})"
