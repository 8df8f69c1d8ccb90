from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Domein, GelijkgesteldeDag


@admin.register(Domein)
class DomeinAdmin(SimpleHistoryAdmin):
    """The beheerder maintains the life domains; case content is not in the admin."""

    list_display = ["naam", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(SimpleHistoryAdmin):
    """Days equated with a feestdag by decree (Atw art. 3 lid 3). Saving or deleting one
    recomputes the running Wmo research terms that end near it."""

    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"

    def _herberekenen(self, request, datums):
        gewijzigd = sum(
            services.termijnen_herberekenen(door=request.user, rond=datum) for datum in datums
        )
        if gewijzigd:
            self.message_user(request, f"{gewijzigd} lopende termijn(en) herberekend.")

    def save_model(self, request, obj, form, change):
        oud = GelijkgesteldeDag.objects.filter(pk=obj.pk).values_list("datum", flat=True).first()
        super().save_model(request, obj, form, change)
        self._herberekenen(request, {d for d in (oud, obj.datum) if d})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._herberekenen(request, {obj.datum})

    def delete_queryset(self, request, queryset):
        datums = set(queryset.values_list("datum", flat=True))
        for obj in queryset:
            obj.delete()
        self._herberekenen(request, datums)
