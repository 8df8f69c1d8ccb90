import django_filters
from django import forms

from .models import LogActie, LogResultaat, Toegangslog


class ToegangslogFilter(django_filters.FilterSet):
    """ "Who looked at this person's file": the beheerder filters the access log."""

    persoon_id = django_filters.NumberFilter(label="Persoonsnummer")
    huishouden_id = django_filters.NumberFilter(label="Huishoudnummer")
    gebruikersnaam = django_filters.CharFilter(label="Gebruikersnaam", lookup_expr="iexact")
    actie = django_filters.ChoiceFilter(choices=LogActie.choices, empty_label="Alle acties")
    resultaat = django_filters.ChoiceFilter(
        choices=LogResultaat.choices, empty_label="Alle resultaten"
    )
    doorbraak = django_filters.BooleanFilter(
        label="Alleen doorbraak (break-the-glass)",
        widget=forms.CheckboxInput,
        method="alleen_doorbraak",
    )
    van = django_filters.DateFilter(
        field_name="tijdstip",
        lookup_expr="date__gte",
        label="Vanaf",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        field_name="tijdstip",
        lookup_expr="date__lte",
        label="Tot en met",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Toegangslog
        fields = []

    def alleen_doorbraak(self, queryset, name, value):
        return queryset.filter(doorbraak=True) if value else queryset
