"""The project's URLs plus what only the bench uses (bench.settings): the admin site
(bench.admin) and the floor pages, what any page costs before its own work."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from toegang.models import Rol
from toegang.policy import toegang
from wijkteam.urls import urlpatterns as project_urlpatterns

from .admin import bench_admin


@toegang(*Rol.values)
def leeg_antwoord(request):
    """Every middleware (session, user, second factor, access layer) and nothing else."""
    return HttpResponse("leeg", content_type="text/plain; charset=utf-8")


@toegang(*Rol.values)
def lege_pagina(request):
    """The floor plus the layout every page shares (menu, bell), without content."""
    return render(request, "base.html")


urlpatterns = [
    *project_urlpatterns,
    path("bench-admin/", bench_admin.urls),
    path("bench-vloer/leeg/", leeg_antwoord, name="bench_leeg_antwoord"),
    path("bench-vloer/pagina/", lege_pagina, name="bench_lege_pagina"),
]
