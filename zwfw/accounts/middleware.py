"""Idle timeout for signed-in sessions (等保 2.0 8.1.4.1 b: 登录连接超时自动退出)."""

import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_KEY = "zwfw_last_activity"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get(SESSION_KEY)
            limit = settings.ZWFW_IDLE_TIMEOUT_MINUTES * 60
            if last is not None and now - float(last) > limit:
                logout(request)
                request.session["zwfw_idle_logged_out"] = True
            else:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
