from django import forms
from django.contrib import admin
from django.contrib.postgres.forms import SimpleArrayField
from simple_history.admin import SimpleHistoryAdmin

from wijkteam.formulieren import VeiligeInvoer

from . import services
from .models import Organisatie


class OrganisatieForm(VeiligeInvoer, forms.ModelForm):
    diensten = SimpleArrayField(
        forms.CharField(max_length=60),
        required=False,
        help_text="Gescheiden door komma's, bijvoorbeeld: schuldhulp,maatschappelijk werk",
    )
    wijken = SimpleArrayField(
        forms.CharField(max_length=80),
        required=False,
        label="Werkgebied (wijken en dorpen)",
        help_text="Gescheiden door komma's. Leeg: de hele gemeente.",
    )

    class Meta:
        model = Organisatie
        fields = [
            "naam", "soort", "omschrijving", "diensten", "wijken", "telefoon", "email",
            "website", "contactpersoon", "intakeadres", "actief",
        ]  # fmt: skip


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    """Organisations are managed by the beheerder. The staff group is created with the
    organisation; partner users are added to it on the user's page (Groepen)."""

    form = OrganisatieForm
    list_display = ["naam", "soort", "actief", "telefoon", "email"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "omschrijving"]
    readonly_fields = ["groep"]

    def save_model(self, request, obj, form, change):
        services.organisatie_opslaan(door=request.user, organisatie=obj)
