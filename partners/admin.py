from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisatie


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "telefoon", "email"]
    list_filter = ["soort"]
    search_fields = ["naam"]
