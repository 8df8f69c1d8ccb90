"""The social map: search organisations by service, area (wijk or village) and free text."""

import django_filters
from django import forms
from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Concat

from . import selectors
from .models import Organisatie, Soort


class ArrayTekst(Func):
    function = "array_to_string"
    output_field = TextField()


class SocialeKaartFilter(django_filters.FilterSet):
    tekst = django_filters.CharFilter(
        label="Zoeken",
        method="filter_tekst",
        help_text="Naam, dienst of omschrijving.",
        max_length=100,
    )
    dienst = django_filters.ChoiceFilter(
        label="Dienst", method="filter_dienst", empty_label="Alle diensten"
    )
    wijk = django_filters.ChoiceFilter(
        label="Wijk of dorp",
        method="filter_wijk",
        empty_label="Alle wijken",
        help_text="Organisaties die in de hele gemeente werken, staan er altijd bij.",
    )
    soort = django_filters.ChoiceFilter(label="Soort", choices=Soort.choices, empty_label="Alle")

    class Meta:
        model = Organisatie
        fields = ["tekst", "dienst", "wijk", "soort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["dienst"].extra["choices"] = [(d, d) for d in selectors.diensten()]
        self.filters["wijk"].extra["choices"] = [(w, w) for w in selectors.wijken()]

    @property
    def form(self):
        form = super().form
        for veld in form.fields.values():
            if isinstance(veld.widget, forms.TextInput):
                veld.widget.attrs.setdefault("type", "search")
        return form

    def filter_tekst(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.annotate(
            _zoektekst=Concat(
                "naam",
                Value(" "),
                "omschrijving",
                Value(" "),
                ArrayTekst("diensten", Value(" ")),
                output_field=TextField(),
            )
        ).filter(_zoektekst__icontains=value)

    def filter_dienst(self, queryset, name, value):
        return queryset.filter(diensten__contains=[value]) if value else queryset

    def filter_wijk(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(wijken__contains=[value]) | Q(wijken=[]))
