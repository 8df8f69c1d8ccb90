from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from casussen.forms import GebruikerKeuze
from casussen.models import Domein, Persoon, Wet
from partners.models import Organisatie
from toegang.models import Rol, Team
from wijkteam import virusscan
from wijkteam.formulieren import VeiligeInvoer

from . import services
from .models import (
    Aanvraag,
    Actie,
    Beschikking,
    Doel,
    Eigenaar,
    Hoedanigheid,
    Methode,
    Oordeel,
    Planversie,
    Versiestatus,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersieBasisMixin(VeiligeInvoer, forms.Form):
    """The record's version counter when the form was opened (optimistic locking)."""

    versie_basis = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def fouten_van_service(self, fout: ValidationError) -> None:
        """Put a service's refusal on the fields it names (or on the form)."""
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.error_dict.items():
                self.add_error(veld if veld in self.fields else None, fouten)
        else:
            self.add_error(None, fout)


class PlanversieForm(VersieBasisMixin, forms.ModelForm):
    class Meta:
        model = Planversie
        fields = services.INHOUD_VELDEN
        widgets = {
            "gesprek_datum": DATUM,
            "evaluatiedatum": DATUM,
            "verslag": forms.Textarea(attrs={"rows": 8}),
            "resultaten": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "evaluatiedatum": "Verplicht voordat het plan kan worden ondertekend.",
            "resultaten": "In de woorden van de inwoner, per leefgebied.",
        }

    def clean(self):
        cleaned = super().clean()
        try:
            services.controleer_inhoud(cleaned)
        except ValidationError as fout:
            self.fouten_van_service(fout)
        return cleaned


class DoelForm(VersieBasisMixin, forms.ModelForm):
    class Meta:
        model = Doel
        fields = services.DOEL_VELDEN
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}
        labels = {"omschrijving": "Doel"}
        error_messages = {
            "omschrijving": {"required": "Beschrijf het doel."},
            "domein": {"required": "Kies het leefgebied van dit doel."},
        }

    def __init__(self, *args, nieuw: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domein"].queryset = Domein.objects.filter(actief=True)
        self.fields["domein"].empty_label = "Kies een leefgebied"
        if nieuw:
            self.fields["versie_basis"].required = False


class ActieForm(VersieBasisMixin, forms.ModelForm):
    class Meta:
        model = Actie
        fields = services.ACTIE_VELDEN
        widgets = {
            "wanneer": DATUM,
            "wat": forms.Textarea(attrs={"rows": 3}),
            "eigenaar_soort": forms.RadioSelect,
        }
        labels = {"eigenaar_soort": "Wie doet het?", "wanneer": "Wanneer (uiterlijk)"}
        help_texts = {
            "eigenaar_naam": "Naam van wie uit het netwerk; mag ook bij inwoner of consulent.",
            "organisatie": "Alleen bij een partnerorganisatie.",
        }
        error_messages = {
            "eigenaar_soort": {"required": "Kies wie deze actie uitvoert."},
            "wat": {"required": "Beschrijf wat er gebeurt."},
            "wanneer": {
                "required": "Vul in wanneer de actie klaar moet zijn.",
                "invalid": "Vul een geldige datum in.",
            },
        }

    def __init__(self, *args, huishouden, team, nieuw: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.huishouden = huishouden
        self.fields["persoon"].queryset = huishouden.leden.all()
        self.fields["medewerker"].queryset = (
            get_user_model()
            .objects.filter(team=team, is_active=True)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["medewerker"].label_from_instance = lambda g: g.weergavenaam
        self.fields["organisatie"].queryset = Organisatie.objects.only("id", "naam")
        self.fields["eigenaar_soort"].choices = Eigenaar.choices
        if nieuw:
            self.fields["versie_basis"].required = False
            del self.fields["status"]  # a new action starts open

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("wanneer") and not self.errors.get("eigenaar_soort"):
            try:
                services.controleer_actie(cleaned, huishouden_id=self.huishouden.pk)
            except ValidationError as fout:
                self.fouten_van_service(fout)
        return cleaned


class OndertekeningForm(VeiligeInvoer, forms.Form):
    persoon = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Wie tekent (gezinslid)",
        empty_label="Een wettelijk vertegenwoordiger zonder gezinslid",
        help_text="Bij een wettelijk vertegenwoordiger: het gezinslid namens wie wordt getekend.",
    )
    vertegenwoordiger_naam = forms.CharField(
        label="Naam wettelijk vertegenwoordiger",
        required=False,
        max_length=150,
        help_text="Alleen invullen als een voogd, bewindvoerder of ouder met gezag tekent.",
    )
    hoedanigheid = forms.ChoiceField(
        choices=[("", "—")] + Hoedanigheid.choices, required=False, label="Hoedanigheid"
    )
    oordeel = forms.ChoiceField(
        choices=Oordeel.choices,
        widget=forms.RadioSelect,
        label="Oordeel over het plan",
        error_messages={"required": "Kies of de inwoner akkoord is of voor gezien tekent."},
    )
    opmerkingen = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text="Verplicht bij ‘voor gezien’: waarom is de inwoner niet akkoord?",
    )
    formele_aanvraag = forms.BooleanField(
        required=False, label="Ik doe hiermee ook een formele aanvraag voor de maatwerkvoorziening"
    )
    methode = forms.ChoiceField(
        choices=Methode.choices,
        widget=forms.RadioSelect,
        label="Hoe wordt er getekend?",
        error_messages={"required": "Kies hoe er is getekend: op het scherm of op papier."},
    )
    handtekening = forms.CharField(widget=forms.HiddenInput, required=False)
    scan = forms.FileField(
        required=False,
        label="Scan van het getekende plan",
        help_text="PDF, PNG of JPEG, hoogstens 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, planversie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = planversie.plan.huishouden.leden.all()
        if not (planversie.maatwerk_nodig and planversie.is_concept):
            del self.fields["formele_aanvraag"]

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and scan.size > services.MAX_SCAN_BYTES:
            raise ValidationError("Het bestand is te groot: de scan mag hoogstens 10 MB zijn.")
        return scan

    def clean(self):
        cleaned = super().clean()
        methode = cleaned.get("methode")
        if methode == Methode.SCHERM:
            try:
                cleaned["bestand"] = services.handtekening_uit_data_url(
                    cleaned.get("handtekening", "")
                )
            except ValidationError as fout:
                self.add_error(
                    "handtekening",
                    f"{fout.messages[0]} Teken in het vak, of kies ‘op papier’ en upload een scan.",
                )
        elif methode == Methode.PAPIER and "scan" not in self.errors:
            scan = cleaned.get("scan")
            if not scan:
                self.add_error("scan", "Upload de scan van het getekende plan.")
            else:
                inhoud = scan.read()
                try:
                    services.scan_type(inhoud)
                    virusscan.controleren(inhoud)
                    cleaned["bestand"] = inhoud
                except ValidationError as fout:
                    self.add_error("scan", fout)
        if cleaned.get("persoon") is None and not cleaned.get("vertegenwoordiger_naam"):
            self.add_error(
                "persoon", "Kies wie ondertekent: een gezinslid of een wettelijk vertegenwoordiger."
            )
        if cleaned.get("vertegenwoordiger_naam") and not cleaned.get("hoedanigheid"):
            self.add_error(
                "hoedanigheid", "Kies in welke hoedanigheid de vertegenwoordiger tekent."
            )
        return cleaned


# --- Backoffice (issue 7) -------------------------------------------------------------------


class ServiceFoutenMixin:
    def fouten_van_service(self, fout: ValidationError) -> None:
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.error_dict.items():
                self.add_error(veld if veld in self.fields else None, fouten)
        else:
            self.add_error(None, fout)


class BehandelaarForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "behandelaar"

    behandelaar = GebruikerKeuze(
        queryset=get_user_model()
        .objects.filter(is_active=True, rollen__contains=[Rol.BACKOFFICE])
        .order_by("first_name", "last_name", "username"),
        required=False,
        empty_label="Niemand: de gedeelde wachtrij",
        help_text="De herinneringen over de beslistermijn gaan naar de behandelaar.",
    )


class WachtrijFilter(VeiligeInvoer, forms.Form):
    wet = forms.ChoiceField(choices=[("", "Alle wetten"), *Wet.choices], required=False)
    team = forms.ModelChoiceField(
        queryset=Team.objects.order_by("naam"), required=False, empty_label="Alle teams"
    )
    dagen_over = forms.IntegerField(
        label="Hooguit dagen over", required=False, min_value=-365, max_value=365
    )
    soort = forms.CharField(label="Soort voorziening", required=False, max_length=150)
    behandelaar = forms.ChoiceField(
        choices=[("", "Iedereen"), ("mij", "Mijn aanvragen"), ("niemand", "Zonder behandelaar")],
        required=False,
    )
    status = forms.ChoiceField(
        choices=[
            ("", "Open en ter controle"),
            ("open", "In behandeling"),
            ("ter_controle", "Wacht op tweede beoordelaar"),
            ("meer_informatie", "Meer informatie nodig"),
            ("afgehandeld", "Besloten"),
        ],
        required=False,
    )


class AanvraagForm(VeiligeInvoer, ServiceFoutenMixin, forms.ModelForm):
    class Meta:
        model = Aanvraag
        fields = [
            "persoon",
            "planversie",
            "ontvangen_op",
            "soort",
            "wet",
            "specificatie",
            "omvang",
            "duur",
            "motivering",
            "leveringsvorm",
            "gewenste_aanbieder",
        ]
        widgets = {
            "ontvangen_op": DATUM,
            "specificatie": forms.Textarea(attrs={"rows": 3}),
            "motivering": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = Persoon.objects.filter(huishouden_id=casus.huishouden_id)
        self.fields["persoon"].required = True
        self.fields["planversie"].queryset = Planversie.objects.filter(
            plan__huishouden_id=casus.huishouden_id, status=Versiestatus.ONDERTEKEND
        )
        self.fields["planversie"].help_text = "De ondertekende versie waarop de aanvraag rust."


class BesluitForm(VeiligeInvoer, ServiceFoutenMixin, forms.ModelForm):
    besluit = forms.ChoiceField(
        choices=[("toekennen", "Toekennen"), ("afwijzen", "Afwijzen")], widget=forms.RadioSelect
    )

    class Meta:
        model = Beschikking
        fields = [
            "product",
            "omvang_aantal",
            "omvang_eenheid",
            "omvang_frequentie",
            "ingangsdatum",
            "einddatum",
            "leveringsvorm",
            "aanbieder",
            "motivering",
        ]
        widgets = {
            "ingangsdatum": DATUM,
            "einddatum": DATUM,
            "motivering": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "motivering": "Bij afwijzen: de redenen. Deze tekst komt in de beschikking.",
            "einddatum": "Leeg: voor onbepaalde tijd.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["besluit"])
        for naam, veld in self.fields.items():
            if naam not in {"besluit", "motivering"}:
                veld.required = False


class MeerInformatieForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "meer"

    vraag = forms.CharField(
        label="Welke informatie is nodig?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AanvullenForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "aanvul"

    antwoord = forms.CharField(
        label="Aanvulling", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OpschortenForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "opschort"

    van = forms.DateField(label="Opgeschort vanaf", widget=DATUM)
    reden = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class OpschortingBeeindigenForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "einde"

    tot = forms.DateField(label="Termijn loopt weer vanaf", widget=DATUM)


class VerdagenForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "verdaag"

    weken = forms.IntegerField(min_value=1, max_value=8, initial=8)
    op = forms.DateField(label="Meegedeeld op", widget=DATUM)
    reden = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class TerugsturenForm(VeiligeInvoer, ServiceFoutenMixin, forms.Form):
    prefix = "terug"

    reden = forms.CharField(
        label="Waarom klopt het besluit niet?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=90,
    )
