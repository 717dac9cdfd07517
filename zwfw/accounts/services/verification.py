"""SMS verification codes (短信验证码): issue, send through the notification service's SMS
backend via the outbox, check with an attempt limit, consume once.

Limits are policy, not law (no national rule fixes them); they are named here and can be
changed per deployment through settings (ZWFW_SMS_CODE_*), read at call time.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zwfw.core import clock
from zwfw.core.crypto import digest, encrypt
from zwfw.core.errors import DomainError, ValidationFailed
from zwfw.core.fields import Sealed
from zwfw.jobs.services import outbox_put

from ..models import VerificationCode

CODE_DIGITS = 6
WRONG_CODE = gettext_noop("验证码错误或已失效，请重新获取。")


@dataclass(frozen=True)
class CodePolicy:
    ttl: dt.timedelta  # how long a code may be used
    max_attempts: int  # wrong entries before a code is void
    resend_interval: dt.timedelta  # at most one code per subject in this interval
    max_per_hour: int  # at most this many codes per subject in an hour
    max_per_ip_hour: int  # at most this many codes asked from one address in an hour (SMS pumping)

    @classmethod
    def current(cls) -> CodePolicy:
        return cls(
            ttl=dt.timedelta(seconds=getattr(settings, "ZWFW_SMS_CODE_TTL_SECONDS", 300)),
            max_attempts=getattr(settings, "ZWFW_SMS_CODE_MAX_ATTEMPTS", 5),
            resend_interval=dt.timedelta(seconds=getattr(settings, "ZWFW_SMS_CODE_RESEND_SECONDS", 60)),
            max_per_hour=getattr(settings, "ZWFW_SMS_CODE_MAX_PER_HOUR", 5),
            max_per_ip_hour=getattr(settings, "ZWFW_SMS_CODE_MAX_PER_IP_HOUR", 30),
        )


class TooManyCodes(DomainError):
    status = 429
    default_code = "sms_code_rate_limited"
    default_message = "获取验证码过于频繁，请稍后再试"


def subject_digest(purpose: str, subject: str) -> str:
    return digest(f"{purpose}:{subject}", purpose="verification_subject")


def _code_digest(row_subject: str, code: str) -> str:
    return digest(f"{row_subject}:{code}", purpose="sms_code")


def _rate_check(purpose: str, subject: str, ip_key: str, policy: CodePolicy, now: dt.datetime) -> None:
    hour_ago = now - dt.timedelta(hours=1)
    if ip_key and VerificationCode.objects.filter(ip_digest=ip_key, created_at__gt=hour_ago).count() \
            >= policy.max_per_ip_hour:
        raise TooManyCodes(_("获取验证码过于频繁，请一小时后再试。"))
    recent = VerificationCode.objects.filter(purpose=purpose, subject_digest=subject, created_at__gt=hour_ago)
    last = recent.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and now - last < policy.resend_interval:
        wait = int((policy.resend_interval - (now - last)).total_seconds()) + 1
        raise TooManyCodes(_("验证码已发送，请%(s)d秒后再重新获取。") % {"s": wait})
    if recent.count() >= policy.max_per_hour:
        raise TooManyCodes(_("获取验证码过于频繁，请一小时后再试。"))


def verification_code_issue(*, purpose: str, subject: str, phone: str, ip: str = "",
                            now: dt.datetime | None = None) -> None:
    """Issue a code bound to `subject` (a normalised phone or ID number) and queue its SMS to
    `phone` ("" sends nothing, the same answer is given). Earlier unused codes of the subject are
    void. The caller holds the transaction; the SMS leaves after commit through the outbox."""
    now = now or clock.now()
    policy = CodePolicy.current()
    key = subject_digest(purpose, subject)
    # Serialise codes of one subject so two quick requests cannot both pass the resend limit.
    VerificationCode.objects.select_for_update().filter(purpose=purpose, subject_digest=key).exists()
    ip_key = digest(ip, purpose="verification_ip") if ip else ""
    _rate_check(purpose, key, ip_key, policy, now)
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    VerificationCode.objects.filter(purpose=purpose, subject_digest=key, consumed_at__isnull=True).update(
        expires_at=now)
    row = VerificationCode.objects.create(
        purpose=purpose, subject_digest=key, ip_digest=ip_key, phone=Sealed.of(phone, kind="phone") if phone else None,
        code_digest=_code_digest(key, code), code_sealed=encrypt(code) if phone else "",
        created_at=now, expires_at=now + policy.ttl,
    )
    if phone:
        outbox_put(kind="accounts.sms_code", payload={"code_id": row.pk}, dedupe_key=f"sms_code:{row.pk}", now=now)


def verification_code_check(*, purpose: str, subject: str, code: str, now: dt.datetime | None = None) -> int:
    """Check `code` against the subject's live code; returns its id for `verification_code_consume`.

    A wrong code counts an attempt in its own committed transaction (so raising afterwards does
    not undo it); after `max_attempts` the code is void. Every failure is the same message."""
    now = now or clock.now()
    policy = CodePolicy.current()
    key = subject_digest(purpose, subject)
    code = "".join(str(code or "").split())
    with transaction.atomic():
        row = (VerificationCode.objects.select_for_update()
               .filter(purpose=purpose, subject_digest=key, consumed_at__isnull=True, expires_at__gt=now,
                       attempts__lt=policy.max_attempts)
               .order_by("-created_at").first())
        if row is not None and row.phone and hmac.compare_digest(row.code_digest, _code_digest(key, code)):
            return row.pk
        if row is not None:
            VerificationCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
    raise ValidationFailed.on("code", _(WRONG_CODE), code="sms_code_invalid")


def verification_code_consume(*, code_id: int, now: dt.datetime) -> None:
    """Use a checked code once (inside the caller's transaction): a second use, even racing, fails."""
    if not VerificationCode.objects.filter(pk=code_id, consumed_at__isnull=True, expires_at__gt=now).update(
            consumed_at=now):
        raise ValidationFailed.on("code", _(WRONG_CODE), code="sms_code_invalid")
