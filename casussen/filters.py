"""Filters and sorting of the case lists (Mijn caseload, team view), with django-filter."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone

from .models import Status, Wet
from .selectors import team_consulenten
from .termijnen import AMBER_DAGEN

KLOK_KEUZES = [
    ("rood", "Verstreken (rood)"),
    ("amber", "Laatste week (amber)"),
    ("groen", "Loopt (groen)"),
    ("gehaald", "Gehaald"),
    ("niet_gehaald", "Niet gehaald"),
    ("geen", "Geen wettelijke termijn"),
]


class Sortering(django_filters.OrderingFilter):
    """Sorting with empty dates last, whatever the direction; stable by case number."""

    def filter(self, qs, value):
        if not value:
            return qs.order_by(F("volgende_termijn").asc(nulls_last=True), "id")
        velden = []
        for param in value:
            veld = self.get_ordering_value(param)
            if veld.startswith("-"):
                velden.append(F(veld[1:]).desc(nulls_last=True))
            else:
                velden.append(F(veld).asc(nulls_last=True))
        return qs.order_by(*velden, "id")


class CasusFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Zonder keuze: alle lopende casussen.",
    )
    wet = django_filters.ChoiceFilter(
        label="Wet", choices=Wet.choices, method="filter_wet", empty_label="Alle wetten"
    )
    klok = django_filters.ChoiceFilter(
        label="Wettelijke termijn", choices=KLOK_KEUZES, method="filter_klok", empty_label="Alle"
    )
    sorteer = Sortering(
        label="Sorteren op",
        empty_label="Eerstvolgende termijn",
        fields=(
            ("volgende_termijn", "termijn"),
            ("geopend_op", "geopend"),
            ("status", "status"),
            ("id", "nummer"),
        ),
        field_labels={
            "volgende_termijn": "Eerstvolgende termijn",
            "-volgende_termijn": "Eerstvolgende termijn (laatste eerst)",
            "geopend_op": "Geopend (oudste eerst)",
            "-geopend_op": "Geopend (nieuwste eerst)",
            "status": "Status",
            "-status": "Status (omgekeerd)",
            "id": "Casusnummer",
            "-id": "Casusnummer (hoogste eerst)",
        },
    )

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=Status.AFGESLOTEN)
        queryset = super().filter_queryset(queryset)
        if "sorteer" not in self.form.cleaned_data:  # an invalid choice: the default order
            queryset = self.filters["sorteer"].filter(queryset, None)
        return queryset

    def filter_wet(self, queryset, name, value):
        return queryset.filter(wetten__contains=[value]) if value else queryset

    def filter_klok(self, queryset, name, value):
        vandaag = timezone.localdate()
        lopend = Q(onderzoekstermijn_einde__isnull=False, onderzoek_afgerond_op__isnull=True)
        amber_vanaf = vandaag + timedelta(days=AMBER_DAGEN)
        voorwaarden = {
            "rood": lopend & Q(onderzoekstermijn_einde__lt=vandaag),
            "amber": lopend
            & Q(onderzoekstermijn_einde__gte=vandaag, onderzoekstermijn_einde__lt=amber_vanaf),
            "groen": lopend & Q(onderzoekstermijn_einde__gte=amber_vanaf),
            "gehaald": Q(onderzoek_op_tijd=True),
            "niet_gehaald": Q(onderzoek_op_tijd=False),
            "geen": Q(onderzoekstermijn_einde__isnull=True),
        }
        return queryset.filter(voorwaarden[value]) if value in voorwaarden else queryset


class TeamCasusFilter(CasusFilter):
    regisseur = django_filters.ModelChoiceFilter(
        label="Regisseur", queryset=None, empty_label="Alle regisseurs"
    )

    def __init__(self, *args, team_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.filters["regisseur"]
        veld.queryset = team_consulenten(team_id)
        self.form.fields["regisseur"].queryset = veld.queryset
        self.form.fields["regisseur"].label_from_instance = lambda g: g.weergavenaam
