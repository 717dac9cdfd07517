from django.urls import include, path

from . import audit, jobs, views
from .cases.urls import urlpatterns as cases_urlpatterns
from .catalog.urls import urlpatterns as catalog_urlpatterns

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/<slug:role>/", views.role_page, name="role"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export/", audit.audit_export_view, name="audit_export"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("catalog/", include(catalog_urlpatterns)),
    path("cases/", include(cases_urlpatterns)),
    path("jobs/", jobs.overview, name="jobs"),
    path("jobs/outbox/<int:pk>/retry/", jobs.retry, name="jobs_retry"),
]
