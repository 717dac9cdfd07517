"""URLs of the calendar pages, included under /workbench/calendar/ (namespace workbench)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.year_page, name="calendar"),
    path("import/", views.year_import, name="calendar_import"),
    path("days/", views.day_set, name="calendar_day_set"),
    path("days/<int:pk>/delete/", views.day_delete, name="calendar_day_delete"),
]
