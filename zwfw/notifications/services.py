"""The one way to tell someone something: `notify` (docs/adr/0016-notifications.md)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils.translation import gettext as _

from zwfw.accounts.models import User
from zwfw.core import clock
from zwfw.core.errors import ValidationFailed
from zwfw.core.masking import mask_phone
from zwfw.core.transactions import atomic
from zwfw.jobs.services import outbox_put

from .messages import TEMPLATES
from .models import Channel, Delivery, DeliveryStatus, InboxMessage, Notification
from .state import DELIVERY_STATES

logger = logging.getLogger(__name__)

EXTERNAL = (Channel.SMS, Channel.EMAIL)

# Why a delivery is not sent: the edge of DELIVERY_STATES it takes.
_NOT_SENT = {DeliveryStatus.SKIPPED: "skip", DeliveryStatus.RATE_LIMITED: "hold"}


def _address(recipient: User, channel: str) -> str:
    if channel == Channel.SMS:
        return recipient.phone.reveal() if recipient.phone else ""
    return recipient.email or ""


def _within_limit(recipient: User, now: dt.datetime) -> bool:
    """Counted in the database, with the recipient's row locked, so concurrent `notify` calls (other
    processes, other workers) cannot together exceed the limit."""
    User.objects.select_for_update().filter(pk=recipient.pk).exists()
    since = now - dt.timedelta(minutes=settings.ZWFW_NOTIFY_RATE_WINDOW_MINUTES)
    sent = Delivery.objects.filter(recipient=recipient, created_at__gt=since,
                                   status__in=(DeliveryStatus.QUEUED, DeliveryStatus.SENT)).count()
    return sent < settings.ZWFW_NOTIFY_RATE_LIMIT


def notify(*, recipient: User, template: str, context: dict, channels=None,
           now: dt.datetime | None = None) -> Notification:
    """Queue a message to `recipient` (staff or applicant account) on `channels` (default: the
    template's), inside the caller's transaction: nothing is sent if it rolls back.

    `context` must be JSON (names, numbers, links; no ID or phone numbers). The inbox message is
    always written; SMS and e-mail count against the recipient's rate limit, and are recorded as
    skipped when the account has no phone number / address.
    """
    if template not in TEMPLATES:
        raise ValidationFailed.on("template", _("未知的消息模板：%s") % template)
    channels = tuple(channels or TEMPLATES[template].channels)
    unknown = set(channels) - set(Channel.values)
    if unknown:
        raise ValidationFailed.on("channels", _("未知的通知渠道：%s") % "、".join(sorted(unknown)))
    now = now or clock.now()
    with atomic():
        notification = Notification.objects.create(recipient=recipient, template=template, context=context,
                                                   created_at=now)
        if Channel.INBOX in channels:
            outbox_put(kind="notifications.inbox", payload={"notification_id": notification.pk},
                       dedupe_key=f"notify:{notification.pk}:inbox", now=now)
        for channel in (c for c in EXTERNAL if c in channels):
            address = _address(recipient, channel)
            if not address:
                status = DeliveryStatus.SKIPPED
            elif not _within_limit(recipient, now):
                status = DeliveryStatus.RATE_LIMITED
                shown = mask_phone(address) if channel == Channel.SMS else f"user {recipient.pk}"
                logger.warning("notification %s: %s to %s over the rate limit, not sent",
                               notification.pk, channel, shown)
            else:
                status = DeliveryStatus.QUEUED
            delivery = Delivery.objects.create(notification=notification, recipient=recipient, channel=channel,
                                               created_at=now)
            if status != DeliveryStatus.QUEUED:
                DELIVERY_STATES.move(delivery, action=_NOT_SENT[status], to=status)
            if status == DeliveryStatus.QUEUED:
                outbox_put(kind=f"notifications.{channel}", payload={"delivery_id": delivery.pk},
                           dedupe_key=f"notify:{notification.pk}:{channel}", now=now)
    return notification


def inbox_mark_read(*, actor: User, message_ids: list[int] | None = None, now: dt.datetime | None = None) -> int:
    """Mark the actor's own messages read (all unread ones when `message_ids` is None). Others'
    messages are silently out of reach. Returns how many changed."""
    qs = InboxMessage.objects.filter(recipient=actor, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=message_ids)
    return qs.update(read_at=now or clock.now())
