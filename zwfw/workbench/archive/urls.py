"""The archivist's pages, included under /workbench/archive/ (namespace workbench)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.archive_list, name="archive"),
    path("<int:case_id>/package/", views.archive_package, name="archive_package"),
]
