from django.urls import include, path

from zwfw.ratings.urls import urlpatterns as ratings_urlpatterns
from zwfw.stats.urls import urlpatterns as stats_urlpatterns
from zwfw.supervision.urls import urlpatterns as supervision_urlpatterns

from . import audit, jobs, mandates, views
from .accounts.urls import urlpatterns as accounts_urlpatterns
from .archive.urls import urlpatterns as archive_urlpatterns
from .calendar.urls import urlpatterns as calendar_urlpatterns
from .cases.urls import urlpatterns as cases_urlpatterns
from .catalog.urls import urlpatterns as catalog_urlpatterns
from .work.urls import urlpatterns as work_urlpatterns

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("role/<slug:role>/", views.role_page, name="role"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit/export/", audit.audit_export_view, name="audit_export"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("security/locks/<int:pk>/unlock/", views.sign_in_unlock, name="sign_in_unlock"),
    path("security/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("catalog/", include(catalog_urlpatterns)),
    path("accounts/", include(accounts_urlpatterns)),
    path("calendar/", include(calendar_urlpatterns)),
    path("cases/", include(cases_urlpatterns)),
    path("work/", include(work_urlpatterns)),
    path("archive/", include(archive_urlpatterns)),
    path("supervision/", include(supervision_urlpatterns)),
    path("ratings/", include(ratings_urlpatterns)),
    path("stats/", include(stats_urlpatterns)),
    path("jobs/", jobs.overview, name="jobs"),
    path("mandates/", mandates.mandates, name="mandates"),
    path("mandates/<int:pk>/revoke", mandates.mandate_revoke, name="mandate_revoke"),
    path("jobs/outbox/<int:pk>/retry/", jobs.retry, name="jobs_retry"),
]
