"""OpenAPI extensions: describe our bearer-token authentication in the document."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "zwfw.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "POST /api/v1/auth/token 获取令牌，放在 Authorization: Bearer <令牌> 请求头中",
        }
