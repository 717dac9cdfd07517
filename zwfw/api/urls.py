from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("zwfw.api.routes")),
]
