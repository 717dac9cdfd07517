"""Outbox handler of the accounts context: SMS verification codes through the notification
service's SMS backend (ZWFW_SMS_BACKEND). Idempotent: a code is sent once, then its clear copy
is erased, so a redelivery after a crash finds nothing to send."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core.crypto import decrypt
from zwfw.core.masking import mask_phone
from zwfw.jobs.registry import outbox_handler
from zwfw.notifications.backends import sms_backend

from .models import VerificationCode

logger = logging.getLogger(__name__)


def sms_code_text(code: str, minutes: int) -> str:
    return _("【政务服务】您的验证码为%(code)s，%(m)d分钟内有效。如非本人操作，请忽略本短信。") % {
        "code": code, "m": minutes}


@outbox_handler("accounts.sms_code")
def deliver_sms_code(*, payload: dict, dedupe_key: str, now) -> None:
    with transaction.atomic():
        row = VerificationCode.objects.select_for_update().filter(pk=payload["code_id"]).first()
        if row is None or row.sent_at is not None or not row.code_sealed or not row.phone:
            return
        minutes = max(1, round((row.expires_at - row.created_at).total_seconds() / 60))
        phone = row.phone.reveal()
        sms_backend().send(phone=phone, text=sms_code_text(decrypt(row.code_sealed), minutes), message_id=dedupe_key)
        VerificationCode.objects.filter(pk=row.pk).update(sent_at=now, code_sealed="")
        logger.info("SMS code %s sent to %s", dedupe_key, mask_phone(phone))
