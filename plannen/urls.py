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
    # Backoffice (issue 7)
    path("aanvragen/", views.aanvragen, name="aanvragen"),
    path("aanvragen/<int:pk>/", views.aanvraag, name="aanvraag"),
    path("aanvragen/<int:pk>/besluiten/", views.aanvraag_besluiten, name="aanvraag_besluiten"),
    path(
        "aanvragen/<int:pk>/meer-informatie/",
        views.aanvraag_meer_informatie,
        name="aanvraag_meer_informatie",
    ),
    path("aanvragen/<int:pk>/aanvullen/", views.aanvraag_aanvullen, name="aanvraag_aanvullen"),
    path("aanvragen/<int:pk>/opschorten/", views.aanvraag_opschorten, name="aanvraag_opschorten"),
    path(
        "aanvragen/opschortingen/<int:pk>/beeindigen/",
        views.opschorting_beeindigen,
        name="opschorting_beeindigen",
    ),
    path("aanvragen/<int:pk>/verdagen/", views.aanvraag_verdagen, name="aanvraag_verdagen"),
    path(
        "aanvragen/<int:pk>/behandelaar/",
        views.aanvraag_behandelaar,
        name="aanvraag_behandelaar",
    ),
    path("aanvragen/<int:pk>/plan-pdf/", views.aanvraag_plan_pdf, name="aanvraag_plan_pdf"),
    path(
        "beschikkingen/<int:pk>/bevestigen/",
        views.beschikking_bevestigen,
        name="beschikking_bevestigen",
    ),
    path(
        "beschikkingen/<int:pk>/terugsturen/",
        views.beschikking_terugsturen,
        name="beschikking_terugsturen",
    ),
    path("beschikkingen/<int:pk>/pdf/", views.beschikking_pdf, name="beschikking_pdf"),
    path(
        "beschikkingen/<int:pk>/pdf/downloaden/",
        views.beschikking_pdf_downloaden,
        name="beschikking_pdf_downloaden",
    ),
    path("casussen/<int:casus_id>/aanvraag/nieuw/", views.aanvraag_nieuw, name="aanvraag_nieuw"),
]
