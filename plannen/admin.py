"""Plans hold case content: the functioneel beheerder does not see them in the admin (section 2
of the design). Only configuration is registered: the four-eyes setting per municipality."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import VierOgenInstelling


@admin.register(VierOgenInstelling)
class VierOgenInstellingAdmin(SimpleHistoryAdmin):
    """Per municipality: which decisions a second backoffice user must confirm."""

    list_display = ["gemeente", "besluit", "wet"]
    list_filter = ["gemeente", "besluit", "wet"]
