from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Group

from wijkteam.formulieren import VeiligeInvoer

from .models import Doel, Grondslag, Methode, Onderdeel


class InlogForm(VeiligeInvoer, AuthenticationForm):
    error_messages = {
        "invalid_login": "Gebruikersnaam of wachtwoord klopt niet.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"


class CodeForm(VeiligeInvoer, forms.Form):
    """The six-digit code of the authenticator app, checked against the given device."""

    code = forms.RegexField(
        label="Code uit de authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "invalid": "Vul de zes cijfers uit de app in.",
            "required": "Vul de code in.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Te veel pogingen. Wacht even en probeer het opnieuw.")
        if not self.device.verify_token(code):
            raise forms.ValidationError("Deze code klopt niet of is verlopen.")
        return code


class DoorbraakForm(VeiligeInvoer, forms.Form):
    reden = forms.CharField(
        label="Waarom moet u dit dossier nu inzien?",
        help_text="Deze reden wordt vastgelegd en de teamleider van het team krijgt bericht.",
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Geef een reden op.",
            "min_length": "Geef een reden van minstens 10 tekens.",
            "max_length": "De reden mag hoogstens 1000 tekens lang zijn.",
        },
    )


class ToestemmingForm(VeiligeInvoer, forms.Form):
    persoon = forms.ModelChoiceField(
        label="Van wie zijn de gegevens?", queryset=None, empty_label="Kies een persoon"
    )
    doel = forms.ChoiceField(label="Doel", choices=Doel.choices, widget=forms.RadioSelect)
    ontvanger = forms.ModelChoiceField(
        label="Partnerorganisatie",
        queryset=Group.objects.filter(organisatie__isnull=False).order_by("name"),
        required=False,
        empty_label="Geen (andere partij)",
        help_text="Verplicht bij delen met een partnerorganisatie.",
    )
    ontvanger_naam = forms.CharField(
        label="Andere partij", max_length=150, required=False, help_text="Bijvoorbeeld de huisarts."
    )
    onderdelen = forms.MultipleChoiceField(
        label="Welke gegevens", choices=Onderdeel.choices, widget=forms.CheckboxSelectMultiple
    )
    methode = forms.ChoiceField(
        label="Hoe gegeven", choices=Methode.choices, widget=forms.RadioSelect
    )
    door_betrokkene = forms.BooleanField(label="De persoon geeft zelf toestemming", required=False)
    gezaghebbenden = forms.ModelMultipleChoiceField(
        label="Ouders met gezag die toestemming geven",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    geldig_van = forms.DateField(
        label="Geldig vanaf", widget=forms.DateInput(attrs={"type": "date"})
    )
    geldig_tot = forms.DateField(
        label="Geldig tot en met",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leeg laten als de toestemming geldt tot ze wordt ingetrokken.",
    )

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = leden
        self.fields["gezaghebbenden"].queryset = leden
        self.fields["ontvanger"].label_from_instance = lambda groep: groep.name.removeprefix(
            "Organisatie: "
        )


class GegevensdelingForm(VeiligeInvoer, forms.Form):
    """Sharing on a ground other than consent: a legal task, obligation or vital interest."""

    grondslag = forms.ChoiceField(
        label="Grondslag",
        choices=[(k, v) for k, v in Grondslag.choices if k != Grondslag.TOESTEMMING],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies de grondslag."},
    )
    wettelijk_artikel = forms.CharField(
        label="Wetsartikel",
        max_length=150,
        help_text="Bijvoorbeeld: art. 2.3.2 Wmo 2015.",
        error_messages={"required": "Noem het wetsartikel waarop het delen rust."},
    )
    persoon = forms.ModelChoiceField(
        label="Van wie zijn de gegevens?",
        queryset=None,
        required=False,
        empty_label="Het hele huishouden",
    )
    ontvanger = forms.ModelChoiceField(
        label="Partnerorganisatie",
        queryset=Group.objects.filter(organisatie__isnull=False).order_by("name"),
        required=False,
        empty_label="Geen (andere partij)",
    )
    ontvanger_naam = forms.CharField(
        label="Andere ontvanger",
        max_length=150,
        required=False,
        help_text="Bijvoorbeeld Veilig Thuis.",
    )
    doel = forms.CharField(
        label="Doel",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Beschrijf het doel van het delen."},
    )
    reikwijdte = forms.MultipleChoiceField(
        label="Welke gegevens",
        choices=Onderdeel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies welke gegevens worden gedeeld."},
    )
    einddatum = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = leden
        self.fields["ontvanger"].label_from_instance = lambda groep: groep.name.removeprefix(
            "Organisatie: "
        )
