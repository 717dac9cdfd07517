"""Outbox handlers of the three channels. Each is idempotent under its dedupe key: the inbox
message is unique per notification; an SMS / e-mail delivery row, locked, says whether it was sent."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction

from zwfw.core.masking import mask_phone
from zwfw.jobs.registry import outbox_handler

from .backends import sms_backend
from .messages import message_render
from .models import Delivery, DeliveryStatus, InboxMessage, Notification
from .state import DELIVERY_STATES

logger = logging.getLogger(__name__)


@outbox_handler("notifications.inbox")
def deliver_inbox(*, payload: dict, dedupe_key: str, now) -> None:
    notification = Notification.objects.get(pk=payload["notification_id"])
    text = message_render(notification.template, notification.context)
    InboxMessage.objects.get_or_create(
        notification=notification,
        defaults={"recipient_id": notification.recipient_id, "title": text.title, "body": text.body,
                  "link": text.link, "created_at": notification.created_at},
    )


def _deliver_external(payload: dict, dedupe_key: str, now, send) -> None:
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(of=("self",)).select_related("notification", "recipient")
                    .get(pk=payload["delivery_id"]))
        if delivery.status != DeliveryStatus.QUEUED:
            return  # sent already (a redelivery after a crash): nothing twice
        send(delivery, message_render(delivery.notification.template, delivery.notification.context))
        DELIVERY_STATES.move(delivery, action="send", to=DeliveryStatus.SENT, sent_at=now)


@outbox_handler("notifications.sms")
def deliver_sms(*, payload: dict, dedupe_key: str, now) -> None:
    def send(delivery, text):
        phone = delivery.recipient.phone.reveal()
        sms_backend().send(phone=phone, text=text.sms, message_id=dedupe_key)
        logger.info("SMS %s sent to %s", dedupe_key, mask_phone(phone))

    _deliver_external(payload, dedupe_key, now, send)


@outbox_handler("notifications.email")
def deliver_email(*, payload: dict, dedupe_key: str, now) -> None:
    def send(delivery, text):
        send_mail(subject=text.title, message=text.body + (f"\n\n{text.link}" if text.link else ""),
                  from_email=None, recipient_list=[delivery.recipient.email])

    _deliver_external(payload, dedupe_key, now, send)

