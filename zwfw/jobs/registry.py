"""Outbox handlers: message kind → the function that carries the side effect out.

The app that owns a side effect registers its handler in its AppConfig.ready() (by importing
its `handlers` module), so the outbox never imports the apps it serves:

    from zwfw.jobs.registry import outbox_handler

    @outbox_handler("notifications.inbox")
    def deliver_inbox(*, payload: dict, dedupe_key: str, now) -> None: ...

A handler must be idempotent under its dedupe key: it may run again after a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol


class OutboxHandler(Protocol):
    def __call__(self, *, payload: dict, dedupe_key: str, now: dt.datetime) -> None: ...


_HANDLERS: dict[str, OutboxHandler] = {}


def outbox_handler(kind: str) -> Callable[[OutboxHandler], OutboxHandler]:
    """Register the decorated function as the handler of `kind` (one handler per kind)."""

    def register(fn: OutboxHandler) -> OutboxHandler:
        existing = _HANDLERS.get(kind)
        if existing is not None and existing is not fn:
            raise RuntimeError(f"outbox kind {kind!r} already has a handler")
        _HANDLERS[kind] = fn
        return fn

    return register


def handler_for(kind: str) -> OutboxHandler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no outbox handler registered for {kind!r}") from None


def registered_kinds() -> frozenset[str]:
    return frozenset(_HANDLERS)
