from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    # Team: social map, referring, a referral, who is involved
    path("sociale-kaart/", views.sociale_kaart, name="sociale_kaart"),
    path("sociale-kaart/<int:pk>/", views.organisatie, name="organisatie"),
    path("casussen/<int:casus_id>/verwijzen/", views.verwijzing_nieuw, name="verwijzing_nieuw"),
    path("verwijzingen/<int:pk>/", views.verwijzing, name="verwijzing"),
    path("huishoudens/<int:huishouden_id>/betrokken/", views.betrokken, name="betrokken"),
    # Partner: the inbox
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/verwijzingen/<int:pk>/", views.inbox_verwijzing, name="inbox_verwijzing"),
    path("inbox/verwijzingen/<int:pk>/status/", views.inbox_status, name="inbox_status"),
    path("inbox/verwijzingen/<int:pk>/notitie/", views.inbox_notitie, name="inbox_notitie"),
    path(
        "inbox/verwijzingen/<int:pk>/acties/<int:actie_id>/",
        views.inbox_actie,
        name="inbox_actie",
    ),
    path(
        "inbox/huishoudens/<int:huishouden_id>/",
        views.partner_huishouden,
        name="partner_huishouden",
    ),
]
