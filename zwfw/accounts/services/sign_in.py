"""Signing in and out: lockout after repeated failures, one answer for every failure, every
attempt audited (等保 2.0 GB/T 22239-2019 8.1.4.1 b 登录失败处理, 8.1.4.3 安全审计)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.db.models import F

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest
from zwfw.core.masking import mask_text

from ..errors import SignInFailed
from ..identity import VerifiedIdentity, burn_password_hash, get_identity_provider
from ..models import AccountKind, Applicant, LoginThrottle, User
from ._common import id_number_digest
from .applicants import _person_create, citizen_user_create

# Seven or more digits, possibly grouped by spaces or hyphens: in a typed account name that is
# a phone or ID number (or most of one) whatever surrounds it.
_DIGIT_RUN = re.compile(r"\d(?:[\s\-]*\d){6,}")


def _account_for_audit(account: str) -> str:
    """The account name as typed, safe for the audit trail. mask_text only sees whole numbers
    between word boundaries; a failed sign-in records whatever was typed ("a1101…", "+86138…",
    "138 1234 5678"), so every longer digit run keeps only its first 3 and last 4 digits."""

    def hide(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]

    return _DIGIT_RUN.sub(hide, mask_text(account))[:150]


def throttle_key(channel: str, account: str) -> str:
    """Keyed digest of the account name as typed, so unknown names are throttled like known ones
    and the table holds no ID numbers."""
    return digest(f"{channel}:{account.strip().lower()}", purpose="login")


def _is_locked(key: str, now: dt.datetime) -> bool:
    return LoginThrottle.objects.filter(username_digest=key, locked_until__gt=now).exists()


def _record_failure(key: str, now: dt.datetime) -> None:
    """Count one failure under a row lock; the N-th failure within the window locks the name."""
    window = dt.timedelta(minutes=settings.ZWFW_LOGIN_FAILURE_WINDOW_MINUTES)
    LoginThrottle.objects.get_or_create(username_digest=key, defaults={"failures": 0, "window_started_at": now})
    row = LoginThrottle.objects.select_for_update().get(username_digest=key)
    rows = LoginThrottle.objects.filter(pk=row.pk)
    if row.window_started_at <= now - window:
        rows.update(failures=1, window_started_at=now, locked_until=None)
    else:
        rows.update(failures=F("failures") + 1)
    rows.filter(failures__gte=settings.ZWFW_LOGIN_MAX_FAILURES).update(
        locked_until=now + dt.timedelta(minutes=settings.ZWFW_LOGIN_LOCK_MINUTES)
    )


def _fail(*, key: str, locked: bool, channel: str, account: str, user: User | None, reason: str,
          ip: str, now: dt.datetime) -> SignInFailed:
    with transaction.atomic():
        if not locked:
            _record_failure(key, now)
        audit_record(
            actor=None, action="auth.sign_in_failed", ip=ip, now=now,
            object_type="accounts.user", object_id=str(user.pk) if user else "",
            object_repr=_account_for_audit(account),
            changes={"channel": channel, "account": _account_for_audit(account), "reason": reason},
        )
    return SignInFailed()


def _succeed(*, key: str, user: User, channel: str, ip: str, now: dt.datetime) -> User:
    with transaction.atomic():
        LoginThrottle.objects.filter(username_digest=key).delete()
        User.objects.filter(pk=user.pk).update(last_login=now)
        user.last_login = now
        audit_record(actor=user, action="auth.sign_in_succeeded", target=user, ip=ip, now=now,
                     changes={"channel": channel})
    return user


def staff_sign_in(*, username: str, password: str, ip: str = "", channel: str = "staff",
                  now: dt.datetime | None = None) -> User:
    """Check a staff member's name and password. Every failure (unknown name, wrong password,
    disabled account, locked name) raises the same SignInFailed; a password hash runs on every
    path so timing does not tell known names from unknown ones."""
    now = now or clock.now()
    account = (username or "").strip().lower()[:150]
    key = throttle_key("staff", account)
    locked = _is_locked(key, now)
    user = User.objects.filter(username=account, kind=AccountKind.STAFF).first() if account else None
    if user is None:
        burn_password_hash(password)
        reason = "locked" if locked else "unknown_account"
    elif not user.check_password(password or ""):
        reason = "locked" if locked else "bad_password"
    elif locked:
        reason = "locked"
    elif not user.is_active:
        reason = "inactive"
    else:
        return _succeed(key=key, user=user, channel=channel, ip=ip, now=now)
    raise _fail(key=key, locked=locked, channel=channel, account=account, user=user, reason=reason, ip=ip, now=now)


def _citizen_for(identity: VerifiedIdentity, now: dt.datetime) -> User | None:
    """The citizen account of a verified identity, created on first sign-in (a provincial
    identity service vouches for people who never registered here)."""
    with transaction.atomic():
        applicant = (
            Applicant.objects.select_for_update(of=("self",)).select_related("user")
            .filter(id_number_digest=id_number_digest(identity.id_number)).first()
        )
        if applicant is not None and applicant.user is not None:
            user = applicant.user
            return user if user.kind == AccountKind.CITIZEN and user.is_active else None
        user = citizen_user_create(number=identity.id_number, name=identity.name, now=now)
        if applicant is None:
            _person_create(actor=user, name=identity.name, number=identity.id_number, phone=identity.phone,
                           address="", region=None, user=user, now=now)
        else:
            Applicant.objects.filter(pk=applicant.pk).update(user=user)
        audit_record(actor=user, action="citizen_account.create", target=user, now=now,
                     changes={"identity_level": identity.level, "first_sign_in": True})
    return user


def citizen_sign_in(*, credentials: Mapping[str, str], ip: str = "", provider=None,
                    now: dt.datetime | None = None) -> User:
    """Sign a citizen in through the configured IdentityProvider (docs/adr/0007), with the same
    lockout, single failure answer and audit as staff sign-in."""
    now = now or clock.now()
    provider = provider or get_identity_provider()
    account = provider.account_key(credentials)[:150]
    key = throttle_key("citizen", account)
    locked = _is_locked(key, now)
    if locked:
        burn_password_hash(credentials.get("password", ""))
        identity = None
    else:
        identity = provider.authenticate(credentials)
    user = _citizen_for(identity, now) if identity is not None else None
    if user is None:
        reason = "locked" if locked else ("not_verified" if identity is None else "inactive")
        raise _fail(key=key, locked=locked, channel="citizen", account=account, user=None, reason=reason,
                    ip=ip, now=now)
    return _succeed(key=key, user=user, channel="citizen", ip=ip, now=now)


def sign_out(*, user: User, ip: str = "", reason: str = "user", now: dt.datetime | None = None) -> None:
    """Record a sign-out ("user" pressed the button, "idle_timeout" by the middleware)."""
    now = now or clock.now()
    with transaction.atomic():
        audit_record(actor=user, action="auth.sign_out", target=user, ip=ip, now=now, changes={"reason": reason})
