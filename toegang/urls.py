from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("inloggen/", views.inloggen, name="inloggen"),
    path("inloggen/tweede-factor/", views.tweede_factor, name="tweede_factor"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("toegangslog/", views.logboek, name="logboek"),
]
