"""API tokens: issue (key shown once), authenticate by keyed digest, revoke."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest

from .models import ApiToken, User

TOKEN_PREFIX = "zw_"
DEFAULT_LIFETIME = dt.timedelta(days=90)


def _digest(key: str) -> str:
    return digest(key, purpose="api_token")


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


def token_authenticate(*, key: str, now: dt.datetime | None = None) -> User | None:
    now = now or clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=_digest(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute so a busy client does not write on every request.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, token: ApiToken, actor: User, now: dt.datetime | None = None) -> None:
    now = now or clock.now()
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        if updated:
            audit_record(actor=actor, action="api_token.revoke", target=token, now=now)
