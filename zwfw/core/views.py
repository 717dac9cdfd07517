"""What a page shows for an error: the one mapping from domain errors to pages.

- `DomainErrorMiddleware` (zwfw.core.middleware) hands every DomainError a view did not catch to
  `domain_error_response`: NotFound → the 404 page, PermissionDenied → the 403 page, any other
  error on a form post → back to the page the form came from with the message, else an error page
  with the message. Views therefore raise domain errors, never Django's own 404/403 exceptions.
- A form view that re-renders its form catches DomainError from its service and calls
  `show_on_forms`, which puts the field errors on the form and re-raises NotFound/PermissionDenied.
- The handlers below (config/urls.py, CSRF_FAILURE_VIEW) render every error page in Chinese in the
  site's layout; under /api/ they answer in the API's error format ({code, message, fields}).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .errors import DomainError, NotFound, PermissionDenied

API_PREFIX = "/api/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_ROW = re.compile(r"^(?P<key>\w+)\[(?P<i>\d+)\](?:\.(?P<name>\w+))?$")


def _defaults(status: int) -> tuple[str, str]:
    """(code, Chinese message) of an error that carries none of its own."""
    return {
        400: ("bad_request", _("请求有误，请检查后重新提交")),
        403: ("permission_denied", _("您没有执行此操作的权限")),
        404: ("not_found", _("未找到该页面或对象")),
        409: ("conflict", _("当前状态下不能执行此操作")),
        500: ("server_error", _("服务器暂时无法处理您的请求，请稍后再试")),
    }.get(status, ("error", _("请求失败")))


def _domain_error(exc: BaseException | None) -> DomainError | None:
    """The domain error behind `exc` (itself, or the one it was raised from)."""
    while exc is not None:
        if isinstance(exc, DomainError):
            return exc
        exc = exc.__cause__
    return None


def error_page(request: HttpRequest, status: int, exc: BaseException | None = None, *,
               template: str | None = None, with_request: bool = True) -> HttpResponse:
    """The error page for `status`, showing a domain error's Chinese message when there is one
    (Django's own messages may be English or name internals: they are never shown)."""
    domain = _domain_error(exc)
    if request is not None and request.path.startswith(API_PREFIX):
        code, message = _defaults(status)
        body = domain.as_dict() if domain else {"code": code, "message": message, "fields": {}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    context = {"status": status, "message": domain.message if domain else ""}
    name = template or (f"{status}.html" if status in (400, 403, 404, 500) else "400.html")
    if with_request and request is not None:
        return render(request, name, context, status=status)
    # 400 and 500 render without the request's context processors: they may be what failed.
    context["platform_name"] = settings.ZWFW_PLATFORM_NAME
    return HttpResponse(loader.get_template(name).render(context), status=status)


def domain_error_response(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """The page for a domain error no view caught (called by DomainErrorMiddleware)."""
    if request.path.startswith(API_PREFIX):
        return error_page(request, exc.status, exc)
    if isinstance(exc, NotFound | PermissionDenied) or request.method in SAFE_METHODS:
        return error_page(request, exc.status, exc)
    back = _back(request)
    if back is None:
        return error_page(request, exc.status, exc)
    # Post/redirect/get: the page the form was posted from shows the message, nothing was saved.
    for message in dict.fromkeys([exc.message, *(m for ms in exc.field_errors.values() for m in ms)]):
        messages.error(request, message)
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(status=204, headers={"HX-Redirect": back})
    return HttpResponseRedirect(back)


def _back(request: HttpRequest) -> str | None:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return None


def show_on_forms(request: HttpRequest, exc: DomainError, form=None, rows: dict | None = None) -> None:
    """Show a service's error on the form a view re-renders: the message at the top, field errors
    on the fields and child-row forms they name. `rows` maps a child key (``materials``) to
    (formset, form index per submitted row) for keys such as ``materials[2].name``.
    NotFound and PermissionDenied are re-raised: they are pages, not form errors."""
    if isinstance(exc, NotFound | PermissionDenied):
        raise exc
    messages.error(request, exc.message)
    for key, errors in exc.field_errors.items():
        match = _ROW.match(key)
        if match and rows and match["key"] in rows:
            formset, index = rows[match["key"]]
            i = int(match["i"])
            if i < len(index):
                target = formset.forms[index[i]]
                name = match["name"] if match["name"] in target.fields else None
                target.add_error(name, errors)
                continue
        if form is not None:
            form.add_error(key if key in form.fields else None, errors)


# ---- handlers (config/urls.py handler400/403/404/500, settings.CSRF_FAILURE_VIEW) ---------------

def bad_request(request, exception, template_name="400.html"):
    return error_page(request, 400, exception, with_request=False)


def permission_denied(request, exception, template_name="403.html"):
    return error_page(request, 403, exception)


def page_not_found(request, exception, template_name="404.html"):
    return error_page(request, 404, exception)


def server_error(request, template_name="500.html"):
    return error_page(request, 500, with_request=False)


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """A form posted from an expired page or without cookies; Django's reason is for developers."""
    exc = PermissionDenied(_("页面已过期或浏览器未启用 Cookie，本次提交未被受理"), code="csrf_failed")
    return error_page(request, 403, exc, template=template_name)
