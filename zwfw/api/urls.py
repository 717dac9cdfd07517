from django.urls import include, path, re_path

from .errors import api_not_found
from .openapi_view import OpenAPIDocumentView

app_name = "api"

urlpatterns = [
    path("openapi.json", OpenAPIDocumentView.as_view(), name="openapi"),
    path("", include("zwfw.api.routes")),
    # Anything else under /api/v1/ (an unknown path, an id that is not a number) is the API's JSON
    # 404, also with DEBUG on, never Django's debug page. Keep this last.
    re_path(r"^.*$", api_not_found, name="not-found"),
]
