"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401 - Django reads these
from config.urls import urlpatterns as site_urlpatterns
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed


def boom(request):
    raise RuntimeError("internal detail /srv/zwfw/secret.py")


def suspicious(request):
    raise SuspiciousOperation("internal detail")


def domain(request, kind: str):
    """Raises the domain error named by `kind`; a GET of `form` answers 200 (the form page)."""
    if kind == "form" and request.method == "GET":
        return HttpResponse("form page")
    raise {
        "not_found": NotFound("申请材料不存在"),
        "permission": PermissionDenied("只有审核人员可以审核"),
        "form": ValidationFailed("办理时限不能超过法定时限", field_errors={"promised_limit": ["不能超过20个工作日"]}),
        "state": StateError("该版本已发布，不能修改"),
        "conflict": Conflict("该版本已被他人修改"),
    }[kind]


urlpatterns = [
    path("test-errors/boom/", boom),
    path("test-errors/suspicious/", suspicious),
    path("test-errors/domain/<str:kind>/", domain),
    path("api/v1/test-errors/<str:kind>/", domain),
    *site_urlpatterns,
]
