"""The reference of issue 10, for the bench only: Django's admin changelist of the models behind the
key pages, as a quick build would have it (plain ModelAdmins, a few natural columns with their
foreign keys, Django's defaults otherwise: 100 rows a page, a full count, the FK columns fetched
with a bare select_related()). The project's own admin does not register these models (resident
data goes through the access policy and the access log only), so this site lives on
bench.urls, which only the bench's settings (bench.settings) use.
"""

from django.contrib import admin
from django.contrib.admin import AdminSite

from casussen.models import Casus, Huishouden
from partners.models import Verwijzing
from plannen.models import Aanvraag, Actie, Planversie

bench_admin = AdminSite(name="benchadmin")


class SnelAdmin(admin.ModelAdmin):
    """Newest first, as run.py's former SQL reference (count(*) + 100 rows by -id)."""

    ordering = ["-pk"]


@admin.register(Casus, site=bench_admin)
class CasusAdmin(SnelAdmin):
    list_display = ["__str__", "huishouden", "team", "regisseur", "status", "geopend_op"]


@admin.register(Huishouden, site=bench_admin)
class HuishoudenAdmin(SnelAdmin):
    list_display = ["__str__", "postcode", "wijk", "team", "aangemaakt_op"]


@admin.register(Planversie, site=bench_admin)
class PlanversieAdmin(SnelAdmin):
    list_display = ["__str__", "plan", "status", "gesprek_datum"]


@admin.register(Actie, site=bench_admin)
class ActieAdmin(SnelAdmin):
    list_display = ["__str__", "doel", "eigenaar_soort", "wanneer", "status"]


@admin.register(Verwijzing, site=bench_admin)
class VerwijzingAdmin(SnelAdmin):
    list_display = ["__str__", "casus", "organisatie", "status", "verstuurd_op"]


@admin.register(Aanvraag, site=bench_admin)
class AanvraagAdmin(SnelAdmin):
    list_display = ["__str__", "huishouden", "soort", "wet", "status", "termijn_einde"]
