from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="stats"),
    path("cases/", views.cases, name="stats_cases"),
    path("export.xlsx", views.xlsx, name="stats_xlsx"),
    path("centers/<int:center_id>/report.pdf", views.report, name="stats_report"),
]
