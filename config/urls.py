from django.urls import include, path

urlpatterns = [
    path("", include("zwfw.portal.urls")),
    path("accounts/", include("zwfw.accounts.urls")),
    path("inbox/", include("zwfw.notifications.urls")),
    path("workbench/", include("zwfw.workbench.urls")),
    path("api/v1/", include("zwfw.api.urls")),
    path("files/", include("zwfw.files.urls")),
    path("verify/", include("zwfw.documents.urls")),
    # No Django admin site: the workbench has a page for every administrator's task (ADR 0028).
]

# Every error page in Chinese in the site's layout; JSON in the API's format under /api/.
handler400 = "zwfw.core.views.bad_request"
handler403 = "zwfw.core.views.permission_denied"
handler404 = "zwfw.core.views.page_not_found"
handler500 = "zwfw.core.views.server_error"
