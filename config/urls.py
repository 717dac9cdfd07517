from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("zwfw.portal.urls")),
    path("accounts/", include("zwfw.accounts.urls")),
    path("inbox/", include("zwfw.notifications.urls")),
    path("workbench/", include("zwfw.workbench.urls")),
    path("api/v1/", include("zwfw.api.urls")),
    path("files/", include("zwfw.files.urls")),
    path("verify/", include("zwfw.documents.urls")),
    # The admin site's own login form signs in without the lockout and audit of staff_sign_in:
    # send it to the one staff sign-in page (the ?next= back to the admin is kept).
    path("django-admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("django-admin/", admin.site.urls),
]

# Every error page in Chinese in the site's layout; JSON in the API's format under /api/.
handler400 = "zwfw.core.views.bad_request"
handler403 = "zwfw.core.views.permission_denied"
handler404 = "zwfw.core.views.page_not_found"
handler500 = "zwfw.core.views.server_error"
