from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("zwfw.portal.urls")),
    path("accounts/", include("zwfw.accounts.urls")),
    path("workbench/", include("zwfw.workbench.urls")),
    path("api/v1/", include("zwfw.api.urls")),
    path("django-admin/", admin.site.urls),
]
