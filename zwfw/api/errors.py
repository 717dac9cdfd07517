"""One error format for every API failure: {"code", "message" (Chinese), "fields"}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from zwfw.core.errors import DomainError, db_refusal

DRF_CODES = {
    exceptions.NotAuthenticated: ("not_authenticated", "请先登录"),
    exceptions.AuthenticationFailed: ("authentication_failed", "身份认证失败"),
    exceptions.PermissionDenied: ("permission_denied", "您没有执行此操作的权限"),
    exceptions.NotFound: ("not_found", "未找到该对象，或您无权查看"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持该请求方法"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试"),
    exceptions.ParseError: ("parse_error", "请求格式错误"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的请求内容类型"),
    exceptions.NotAcceptable: ("not_acceptable", "无法提供所请求的格式"),
}


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            else:
                out[str(key)] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status)
    mapped = db_refusal(exc)
    if mapped is not None:  # a trigger refused a write that stands for a domain rule
        return Response(mapped.as_dict(), status=mapped.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {"code": "validation_failed", "message": "提交的内容有误，请按提示修改", "fields": _flatten(exc.detail)}
    else:
        code, message = next(
            ((c, m) for cls, (c, m) in DRF_CODES.items() if isinstance(exc, cls)),
            ("error", "请求失败"),
        )
        body = {"code": code, "message": message, "fields": {}}
    response.data = body
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """No API resource at this address, whatever the method: the site's one 404 answer (JSON in
    the API's error format under /api/), which Django would give only with DEBUG off."""
    from zwfw.core.views import page_not_found

    return page_not_found(request, Http404())
