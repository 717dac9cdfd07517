"""The SMS / e-mail delivery lifecycle: the one place that writes a delivery's `status`
(zwfw.core.state, docs/adr/0020-state-machines.md). A delivery is created queued; it is then
skipped (no phone or address), held back by the rate limit, or sent by the worker."""

from __future__ import annotations

from zwfw.core.state import StateMachine

from .models import DeliveryStatus

DS = DeliveryStatus
DELIVERY_STATES = StateMachine(
    name="notifications.delivery",
    transitions={
        "send": {DS.QUEUED: {DS.SENT}},
        "skip": {DS.QUEUED: {DS.SKIPPED}},
        "hold": {DS.QUEUED: {DS.RATE_LIMITED}},
    },
    labels={"send": "发送", "skip": "跳过", "hold": "按频次限制暂缓"},
)
