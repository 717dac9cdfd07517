"""OpenAPI pieces shared by every API module: bearer authentication and the error format."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "zwfw.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "POST /api/v1/auth/token 获取令牌，放在 Authorization: Bearer <令牌> 请求头中",
        }


class ErrorSerializer(serializers.Serializer):
    """The one error format of the API (zwfw.api.errors), for the OpenAPI document."""

    code = serializers.CharField(help_text="稳定的错误代码，如 region_not_found")
    message = serializers.CharField(help_text="中文说明")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="字段错误：字段名 → 中文说明列表"
    )


ERROR_DESCRIPTIONS = {400: "输入有误", 401: "未登录或令牌无效", 403: "无权限", 404: "不存在或无权查看", 409: "冲突"}


def error_responses(*statuses: int) -> dict:
    """OpenAPI responses for the given error statuses (all by default)."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status])
        for status in (statuses or tuple(ERROR_DESCRIPTIONS))
    }
