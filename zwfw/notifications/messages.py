"""Message templates as data: key → title, body, SMS text (Django template syntax), link, and the
channels used when the caller names none. Add a key here to add a kind of message."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Engine
from django.utils.translation import gettext_lazy as _

from .models import Channel


@dataclass(frozen=True)
class MessageTemplate:
    title: str
    body: str
    sms: str
    link: str = ""
    channels: tuple[str, ...] = (Channel.INBOX,)


TEMPLATES: dict[str, MessageTemplate] = {
    "catalog.review_requested": MessageTemplate(
        title=_("事项待审核：{{ item_name }}"),
        body=_("{{ editor }}提交了“{{ item_name }}”第 {{ version_number }} 版，请在“{{ step }}”环节审核。"),
        sms=_("【政务服务】事项“{{ item_name }}”待您审核（{{ step }}），请登录工作台处理。"),
        link="{{ link }}",
    ),
    "catalog.version_returned": MessageTemplate(
        title=_("事项被退回：{{ item_name }}"),
        body=_("“{{ item_name }}”第 {{ version_number }} 版在“{{ step }}”环节被退回。审核意见：{{ comment }}"),
        sms=_("【政务服务】事项“{{ item_name }}”被退回修改，请登录工作台查看审核意见。"),
        link="{{ link }}",
    ),
    "calendar.recompute_finished": MessageTemplate(
        title=_("时限重算完成"),
        body=_("{{ label }}：共 {{ total }} 个时限，其中 {{ changed }} 个到期时间已更新。"),
        sms=_("【政务服务】{{ label }}已完成。"),
        link="{{ link }}",
    ),
}

# Messages are plain text: escaping is the page's job when it shows them.
_engine = Engine(autoescape=False)


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    sms: str
    link: str


def message_render(template: str, context: dict) -> Rendered:
    spec = TEMPLATES[template]
    ctx = Context(context, autoescape=False)

    def render(text) -> str:
        return _engine.from_string(str(text)).render(ctx).strip()

    return Rendered(title=render(spec.title)[:200], body=render(spec.body), sms=render(spec.sms),
                    link=render(spec.link)[:300])
