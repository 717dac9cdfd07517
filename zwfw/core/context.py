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


def _in_networks(address: str, networks: list[str]) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request) -> str:
    # Behind the hall's reverse proxy, the proxy appends the address it saw to X-Forwarded-For:
    # the LAST hop is the client. Earlier hops come from the client itself and can be forged, so
    # they never reach the audit trail. Only trusted when the deployment says a proxy is in front
    # (ZWFW_TRUST_PROXY). Behind a chain of proxies, ZWFW_TRUSTED_PROXIES lists them (addresses or
    # networks): the request must come from one, and the first hop from the right that is not one
    # is the client (sign-in throttling counts per client address, ADR 0027).
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "")[:64]
    if getattr(settings, "ZWFW_TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        trusted = getattr(settings, "ZWFW_TRUSTED_PROXIES", [])
        if forwarded and trusted:
            if not _in_networks(remote, trusted):
                return remote
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            for hop in reversed(hops):
                if not _in_networks(hop, trusted):
                    return hop[:64]
            return hops[0][:64] if hops else remote
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return remote
