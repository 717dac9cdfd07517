"""Errors specific to signing in."""

from zwfw.core.errors import DomainError

# One message for unknown account, wrong password, inactive account and lockout, so a caller
# cannot tell which account names exist (等保 2.0 8.1.4.1 b 登录失败处理).
SIGN_IN_FAILED_MESSAGE = "用户名或密码错误，或账号已被暂时锁定，请稍后再试"


class SignInFailed(DomainError):
    status = 401
    default_code = "sign_in_failed"
    default_message = SIGN_IN_FAILED_MESSAGE
