"""Forms of `casussen`. Every rule a user can break gives a Dutch error on the field."""

import re
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.formulieren import VeiligeInvoer

from .models import (
    TRANSITIES,
    Bron,
    Contactmoment,
    Contactwijze,
    Domein,
    Huishouden,
    Kanaal,
    Melding,
    Persoon,
    Sluitreden,
    Status,
    Triage,
    Wet,
    ZrmNiveau,
    ZrmSoort,
    mag_overgaan,
)
from .selectors import team_consulenten

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
NIET_GESCOORD = "n"


class Datum(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def niet_in_toekomst(datum: date | None, wat: str = "De datum") -> date | None:
    if datum and datum > timezone.localdate():
        raise ValidationError(f"{wat} kan niet in de toekomst liggen.")
    return datum


def schoon_postcode(waarde: str) -> str:
    match = POSTCODE.match(waarde or "")
    if not match:
        raise ValidationError("Vul een geldige postcode in, bijvoorbeeld 1234 AB.")
    return f"{match.group(1)}{match.group(2).upper()}"


def schoon_bsn(waarde: str | None) -> str | None:
    if not waarde:
        return None
    bsn = re.sub(r"[\s.\-]", "", waarde)
    if not bsn.isdigit():
        raise ValidationError("Een BSN bestaat alleen uit cijfers.")
    if len(bsn) == 8:  # a BSN with its leading zero dropped
        bsn = "0" + bsn
    return bsn


class MeldingForm(VeiligeInvoer, forms.ModelForm):
    wetten = forms.MultipleChoiceField(
        label="Wetten die spelen",
        choices=Wet.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Een melding onder de Wmo start de onderzoekstermijn van zes weken.",
    )

    class Meta:
        model = Melding
        fields = [
            "datum",
            "bron",
            "melder_naam",
            "melder_organisatie",
            "melder_email",
            "melder_telefoon",
            "kanaal",
            "vraag",
            "wetten",
        ]
        widgets = {"datum": Datum(), "vraag": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "melder_email": "Voor de terugkoppeling aan wie meldde.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bron"].choices = [("", "— Kies wie meldt —"), *Bron.choices]
        self.fields["kanaal"].choices = [("", "— Kies het kanaal —"), *Kanaal.choices]
        if not self.is_bound and not self.initial.get("datum"):
            self.initial["datum"] = timezone.localdate()

    def clean_datum(self):
        datum = niet_in_toekomst(self.cleaned_data["datum"], "De datum van de melding")
        if datum < timezone.localdate() - timedelta(days=366):
            raise ValidationError("De melding is meer dan een jaar oud; controleer de datum.")
        return datum

    def clean(self):
        data = super().clean()
        if data.get("bron") and data["bron"] != Bron.INWONER and not data.get("melder_naam"):
            self.add_error("melder_naam", "Vul de naam in van wie meldt.")
        return data


class HuishoudenForm(VeiligeInvoer, forms.ModelForm):
    postcode = forms.CharField(label="Postcode", max_length=7)
    huisnummer = forms.IntegerField(label="Huisnummer", min_value=1, max_value=99999)

    class Meta:
        model = Huishouden
        fields = ["postcode", "huisnummer", "toevoeging", "straat", "plaats", "wijk"]

    def clean_postcode(self):
        return schoon_postcode(self.cleaned_data["postcode"])


class PersoonForm(VeiligeInvoer, forms.ModelForm):
    bsn = forms.CharField(
        label="BSN",
        max_length=11,
        required=False,
        help_text="Optioneel. Negen cijfers; wordt gecontroleerd met de elfproef.",
    )
    toch_nieuw = forms.BooleanField(
        label="Dit is een andere persoon: toch als nieuwe persoon registreren",
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Persoon
        fields = [
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "bsn",
            "rol",
            "telefoon",
            "email",
            "huisarts",
            "is_contactpersoon",
        ]
        widgets = {"geboortedatum": Datum()}
        labels = {"is_contactpersoon": "Contactpersoon van het huishouden"}

    def clean_bsn(self):
        return schoon_bsn(self.cleaned_data.get("bsn"))

    def clean_geboortedatum(self):
        datum = niet_in_toekomst(self.cleaned_data["geboortedatum"], "De geboortedatum")
        if datum.year < 1900:
            raise ValidationError("Controleer de geboortedatum: die ligt voor 1900.")
        return datum

    def validate_unique(self):
        """Uniqueness of the BSN is the service's: it offers the existing person instead."""

    def toon_toch_nieuw(self):
        self.fields["toch_nieuw"].widget = forms.CheckboxInput()

    @property
    def persoonsgegevens(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "toch_nieuw"}


class KoppelHuishoudenForm(VeiligeInvoer, forms.Form):
    """Find a household of the team by address to link to a melding."""

    postcode = forms.CharField(label="Postcode", max_length=7)
    huisnummer = forms.IntegerField(label="Huisnummer", min_value=1, max_value=99999)

    def clean_postcode(self):
        return schoon_postcode(self.cleaned_data["postcode"])


class GebruikerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.weergavenaam


class TriageForm(VeiligeInvoer, forms.Form):
    uitkomst = forms.ChoiceField(
        label="Uitkomst van de triage",
        choices=[c for c in Triage.choices if c[0] != Triage.OPEN],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label="Toelichting of gegeven advies",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    doorverwezen_naar = forms.CharField(
        label="Doorgezet naar (bij voorliggend veld)", max_length=150, required=False
    )
    regisseur = GebruikerKeuze(label="Regisseur (bij casus)", queryset=None, required=False)
    backup = GebruikerKeuze(label="Backup (bij casus)", queryset=None, required=False)

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = team_consulenten(team_id)
        self.fields["backup"].queryset = team_consulenten(team_id)

    def clean(self):
        data = super().clean()
        uitkomst = data.get("uitkomst")
        if uitkomst == Triage.ADVIES and not data.get("toelichting"):
            self.add_error("toelichting", "Beschrijf kort welk advies is gegeven.")
        if uitkomst == Triage.VOORLIGGEND_VELD and not data.get("doorverwezen_naar"):
            self.add_error("doorverwezen_naar", "Vul in naar wie de vraag is doorgezet.")
        return data


class StatusForm(VeiligeInvoer, forms.Form):
    # A CharField with radio buttons: the offered choices are the allowed moves, but any value is
    # checked against the whole table, so that a refused move gets a clear message.
    naar = forms.CharField(label="Nieuwe status", widget=forms.RadioSelect)
    reden = forms.CharField(
        label="Reden", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    sluitreden = forms.ChoiceField(
        label="Reden van afsluiting",
        choices=[("", "— Kies een reden (alleen bij afsluiten) —"), *Sluitreden.choices],
        required=False,
    )

    def __init__(self, *args, huidig: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.huidig = huidig
        toegestaan = TRANSITIES.get(huidig, ())
        self.fields["naar"].widget.choices = [(s, Status(s).label) for s in toegestaan]
        if Status.AFGESLOTEN not in toegestaan:
            del self.fields["sluitreden"]

    def clean_naar(self):
        naar = self.cleaned_data["naar"]
        if naar not in Status.values:
            raise ValidationError("Kies een nieuwe status.")
        if not mag_overgaan(self.huidig, naar):
            toegestaan = ", ".join(Status(s).label.lower() for s in TRANSITIES[self.huidig])
            raise ValidationError(
                f"Van {Status(self.huidig).label.lower()} naar {Status(naar).label.lower()} is "
                f"geen toegestane stap. Vanuit {Status(self.huidig).label.lower()} kan de casus "
                f"naar: {toegestaan}."
            )
        return naar

    def clean(self):
        data = super().clean()
        if data.get("naar") == Status.AFGESLOTEN and not data.get("sluitreden"):
            self.add_error("sluitreden", "Kies een reden van afsluiting.")
        return data


class RegieForm(VeiligeInvoer, forms.Form):
    regisseur = GebruikerKeuze(label="Regisseur", queryset=None)
    backup = GebruikerKeuze(label="Backup", queryset=None, required=False)
    reden = forms.CharField(label="Reden van de wijziging", max_length=80)

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = team_consulenten(team_id)
        self.fields["backup"].queryset = team_consulenten(team_id)

    def clean(self):
        data = super().clean()
        if data.get("backup") and data.get("regisseur") and data["backup"] == data["regisseur"]:
            self.add_error("backup", "De backup moet iemand anders zijn dan de regisseur.")
        return data


# --- ZRM -----------------------------------------------------------------------------------


class DomeinKeuzeForm(VeiligeInvoer, forms.Form):
    """Step one of a ZRM: the life domains the question calls for (data minimisation)."""

    domeinen = forms.ModelMultipleChoiceField(
        label="Welke leefgebieden raakt de vraag?",
        queryset=Domein.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        help_text="Alleen deze leefgebieden worden besproken en gescoord.",
        error_messages={"required": "Kies minstens één leefgebied."},
    )


SCORE_KEUZES = [
    ("", "— Kies —"),
    *[(str(v), label) for v, label in ZrmNiveau.choices],
    (NIET_GESCOORD, "Niet gescoord"),
]


class ZrmVelden(VeiligeInvoer, forms.Form):
    """Score fields per chosen domain per household member: 1-5 or "niet gescoord" + reason."""

    def __init__(self, *args, domeinen, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.domeinen = list(domeinen)
        self.leden = list(leden)
        for d in self.domeinen:
            for p in self.leden:
                self.fields[f"score_{d.pk}_{p.pk}"] = forms.ChoiceField(
                    label=f"Score {p.naam}", choices=SCORE_KEUZES,
                    error_messages={"required": "Kies een score of 'niet gescoord'."},
                )  # fmt: skip
                self.fields[f"reden_{d.pk}_{p.pk}"] = forms.CharField(
                    label=f"Reden niet gescoord ({p.naam})", max_length=200, required=False
                )

    def clean(self):
        data = super().clean()
        for d in self.domeinen:
            for p in self.leden:
                score = data.get(f"score_{d.pk}_{p.pk}")
                if score == NIET_GESCOORD and not data.get(f"reden_{d.pk}_{p.pk}", "").strip():
                    self.add_error(
                        f"reden_{d.pk}_{p.pk}", "Geef een reden waarom niet gescoord is."
                    )
        return data

    def scores(self) -> list[tuple]:
        """(persoon, domein, score or None, reden) for every cell."""
        uit = []
        for d in self.domeinen:
            for p in self.leden:
                score = self.cleaned_data[f"score_{d.pk}_{p.pk}"]
                reden = self.cleaned_data.get(f"reden_{d.pk}_{p.pk}", "")
                uit.append((p, d, None if score == NIET_GESCOORD else int(score), reden))
        return uit

    def verslag_velden(self, domein) -> list:
        return []

    def zrm_blokken(self):
        """For the template: per domain its account fields and per member score and reason."""
        return [
            (
                d,
                self.verslag_velden(d),
                [
                    (p, self[f"score_{d.pk}_{p.pk}"], self[f"reden_{d.pk}_{p.pk}"])
                    for p in self.leden
                ],
            )
            for d in self.domeinen
        ]


class KeukentafelgesprekForm(ZrmVelden):
    datum = forms.DateField(label="Datum van het gesprek", widget=Datum())
    plaats = forms.CharField(label="Plaats", max_length=150, initial="Bij de inwoner thuis")
    aanwezige_leden = forms.ModelMultipleChoiceField(
        label="Aanwezige gezinsleden",
        queryset=Persoon.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    overige_aanwezigen = forms.CharField(
        label="Overige aanwezigen", max_length=300, required=False,
        help_text="Bijvoorbeeld: buurvrouw, tolk, consulent jeugd.",
    )  # fmt: skip
    verslag = forms.CharField(
        label="Het verhaal van de inwoner",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    netwerk = forms.CharField(
        label="Netwerk", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    eigen_kracht = forms.CharField(
        label="Eigen kracht", max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, domeinen, leden, **kwargs):
        super().__init__(*args, domeinen=domeinen, leden=leden, **kwargs)
        self.fields["aanwezige_leden"].queryset = Persoon.objects.filter(
            pk__in=[p.pk for p in self.leden]
        )
        self.fields["aanwezige_leden"].label_from_instance = lambda p: p.naam
        for d in self.domeinen:
            self.fields[f"zorgen_{d.pk}"] = forms.CharField(
                label="Zorgen", max_length=2000, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
            self.fields[f"krachten_{d.pk}"] = forms.CharField(
                label="Krachten", max_length=2000, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        if not self.is_bound:
            self.initial.setdefault("datum", timezone.localdate())

    def clean_datum(self):
        return niet_in_toekomst(self.cleaned_data["datum"], "De datum van het gesprek")

    def leefgebieden(self) -> list[tuple]:
        return [
            (d, self.cleaned_data.get(f"zorgen_{d.pk}", ""),
             self.cleaned_data.get(f"krachten_{d.pk}", ""))
            for d in self.domeinen
        ]  # fmt: skip

    def verslag_velden(self, domein) -> list:
        return [self[f"zorgen_{domein.pk}"], self[f"krachten_{domein.pk}"]]

    def algemene_velden(self):
        return [
            self[n]
            for n in ["datum", "plaats", "aanwezige_leden", "overige_aanwezigen", "verslag",
                      "netwerk", "eigen_kracht"]
        ]  # fmt: skip


class ZrmMetingForm(ZrmVelden):
    datum = forms.DateField(label="Datum van de meting", widget=Datum())
    soort = forms.ChoiceField(
        label="Soort meting",
        choices=[("", "— Kies —")] + [c for c in ZrmSoort.choices if c[0] != ZrmSoort.INTAKE],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("datum", timezone.localdate())

    def clean_datum(self):
        return niet_in_toekomst(self.cleaned_data["datum"], "De datum van de meting")

    def algemene_velden(self):
        return [self["datum"], self["soort"]]


# --- Contactmoment --------------------------------------------------------------------------


class ContactmomentForm(VeiligeInvoer, forms.ModelForm):
    op = forms.DateTimeField(
        label="Datum en tijd",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Contactmoment
        fields = ["op", "wijze", "met_wie", "samenvatting"]
        widgets = {"samenvatting": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"met_wie": "Bijvoorbeeld: de inwoner, de huisarts, de school."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijze"].choices = [("", "— Kies —"), *Contactwijze.choices]
        if not self.is_bound:
            self.initial.setdefault("op", timezone.localtime().replace(second=0, microsecond=0))

    def clean_op(self):
        op = self.cleaned_data["op"]
        if op > timezone.now() + timedelta(minutes=5):
            raise ValidationError("Een contactmoment kan niet in de toekomst liggen.")
        return op


# --- Search ---------------------------------------------------------------------------------


class ZoekForm(VeiligeInvoer, forms.Form):
    naam = forms.CharField(label="Naam", max_length=100, required=False)
    bsn = forms.CharField(label="BSN", max_length=11, required=False)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False, widget=Datum())
    postcode = forms.CharField(label="Postcode", max_length=7, required=False)
    huisnummer = forms.IntegerField(
        label="Huisnummer", min_value=1, max_value=99999, required=False
    )
    casusnummer = forms.CharField(
        label="Casusnummer", max_length=20, required=False, help_text="Bijvoorbeeld C-000123."
    )

    def clean_bsn(self):
        bsn = schoon_bsn(self.cleaned_data.get("bsn"))
        if bsn and len(bsn) != 9:
            raise ValidationError("Een BSN heeft negen cijfers.")
        return bsn

    def clean_postcode(self):
        waarde = self.cleaned_data.get("postcode")
        return schoon_postcode(waarde) if waarde else ""

    def clean_casusnummer(self):
        waarde = self.cleaned_data.get("casusnummer")
        if not waarde:
            return None
        match = re.match(r"^\s*[Cc]?-?\s*0*(\d{1,12})\s*$", waarde)
        if not match:
            raise ValidationError("Een casusnummer ziet eruit als C-000123.")
        return int(match.group(1))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not any(data.get(k) for k in self.fields):
            raise ValidationError("Vul minstens één zoekveld in.")
        if data.get("huisnummer") and not data.get("postcode"):
            self.add_error("postcode", "Vul bij een huisnummer ook de postcode in.")
        if data.get("naam") and len(data["naam"].strip()) < 2:
            self.add_error("naam", "Vul minstens twee letters van de naam in.")
        return data
