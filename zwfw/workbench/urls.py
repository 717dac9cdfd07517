from django.urls import include, path

from . import jobs, views
from .accounts.urls import urlpatterns as accounts_urlpatterns
from .calendar.urls import urlpatterns as calendar_urlpatterns
from .cases.urls import urlpatterns as cases_urlpatterns
from .catalog.urls import urlpatterns as catalog_urlpatterns

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/<slug:role>/", views.role_page, name="role"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("catalog/", include(catalog_urlpatterns)),
    path("accounts/", include(accounts_urlpatterns)),
    path("calendar/", include(calendar_urlpatterns)),
    path("cases/", include(cases_urlpatterns)),
    path("jobs/", jobs.overview, name="jobs"),
    path("jobs/outbox/<int:pk>/retry/", jobs.retry, name="jobs_retry"),
]
