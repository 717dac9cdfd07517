"""Per-request context (client address, acting role) for the audit trail, set by middleware."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str
    role: str = ""


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("zwfw_request", default=None)


def current_request_context() -> RequestContext | None:
    return _current.get()


def set_request_context(ctx: RequestContext | None):
    return _current.set(ctx)


def reset_request_context(token) -> None:
    _current.reset(token)


def client_ip(request) -> str:
    # Behind the hall's reverse proxy, the proxy appends the address it saw to X-Forwarded-For:
    # the LAST hop is the client. Earlier hops come from the client itself and can be forged, so
    # they never reach the audit trail. Only trusted when the deployment says a proxy is in front
    # (ZWFW_TRUST_PROXY).
    from django.conf import settings

    if getattr(settings, "ZWFW_TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
