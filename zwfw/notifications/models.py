"""A notification (one `notify` call), its in-app inbox message and its SMS / e-mail deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("站内消息")
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")


class Notification(models.Model):
    """What was to be said to whom: a template key and its (JSON) context, rendered at delivery."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="notifications")
    template = models.CharField(_("模板"), max_length=64)
    context = models.JSONField(_("内容参数"), default=dict)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return f"{self.template} → {self.recipient_id}"


class InboxMessage(models.Model):
    """站内消息. One per notification at most (the unique key is the consumer's dedupe)."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="inbox_message")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="inbox_messages")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    link = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"))
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        indexes = [models.Index(fields=["recipient", "read_at"], name="inbox_recipient_unread_idx")]

    def __str__(self) -> str:
        return self.title


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    SKIPPED = "skipped", _("无联系方式")
    RATE_LIMITED = "rate_limited", _("超过频次限制")


class Delivery(models.Model):
    """One SMS or e-mail of a notification. The row is the consumer's record: a second delivery of
    the same outbox message finds it sent and sends nothing. Rows within the rate window count
    against the recipient's limit (ZWFW_NOTIFY_RATE_LIMIT)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息发送")
        verbose_name_plural = _("消息发送")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_one_per_channel"),
        ]
        indexes = [models.Index(fields=["recipient", "created_at"], name="delivery_recipient_time_idx")]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}"
