"""Reads of the inbox: always the viewer's own messages."""

from __future__ import annotations

from zwfw.core.errors import NotFound

from .models import InboxMessage


def inbox_messages(*, viewer, unread_only: bool = False):
    if not (viewer and viewer.is_authenticated):
        return InboxMessage.objects.none()
    qs = InboxMessage.objects.filter(recipient=viewer)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def inbox_message_get(*, viewer, pk: int) -> InboxMessage:
    message = inbox_messages(viewer=viewer).filter(pk=pk).first()
    if message is None:
        raise NotFound()
    return message


def inbox_unread_count(*, viewer) -> int:
    return inbox_messages(viewer=viewer, unread_only=True).count()
