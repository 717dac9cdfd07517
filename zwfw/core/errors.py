"""One error vocabulary for the whole platform.

Services raise DomainError subclasses carrying a stable machine code and a Chinese message;
the API (zwfw.api.errors) and the pages (zwfw.core.views helpers) map them in one place.
"""

from __future__ import annotations

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
