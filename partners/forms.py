from django import forms

from toegang.models import Doel, Toestemming
from wijkteam.formulieren import VeiligeInvoer

from .models import Organisatie


class VerwijzingForm(VeiligeInvoer, forms.Form):
    organisatie = forms.ModelChoiceField(
        label="Organisatie",
        queryset=Organisatie.objects.actief(),
        empty_label="Kies een organisatie",
        error_messages={"required": "Kies de organisatie waarnaar u verwijst."},
    )
    vraag = forms.CharField(
        label="Vraag",
        help_text="Kort, in de woorden van de inwoner.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Schrijf kort de vraag op, in de woorden van de inwoner.",
            "max_length": "De vraag mag hoogstens 1000 tekens lang zijn.",
        },
    )
    acties = forms.ModelMultipleChoiceField(
        label="Acties uit het plan waar het om gaat",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies alleen acties uit het plan van dit huishouden."},
    )
    toestemming = forms.ModelChoiceField(
        label="Toestemming",
        queryset=None,
        required=False,
        empty_label="Automatisch: de geldende toestemming voor deze organisatie",
        help_text="Zonder geldige toestemming om te delen met de organisatie kan de verwijzing "
        "niet worden verstuurd.",
    )

    def __init__(self, *args, huishouden, acties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acties"].queryset = acties
        self.fields["acties"].label_from_instance = lambda a: f"{a.wat} ({a.wie})"
        self.fields["toestemming"].queryset = (
            Toestemming.objects.geldig()
            .filter(doel=Doel.DELEN, persoon__huishouden=huishouden, ontvanger__isnull=False)
            .select_related("persoon", "ontvanger")
            .order_by("-geldig_van", "-id")
        )
        self.fields["toestemming"].label_from_instance = lambda t: (
            f"{t.persoon.naam} — {t.ontvanger.name.removeprefix('Organisatie: ')}"
            f" — {', '.join(t.get_onderdelen_display())}"
        )
        if not acties.exists():
            del self.fields["acties"]


class AfwijzenForm(VeiligeInvoer, forms.Form):
    toelichting = forms.CharField(
        label="Reden van afwijzing",
        help_text="De regisseur leest dit en zoekt zo nodig een andere organisatie.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Geef een reden waarom u de verwijzing afwijst."},
    )


class AfrondenForm(VeiligeInvoer, forms.Form):
    toelichting = forms.CharField(
        label="Uitkomst",
        help_text="Wat is er bereikt voor de inwoner? Wat is er nog nodig?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Beschrijf de uitkomst voor de inwoner."},
    )


class NotitieForm(VeiligeInvoer, forms.Form):
    tekst = forms.CharField(
        label="Voortgang",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Schrijf de voortgang op.",
            "max_length": "De notitie mag hoogstens 4000 tekens lang zijn.",
        },
    )


class ActiestatusForm(VeiligeInvoer, forms.Form):
    status = forms.ChoiceField(label="Status", choices=())
    toelichting = forms.CharField(label="Toelichting", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        from plannen.models import Actiestatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Actiestatus.choices
