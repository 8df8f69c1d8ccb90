from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Wijkteam — beheer"
admin.site.site_title = "Wijkteam beheer"
admin.site.index_title = "Functioneel beheer"
admin.site.login = views.admin_login

urlpatterns = [
    path("", views.start, name="start"),
    path("health/", views.health, name="health"),
    path("herinneringen/", views.herinneringen, name="herinneringen"),
    path(
        "herinneringen/<int:pk>/afgehandeld/",
        views.herinnering_afhandelen,
        name="herinnering_afhandelen",
    ),
    path("", include("toegang.urls")),
    path("", include("casussen.urls")),
    path("", include("plannen.urls")),
    path("", include("partners.urls")),
    path("beheer/", admin.site.urls),
]
