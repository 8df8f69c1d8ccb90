from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from casussen.models import Domein
from partners.models import Organisatie

from . import services
from .models import (
    Actie,
    Doel,
    Eigenaar,
    Hoedanigheid,
    Methode,
    Oordeel,
    Planversie,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersieBasisMixin(forms.Form):
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
        self.fields["medewerker"].label_from_instance = lambda g: g.get_full_name() or g.username
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


class OndertekeningForm(forms.Form):
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
