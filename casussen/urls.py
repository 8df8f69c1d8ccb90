from django.urls import path

from . import views

app_name = "casussen"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/nieuw/", views.melding_nieuw, name="melding_nieuw"),
    path("meldingen/<int:pk>/", views.melding, name="melding"),
    path("meldingen/<int:pk>/huishouden/", views.melding_huishouden, name="melding_huishouden"),
    path(
        "meldingen/<int:pk>/huishouden/nieuw/",
        views.melding_huishouden_nieuw,
        name="melding_huishouden_nieuw",
    ),
    path("meldingen/<int:pk>/triage/", views.melding_triage, name="melding_triage"),
    path("huishoudens/<int:pk>/", views.huishouden, name="huishouden"),
    path("huishoudens/<int:pk>/bewerken/", views.huishouden_bewerken, name="huishouden_bewerken"),
    path("huishoudens/<int:pk>/leden/nieuw/", views.persoon_nieuw, name="persoon_nieuw"),
    path("personen/<int:pk>/", views.persoon, name="persoon"),
    path("personen/<int:pk>/bewerken/", views.persoon_bewerken, name="persoon_bewerken"),
    path("casussen/<int:pk>/", views.casus, name="casus"),
    path("casussen/<int:pk>/status/", views.casus_status, name="casus_status"),
    path("casussen/<int:pk>/regie/", views.casus_regie, name="casus_regie"),
    path("casussen/<int:pk>/contactmomenten/", views.contactmomenten, name="contactmomenten"),
    path(
        "casussen/<int:pk>/contactmomenten/nieuw/",
        views.contactmoment_nieuw,
        name="contactmoment_nieuw",
    ),
    path(
        "casussen/<int:pk>/keukentafelgesprek/nieuw/",
        views.keukentafelgesprek_nieuw,
        name="keukentafelgesprek_nieuw",
    ),
    path("keukentafelgesprekken/<int:pk>/", views.keukentafelgesprek, name="keukentafelgesprek"),
    path("casussen/<int:pk>/zrm/nieuw/", views.zrm_nieuw, name="zrm_nieuw"),
    path("stuurinformatie/", views.stuurinformatie, name="stuurinformatie"),
    path("stuurinformatie/export.csv", views.stuurinformatie_csv, name="stuurinformatie_csv"),
    path("stuurinformatie/export.xlsx", views.stuurinformatie_xlsx, name="stuurinformatie_xlsx"),
]
