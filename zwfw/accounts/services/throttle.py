"""Sign-in throttling per account name, per source address and per known device
(等保 2.0 GB/T 22239-2019 8.1.4.1 b 登录失败处理; docs/adr/0027-sign-in-throttling.md).

An attempt is counted BEFORE its password is judged, in one transaction that locks the throttle
rows: checking the lock and counting cannot be raced by simultaneous requests (issue 13,
finding 1). A success gives its attempt back. Reaching a threshold locks the subject for a
period that doubles with every consecutive lock (a growing delay), up to a ceiling.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest
from zwfw.core.errors import NotFound, PermissionDenied

from ..models import LoginThrottle, Role, ThrottleScope, User

DEVICE_COOKIE = "zwfw_device"
_DEVICE_SALT = "zwfw.accounts.known-device"
# After this long without a lock, the next lock starts again at the base period.
_LOCKOUT_MEMORY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Subject:
    """One thing attempts are counted against."""

    scope: str
    key: str
    label: str = ""
    user: User | None = None


def account_subject(*, key: str, label: str, user: User | None) -> Subject:
    return Subject(ThrottleScope.ACCOUNT, key, label, user)


def address_subject(ip: str) -> Subject | None:
    """The source address as a subject. An IPv6 client owns a whole /64 and can pick any address
    in it, so IPv6 addresses count per /64 network."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        label = ip[:150]
    else:
        label = str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else str(address)
    return Subject(ThrottleScope.ADDRESS, digest(f"address:{label}", purpose="login"), label)


def _threshold(scope: str) -> int:
    if scope == ThrottleScope.ADDRESS:
        return settings.ZWFW_LOGIN_ADDRESS_MAX_FAILURES
    return settings.ZWFW_LOGIN_MAX_FAILURES


def lock_period(lockouts: int) -> dt.timedelta:
    """The n-th consecutive lock (0-based) lasts base × 2ⁿ minutes, never more than the ceiling."""
    minutes = settings.ZWFW_LOGIN_LOCK_MINUTES * (2 ** min(lockouts, 16))
    return dt.timedelta(minutes=min(minutes, settings.ZWFW_LOGIN_LOCK_MAX_MINUTES))


def attempt_begin(*, subjects: list[Subject], now: dt.datetime) -> bool:
    """Count one sign-in attempt against every subject, unless one of them is locked. Returns
    whether the attempt may be judged. One transaction, rows locked in key order (no deadlock
    between two attempts that share an address)."""
    subjects = sorted(subjects, key=lambda s: s.key)
    window = dt.timedelta(minutes=settings.ZWFW_LOGIN_FAILURE_WINDOW_MINUTES)
    with transaction.atomic():
        LoginThrottle.objects.bulk_create(
            [LoginThrottle(username_digest=s.key, scope=s.scope, label=s.label, user=s.user,
                           failures=0, window_started_at=now) for s in subjects],
            ignore_conflicts=True,
        )
        rows = {r.username_digest: r for r in LoginThrottle.objects.select_for_update()
                .filter(username_digest__in=[s.key for s in subjects]).order_by("username_digest")}
        if any(r.locked_until is not None and r.locked_until > now for r in rows.values()):
            return False
        for subject in subjects:
            row = rows[subject.key]
            if row.locked_until is not None and now - row.locked_until > _LOCKOUT_MEMORY:
                row.lockouts = 0
            if row.locked_until is not None or row.window_started_at <= now - window:
                row.failures, row.window_started_at, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= _threshold(subject.scope):
                row.locked_until = now + lock_period(row.lockouts)
                row.lockouts += 1
            row.label = subject.label or row.label
            row.user = subject.user or row.user
            row.save(update_fields=["failures", "window_started_at", "locked_until", "lockouts", "label", "user"])
    return True


def attempt_succeeded(*, subjects: list[Subject], now: dt.datetime) -> None:
    """The attempt was right: the account (or device) starts afresh; an address gets its one
    attempt back (other names tried from it still count). Runs inside the caller's transaction."""
    for subject in sorted(subjects, key=lambda s: s.key):
        if subject.scope != ThrottleScope.ADDRESS:
            LoginThrottle.objects.filter(username_digest=subject.key).delete()
            continue
        row = LoginThrottle.objects.select_for_update().filter(username_digest=subject.key).first()
        if row is None:
            continue
        row.failures = max(row.failures - 1, 0)
        if row.locked_until is not None and row.failures < _threshold(subject.scope):
            row.locked_until = None
            row.lockouts = max(row.lockouts - 1, 0)
        row.save(update_fields=["failures", "locked_until", "lockouts"])


# Known devices ---------------------------------------------------------------------------------
# A browser that once signed in to an account keeps a signed cookie naming that account. Its
# attempts are counted against the device, not against the account name or the address: someone
# who only knows the name can lock the name, but not its owner on the owner's own device.


def device_cookie_issue(*, account_key: str) -> str:
    """A new known-device cookie value for the account with throttle key `account_key`."""
    return signing.dumps({"a": account_key, "n": secrets.token_urlsafe(16)}, salt=_DEVICE_SALT, compress=True)


def device_subject(*, cookie: str, account_key: str, label: str, user: User | None) -> Subject | None:
    """The device subject of a cookie that was issued for this very account, else None."""
    if not cookie:
        return None
    try:
        data = signing.loads(cookie, salt=_DEVICE_SALT,
                             max_age=dt.timedelta(days=settings.ZWFW_LOGIN_DEVICE_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != account_key or not isinstance(data.get("n"), str):
        return None
    return Subject(ThrottleScope.DEVICE, digest(f"device:{data['n']}", purpose="login"), label, user)


# The security administrator's view and unlock action -------------------------------------------


def _require_security_admin(user: User) -> None:
    if not user.is_active or not user.has_role(Role.SECURITY_ADMIN):
        raise PermissionDenied()


def sign_in_locks(*, viewer: User, now: dt.datetime | None = None):
    """Locked account names, addresses and devices, the longest lock first."""
    _require_security_admin(viewer)
    now = now or clock.now()
    return (LoginThrottle.objects.filter(locked_until__gt=now).select_related("user")
            .order_by("-locked_until", "pk"))


def sign_in_lock_get(*, viewer: User, pk) -> LoginThrottle:
    _require_security_admin(viewer)
    try:
        return LoginThrottle.objects.get(pk=int(pk))
    except (LoginThrottle.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def sign_in_unlock(*, actor: User, throttle: LoginThrottle, now: dt.datetime | None = None) -> None:
    """Lift a lock (the security administrator, 三员分立), audited. The count starts afresh."""
    _require_security_admin(actor)
    now = now or clock.now()
    with transaction.atomic():
        updated = LoginThrottle.objects.filter(pk=throttle.pk).update(
            failures=0, locked_until=None, lockouts=0, window_started_at=now)
        if updated:
            audit_record(actor=actor, action="auth.sign_in_unlock", now=now, role=Role.SECURITY_ADMIN,
                         object_type="accounts.loginthrottle", object_id=str(throttle.pk),
                         object_repr=f"{throttle.get_scope_display()} {throttle.label}"[:150],
                         changes={"scope": throttle.scope, "label": throttle.label,
                                  "locked_until": throttle.locked_until.isoformat() if throttle.locked_until
                                  else None})
