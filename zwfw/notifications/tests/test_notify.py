import datetime as dt
import logging

import pytest
from django.core import mail
from django.db import transaction

from zwfw.core.errors import ValidationFailed
from zwfw.jobs.models import OutboxMessage, OutboxStatus
from zwfw.jobs.registry import handler_for
from zwfw.jobs.services.outbox import outbox_claim
from zwfw.jobs.testing import outbox_drain, queue_run
from zwfw.notifications.models import Delivery, DeliveryStatus, InboxMessage, Notification
from zwfw.notifications.services import notify

from .conftest import NOW, PHONE

pytestmark = pytest.mark.django_db

CTX = {"item_name": "食品经营许可", "version_number": 2, "step": "事项审核", "editor": "王五", "link": "/workbench/"}


def _notify(user, channels=None, now=NOW):
    return notify(recipient=user, template="catalog.review_requested", context=CTX, channels=channels, now=now)


def _sms_lines(settings):
    try:
        with open(settings.ZWFW_SMS_FILE, encoding="utf-8") as fh:
            return fh.read().splitlines()
    except FileNotFoundError:
        return []


def test_inbox_message_arrives_through_the_queue(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _notify(staff)
    assert InboxMessage.objects.count() == 0  # queued, not yet delivered
    assert queue_run() == 1
    message = InboxMessage.objects.get()
    assert (message.recipient, message.title, message.link) == (staff, "事项待审核：食品经营许可", "/workbench/")
    assert message.body == "王五提交了“食品经营许可”第 2 版，请在“事项审核”环节审核。"
    assert message.read_at is None


def test_rolled_back_notify_sends_nothing(citizen, settings, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ZeroDivisionError),
          transaction.atomic()):
        _notify(citizen, channels=["inbox", "sms", "email"])
        1 / 0  # noqa: B018
    assert callbacks == []
    assert (Notification.objects.count(), OutboxMessage.objects.count()) == (0, 0)
    assert queue_run() == 0 and outbox_drain(now=NOW) == 0
    assert InboxMessage.objects.count() == 0 and _sms_lines(settings) == [] and mail.outbox == []


def test_sms_and_email_are_sent_once_with_the_number_masked(citizen, settings, caplog):
    caplog.set_level(logging.INFO)
    _notify(citizen, channels=["inbox", "sms", "email"])
    assert outbox_drain(now=NOW) == 3
    lines = _sms_lines(settings)
    assert len(lines) == 1
    _when, shown, key, text = lines[0].split("\t")
    assert (shown, key) == ("138****5678", f"notify:{Notification.objects.get().pk}:sms")
    assert text == "【政务服务】事项“食品经营许可”待您审核（事项审核），请登录工作台处理。"
    assert [m.to for m in mail.outbox] == [["zhangsan@example.cn"]]
    assert mail.outbox[0].subject == "事项待审核：食品经营许可"
    assert set(Delivery.objects.values_list("channel", "status")) == {("sms", "sent"), ("email", "sent")}
    assert PHONE not in caplog.text and "138****5678" in caplog.text


def test_redelivery_after_a_crash_has_no_second_effect(citizen, settings):
    """The worker ran the handlers and died before marking the messages delivered: when the lease
    ends the sweep delivers them again, and the consumer's records make that a no-op."""
    _notify(citizen, channels=["inbox", "sms"])
    for message in OutboxMessage.objects.all():
        assert outbox_claim(message_id=message.pk, now=NOW)
        handler_for(message.kind)(payload=message.payload, dedupe_key=message.dedupe_key, now=NOW)
    later = NOW + dt.timedelta(seconds=settings.ZWFW_OUTBOX_LEASE_SECONDS + 1)
    assert outbox_drain(now=later) == 2
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(OutboxStatus.DELIVERED, 2)}
    assert InboxMessage.objects.count() == 1
    assert len(_sms_lines(settings)) == 1


def test_rate_limit_counts_in_the_database_and_never_limits_the_inbox(citizen, settings):
    settings.ZWFW_NOTIFY_RATE_LIMIT = 2
    settings.ZWFW_NOTIFY_RATE_WINDOW_MINUTES = 60
    for minute in range(3):
        _notify(citizen, channels=["inbox", "sms"], now=NOW + dt.timedelta(minutes=minute))
    statuses = list(Delivery.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [DeliveryStatus.QUEUED, DeliveryStatus.QUEUED, DeliveryStatus.RATE_LIMITED]
    outbox_drain(now=NOW + dt.timedelta(minutes=3))
    assert len(_sms_lines(settings)) == 2 and InboxMessage.objects.count() == 3
    # Once the window has passed the recipient may be sent to again.
    _notify(citizen, channels=["sms"], now=NOW + dt.timedelta(minutes=61))
    assert Delivery.objects.order_by("-pk").values_list("status", flat=True)[0] == DeliveryStatus.QUEUED


def test_no_phone_or_address_is_recorded_as_skipped(staff):
    _notify(staff, channels=["sms", "email"])
    assert set(Delivery.objects.values_list("channel", "status")) == {("sms", "skipped"), ("email", "skipped")}
    assert OutboxMessage.objects.count() == 0


def test_sms_backend_is_a_dotted_path(citizen, settings):
    sent = []

    class Gateway:
        def send(self, *, phone, text, message_id):
            sent.append((phone, message_id))

    import sys
    import types

    module = types.ModuleType("fake_gateway")
    module.Gateway = Gateway
    sys.modules["fake_gateway"] = module
    settings.ZWFW_SMS_BACKEND = "fake_gateway.Gateway"
    try:
        notification = _notify(citizen, channels=["sms"])
        outbox_drain(now=NOW)
    finally:
        del sys.modules["fake_gateway"]
    assert sent == [(PHONE, f"notify:{notification.pk}:sms")]
    assert _sms_lines(settings) == []


@pytest.mark.parametrize(("template", "channels", "code"), [
    ("no.such.template", None, "validation_failed"),
    ("catalog.review_requested", ["pigeon"], "validation_failed"),
])
def test_unknown_template_or_channel_is_refused(staff, template, channels, code):
    with pytest.raises(ValidationFailed) as info:
        notify(recipient=staff, template=template, context={}, channels=channels, now=NOW)
    assert info.value.code == code
    assert Notification.objects.count() == 0 and OutboxMessage.objects.count() == 0
