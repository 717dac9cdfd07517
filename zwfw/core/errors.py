"""One error vocabulary for the whole platform.

Services raise DomainError subclasses carrying a stable machine code and a Chinese message;
the API (zwfw.api.errors) and the pages (zwfw.core.views helpers) map them in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import ClassVar


class DomainError(Exception):
    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "invalid"
    default_message: ClassVar[str] = "请求无效"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.message = str(message or self.default_message)
        self.field_errors = {k: [str(m) for m in v] for k, v in (field_errors or {}).items()}
        super().__init__(self.message)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "fields": self.field_errors}


class ValidationFailed(DomainError):
    status = 400
    default_code = "validation_failed"
    default_message = "提交的内容有误，请按提示修改"

    @classmethod
    def on(cls, field: str, message: str, *, code: str | None = None) -> ValidationFailed:
        return cls(message, code=code, field_errors={field: [message]})


class NotFound(DomainError):
    status = 404
    default_code = "not_found"
    default_message = "未找到该对象，或您无权查看"


class PermissionDenied(DomainError):
    status = 403
    default_code = "permission_denied"
    default_message = "您没有执行此操作的权限"


class Conflict(DomainError):
    status = 409
    default_code = "conflict"
    default_message = "与已有数据冲突"


class StateError(DomainError):
    status = 409
    default_code = "invalid_state"
    default_message = "当前状态下不能执行此操作"


# Refusals by database triggers that stand for a domain rule (an archived case, …): a marker in the
# database's message → the DomainError to show. Apps register theirs in AppConfig.ready(); the API
# error handler and the page middleware map them, and services may wrap a write in
# `db_refusals_mapped()`.
_DB_REFUSALS: dict[str, Callable[[], DomainError]] = {}


def db_refusal_register(marker: str, make: Callable[[], DomainError]) -> None:
    _DB_REFUSALS[marker] = make


def db_refusal(exc: BaseException) -> DomainError | None:
    """The domain error a database refusal stands for, or None for any other database error."""
    from django.db import DatabaseError

    if not isinstance(exc, DatabaseError):
        return None
    text = str(exc)
    for marker, make in _DB_REFUSALS.items():
        if marker in text:
            return make()
    return None


@contextmanager
def db_refusals_mapped():
    """Raise the registered DomainError instead of the database error it stands for."""
    from django.db import DatabaseError

    try:
        yield
    except DatabaseError as exc:
        mapped = db_refusal(exc)
        if mapped is None:
            raise
        raise mapped from exc
