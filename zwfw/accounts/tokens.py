"""API tokens: issue (key shown once), authenticate by keyed digest, expire when idle, list and
revoke (the owner, or the security administrator — 三员分立), revoke on sign-out."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest
from zwfw.core.errors import NotFound

from .models import ApiToken, Role, User

TOKEN_PREFIX = "zw_"
DEFAULT_LIFETIME = dt.timedelta(days=90)


def _digest(key: str) -> str:
    return digest(key, purpose="api_token")


def idle_limit() -> dt.timedelta:
    """A token unused for this long no longer authenticates (等保 2.0 8.1.4.1 b 超时退出)."""
    return dt.timedelta(hours=settings.ZWFW_API_TOKEN_IDLE_HOURS)


def _live(now: dt.datetime) -> Q:
    idle_since = now - idle_limit()
    return Q(revoked_at__isnull=True, expires_at__gt=now) & (
        Q(last_used_at__gt=idle_since) | Q(last_used_at__isnull=True, created_at__gt=idle_since))


def api_token_issue(
    *, user: User, name: str, actor: User | None = None, lifetime: dt.timedelta = DEFAULT_LIFETIME,
    now: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the clear key (never stored)."""
    now = now or clock.now()
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:60], key_digest=_digest(key), created_at=now, expires_at=now + lifetime
        )
        audit_record(actor=actor or user, action="api_token.issue", target=token, changes={"name": name}, now=now)
    return token, key


def api_token_authenticate(*, key: str, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token of `key` (not revoked, not expired, not idle, its user active), or None."""
    now = now or clock.now()
    token = ApiToken.objects.select_related("user").filter(_live(now), key_digest=_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute so a busy client does not write on every request.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_authenticate(*, key: str, now: dt.datetime | None = None) -> User | None:
    token = api_token_authenticate(key=key, now=now)
    return token.user if token is not None else None


def api_tokens_visible_to(viewer: User, *, now: dt.datetime | None = None) -> QuerySet[ApiToken]:
    """Live tokens: the viewer's own; every account's for the security administrator."""
    now = now or clock.now()
    tokens = ApiToken.objects.filter(_live(now)).select_related("user").order_by("-created_at", "-pk")
    if viewer.is_active and viewer.has_role(Role.SECURITY_ADMIN):
        return tokens
    return tokens.filter(user=viewer)


def api_token_get(viewer: User, pk) -> ApiToken:
    try:
        return api_tokens_visible_to(viewer).get(pk=int(pk))
    except (ApiToken.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def api_token_revoke(*, token: ApiToken, actor: User, reason: str = "revoke",
                     now: dt.datetime | None = None) -> None:
    """Revoke a token: its owner, or the security administrator. Someone else's token is simply
    not found for anyone else (no hint that it exists)."""
    if token.user_id != actor.pk and not (actor.is_active and actor.has_role(Role.SECURITY_ADMIN)):
        raise NotFound()
    now = now or clock.now()
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        if updated:
            token.revoked_at = now
            audit_record(actor=actor, action="api_token.revoke", target=token, now=now,
                         changes={"reason": reason, "owner": token.user_id})
