"""Signing in and out: throttling per account, address and device (services/throttle.py), one answer for every failure, every
attempt audited (等保 2.0 GB/T 22239-2019 8.1.4.1 b 登录失败处理, 8.1.4.3 安全审计)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest
from zwfw.core.masking import mask_text

from ..errors import SignInFailed
from ..identity import VerifiedIdentity, burn_password_hash, get_identity_provider
from ..models import AccountKind, ApiToken, Applicant, User
from ..tokens import api_token_revoke
from ._common import id_number_digest
from .applicants import _person_create, citizen_user_create
from .throttle import (
    Subject,
    account_subject,
    address_subject,
    attempt_begin,
    attempt_succeeded,
    device_cookie_issue,
    device_subject,
)

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


def device_cookie_for(*, channel: str, account: str = "", credentials: Mapping[str, str] | None = None,
                      provider=None) -> str:
    """A new known-device cookie for the account just signed in to ("staff": the user name as
    typed; "citizen": the identity provider's account key of the credentials)."""
    if channel == "citizen":
        account = (provider or get_identity_provider()).account_key(credentials or {})[:150]
    else:
        account = (account or "").strip().lower()[:150]
    return device_cookie_issue(account_key=throttle_key(channel, account))


def _subjects(*, key: str, account: str, user: User | None, ip: str, device: str) -> list[Subject]:
    """What an attempt counts against: the known device if its cookie was issued for this account
    (docs/adr/0027-sign-in-throttling.md), else the account name and the source address."""
    label = _account_for_audit(account)
    known = device_subject(cookie=device, account_key=key, label=label, user=user)
    if known is not None:
        return [known]
    address = address_subject(ip)
    return [account_subject(key=key, label=label, user=user), *([address] if address else [])]


def _fail(*, channel: str, account: str, user: User | None, reason: str, ip: str, now: dt.datetime) -> SignInFailed:
    with transaction.atomic():
        audit_record(
            actor=None, action="auth.sign_in_failed", ip=ip, now=now,
            object_type="accounts.user", object_id=str(user.pk) if user else "",
            object_repr=_account_for_audit(account),
            changes={"channel": channel, "account": _account_for_audit(account), "reason": reason},
        )
    return SignInFailed()


def _succeed(*, subjects: list[Subject], user: User, channel: str, ip: str, now: dt.datetime) -> User:
    with transaction.atomic():
        attempt_succeeded(subjects=subjects, now=now)
        User.objects.filter(pk=user.pk).update(last_login=now)
        user.last_login = now
        audit_record(actor=user, action="auth.sign_in_succeeded", target=user, ip=ip, now=now,
                     changes={"channel": channel})
    return user


def staff_sign_in(*, username: str, password: str, ip: str = "", channel: str = "staff", device: str = "",
                  now: dt.datetime | None = None) -> User:
    """Check a staff member's name and password. Every failure (unknown name, wrong password,
    disabled account, locked name or address) raises the same SignInFailed; a password hash runs
    on every path so timing does not tell known names from unknown ones. `device` is the
    known-device cookie, if the browser sent one."""
    now = now or clock.now()
    account = (username or "").strip().lower()[:150]
    key = throttle_key("staff", account)
    user = User.objects.filter(username=account, kind=AccountKind.STAFF).first() if account else None
    subjects = _subjects(key=key, account=account, user=user, ip=ip, device=device)
    if not attempt_begin(subjects=subjects, now=now):
        burn_password_hash(password)
        reason = "locked"
    elif user is None:
        burn_password_hash(password)
        reason = "unknown_account"
    elif not user.check_password(password or ""):
        reason = "bad_password"
    elif not user.is_active:
        reason = "inactive"
    else:
        return _succeed(subjects=subjects, user=user, channel=channel, ip=ip, now=now)
    raise _fail(channel=channel, account=account, user=user, reason=reason, ip=ip, now=now)


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


def citizen_sign_in(*, credentials: Mapping[str, str], ip: str = "", provider=None, device: str = "",
                    now: dt.datetime | None = None) -> User:
    """Sign a citizen in through the configured IdentityProvider (docs/adr/0007), with the same
    throttling, single failure answer and audit as staff sign-in."""
    now = now or clock.now()
    provider = provider or get_identity_provider()
    account = provider.account_key(credentials)[:150]
    key = throttle_key("citizen", account)
    subjects = _subjects(key=key, account=account, user=None, ip=ip, device=device)
    locked = not attempt_begin(subjects=subjects, now=now)
    if locked:
        burn_password_hash(credentials.get("password", ""))
        identity = None
    else:
        identity = provider.authenticate(credentials)
    user = _citizen_for(identity, now) if identity is not None else None
    if user is None:
        reason = "locked" if locked else ("not_verified" if identity is None else "inactive")
        raise _fail(channel="citizen", account=account, user=None, reason=reason, ip=ip, now=now)
    return _succeed(subjects=subjects, user=user, channel="citizen", ip=ip, now=now)


def sign_out(*, user: User, ip: str = "", reason: str = "user", token: ApiToken | None = None,
             now: dt.datetime | None = None) -> None:
    """Record a sign-out ("user" pressed the button, "idle_timeout" by the middleware). Signing out
    of the API revokes the token the request came with."""
    now = now or clock.now()
    with transaction.atomic():
        if token is not None:
            api_token_revoke(token=token, actor=user, reason="sign_out", now=now)
        audit_record(actor=user, action="auth.sign_out", target=user, ip=ip, now=now,
                     changes={"reason": reason, **({"token": token.pk} if token is not None else {})})
