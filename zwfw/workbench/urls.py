from django.urls import path

from . import views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/<slug:role>/", views.role_page, name="role"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
]
