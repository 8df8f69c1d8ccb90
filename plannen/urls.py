from django.urls import path

from . import views

app_name = "plannen"
urlpatterns = [
    path("huishoudens/<int:huishouden_id>/plan/", views.plan, name="plan"),
    path("huishoudens/<int:huishouden_id>/plan/starten/", views.plan_starten, name="plan_starten"),
    path("plannen/versies/<int:pk>/", views.versie, name="versie"),
    path("plannen/versies/<int:pk>/bewerken/", views.versie_bewerken, name="versie_bewerken"),
    path("plannen/versies/<int:pk>/doelen/nieuw/", views.doel_toevoegen, name="doel_toevoegen"),
    path("plannen/doelen/<int:pk>/bewerken/", views.doel_bewerken, name="doel_bewerken"),
    path("plannen/doelen/<int:pk>/verwijderen/", views.doel_verwijderen, name="doel_verwijderen"),
    path("plannen/doelen/<int:pk>/acties/nieuw/", views.actie_toevoegen, name="actie_toevoegen"),
    path("plannen/acties/<int:pk>/bewerken/", views.actie_bewerken, name="actie_bewerken"),
    path("plannen/acties/<int:pk>/verwijderen/", views.actie_verwijderen, name="actie_verwijderen"),
    path("plannen/versies/<int:pk>/ondertekenen/", views.ondertekenen, name="ondertekenen"),
    path(
        "plannen/ondertekeningen/<int:pk>/bestand/",
        views.ondertekening_bestand,
        name="ondertekening_bestand",
    ),
    path("plannen/versies/<int:pk>/nieuwe-versie/", views.nieuwe_versie, name="nieuwe_versie"),
    path("plannen/versies/<int:pk>/vergelijken/", views.vergelijken, name="vergelijken"),
    path("plannen/versies/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("plannen/versies/<int:pk>/pdf/downloaden/", views.pdf_downloaden, name="pdf_downloaden"),
]
