from django.urls import include, path

from .openapi_view import OpenAPIDocumentView

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenAPIDocumentView.as_view(), name="openapi"),
    path("", include("zwfw.api.routes")),
]
