from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Bewaartermijnrun, Gebruiker, Gemeente, Team


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "team", "rollen", "is_active"]
    list_filter = ["team", "is_active", "is_staff"]
    list_select_related = ["team"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Wijkteam", {"fields": ["rollen", "team", "is_demo"]}),
    ]


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "gemeente"]
    list_select_related = ["gemeente"]


admin.site.register(Gemeente, SimpleHistoryAdmin)


@admin.register(Bewaartermijnrun)
class BewaartermijnrunAdmin(admin.ModelAdmin):
    """Read-only: a run is a record of what the retention job did."""

    list_display = ["peildatum", "uitgevoerd_op", "casussen", "huishoudens", "personen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
