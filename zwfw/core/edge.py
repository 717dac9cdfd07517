"""What every request passes before any view (issue 13, findings 6 and 9): control characters and
the size of API bodies, handled once here instead of in each form, filter and serializer.

- A query parameter of a page (a search box, a filter) loses its control characters: the page
  answers as if they had not been typed (PostgreSQL refuses NUL in text, which answered 500).
- A form post, an API query and an API body holding a control character (other than tab, line
  feed and carriage return) are refused with a Chinese message and a stable code; nothing runs.
- A JSON API body larger than ZWFW_API_MAX_BODY_BYTES is refused with 413 before it is read, and
  one holding a string longer than ZWFW_API_MAX_TEXT_CHARS with 400 (`text_too_long`).
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from .errors import DomainError, ValidationFailed
from .text import strip_control_chars
from .views import API_PREFIX, domain_error_response

# C0 controls but tab, LF and CR; DEL; C1 controls. Format characters (zero-width joiner in a
# name, a soft hyphen pasted from a word processor) are not controls and pass.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CODE = "control_characters"


class BodyTooLarge(DomainError):
    status = 413
    default_code = "body_too_large"
    default_message = "提交的内容过大"


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def _control_paths(value, path: str = "") -> list[str]:
    """Where in a parsed JSON document a string (value or key) holds a control character."""
    found: list[str] = []
    if isinstance(value, str):
        if has_control(value):
            found.append(path or "non_field_errors")
    elif isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if has_control(str(key)):
                found.append(path or "non_field_errors")
            found.extend(_control_paths(item, sub))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_control_paths(item, f"{path}[{index}]" if path else f"[{index}]"))
    return found


def _long_paths(value, limit: int, path: str = "") -> list[str]:
    """Where in a parsed JSON document a string is longer than `limit` characters."""
    if isinstance(value, str):
        return [path or "non_field_errors"] if len(value) > limit else []
    if isinstance(value, dict):
        return [p for key, item in value.items()
                for p in _long_paths(item, limit, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value)
                for p in _long_paths(item, limit, f"{path}[{index}]" if path else f"[{index}]")]
    return []


def _refusal(fields: list[str]) -> ValidationFailed:
    message = _("提交的内容含有控制字符，请删除后重试")
    names = dict.fromkeys(_CONTROL.sub("?", name)[:100] for name in fields)
    return ValidationFailed(message, code=CONTROL_CODE, field_errors={name: [message] for name in names})


def _query_fields(query: QueryDict) -> list[str]:
    return [key for key, values in query.lists() if has_control(key) or any(has_control(v) for v in values)]


def _stripped(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        clean.setlist(strip_control_chars(key), [strip_control_chars(v) for v in values])
    clean._mutable = False
    return clean


class EdgeInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            self._check(request)
        except DomainError as exc:
            return domain_error_response(request, exc)
        return self.get_response(request)

    def _check(self, request) -> None:
        api = request.path.startswith(API_PREFIX)
        if _query_fields(request.GET):
            if api:
                raise _refusal(_query_fields(request.GET))
            request.GET = _stripped(request.GET)
        content_type = request.content_type or ""
        if api and content_type.endswith("json") and request.method not in ("GET", "HEAD", "OPTIONS"):
            self._check_json(request)
        elif request.method == "POST" and content_type in ("application/x-www-form-urlencoded",
                                                          "multipart/form-data"):
            fields = _query_fields(request.POST)
            fields += [key for key, upload in request.FILES.items() if has_control(upload.name or "")]
            if fields:
                raise _refusal(fields)

    def _check_json(self, request) -> None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.ZWFW_API_MAX_BODY_BYTES
        if length > limit:
            raise BodyTooLarge(_("提交的内容过大（不超过 %(kb)s KB），请精简后重试") % {"kb": limit // 1024})
        try:
            document = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return  # malformed JSON: the API's parser answers parse_error
        fields = _control_paths(document)
        if fields:
            raise _refusal(fields)
        # Serializers give their text fields a length; free-form parts (a guide's fields, rows of
        # materials) are bounded here, so no string of any body is unbounded.
        limit = settings.ZWFW_API_MAX_TEXT_CHARS
        long = _long_paths(document, limit)
        if long:
            message = _("内容过长（不超过 %(n)s 字），请精简后重试") % {"n": limit}
            raise ValidationFailed(message, code="text_too_long",
                                   field_errors={name[:100]: [message] for name in dict.fromkeys(long)})
