"""SMS backends, chosen by dotted path in ZWFW_SMS_BACKEND. A real gateway (the province's SMS
platform) is a class with the same `send` method; `message_id` is the outbox dedupe key, which a
gateway that accepts a client message id uses to drop a resend after a worker crash.

E-mail goes through Django's EMAIL_BACKEND (a file backend in data/outbox-mail by default).
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from zwfw.core import clock
from zwfw.core.masking import mask_phone, mask_text

logger = logging.getLogger(__name__)


class FileSmsBackend:
    """Appends one line per SMS to ZWFW_SMS_FILE (default data/outbox-sms.log), numbers masked."""

    def send(self, *, phone: str, text: str, message_id: str) -> None:
        path = Path(settings.ZWFW_SMS_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = f"{clock.now().isoformat()}\t{mask_phone(phone)}\t{message_id}\t{mask_text(text)}\n"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line)


class ConsoleSmsBackend:
    """Logs the SMS (the log filter masks numbers as well)."""

    def send(self, *, phone: str, text: str, message_id: str) -> None:
        logger.info("SMS to %s [%s]: %s", mask_phone(phone), message_id, mask_text(text))


def sms_backend():
    return import_string(settings.ZWFW_SMS_BACKEND)()
