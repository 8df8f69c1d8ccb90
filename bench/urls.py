"""The project's URLs plus the bench-only admin site (bench.admin), for bench.settings."""

from django.urls import path

from wijkteam.urls import urlpatterns as project_urlpatterns

from .admin import bench_admin

urlpatterns = [*project_urlpatterns, path("bench-admin/", bench_admin.urls)]
