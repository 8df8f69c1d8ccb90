from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("inloggen/", views.inloggen, name="inloggen"),
    path("inloggen/tweede-factor/", views.tweede_factor, name="tweede_factor"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("toegangslog/", views.logboek, name="logboek"),
    path(
        "huishoudens/<int:huishouden_id>/toestemmingen/", views.toestemmingen, name="toestemmingen"
    ),
    path(
        "huishoudens/<int:huishouden_id>/toestemmingen/nieuw/",
        views.toestemming_nieuw,
        name="toestemming_nieuw",
    ),
    path(
        "huishoudens/<int:huishouden_id>/gegevensdelingen/nieuw/",
        views.gegevensdeling_nieuw,
        name="gegevensdeling_nieuw",
    ),
    path(
        "toestemmingen/<int:pk>/intrekken/",
        views.toestemming_intrekken,
        name="toestemming_intrekken",
    ),
    path("toestemmingen/<int:pk>/formulier.pdf", views.toestemming_pdf, name="toestemming_pdf"),
    path("inzage/<int:persoon_id>/", views.inzage, name="inzage"),
    path("doorbreken/<int:huishouden_id>/", views.doorbreken, name="doorbreken"),
]
