"""Idle timeout for signed-in sessions (等保 2.0 8.1.4.1 b: 登录连接超时自动退出)."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.contrib.auth import logout

from zwfw.core import clock
from zwfw.core.context import client_ip

SESSION_KEY = "zwfw_last_activity"
IDLE_FLAG = "zwfw_idle_logged_out"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = clock.now()
            last = request.session.get(SESSION_KEY)
            limit = settings.ZWFW_IDLE_TIMEOUT_MINUTES * 60
            if last is not None and now.timestamp() - float(last) > limit:
                from .services import sign_out

                sign_out(user=user, ip=client_ip(request), reason="idle_timeout", now=now)
                logout(request)
                request.session[IDLE_FLAG] = True
            else:
                request.session[SESSION_KEY] = now.timestamp()
        response = self.get_response(request)
        # A sign-in happens inside the view, after the check above: start the idle count at the
        # sign-in itself, or a session that makes no further request would never time out.
        # Only a session that signs someone in is counted: an API request authenticated by its
        # Bearer token (DRF sets request.user) has no signed-in session, and counting it would
        # create and store a session row on every API call (issue 8, the submission's cost).
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and hasattr(request, "session")
                and SESSION_KEY not in request.session and request.session.get(AUTH_SESSION_KEY)):
            request.session[SESSION_KEY] = clock.now().timestamp()
        return response
