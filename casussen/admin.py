from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Domein


@admin.register(Domein)
class DomeinAdmin(SimpleHistoryAdmin):
    """The beheerder maintains the life domains; case content is not in the admin."""

    list_display = ["naam", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
